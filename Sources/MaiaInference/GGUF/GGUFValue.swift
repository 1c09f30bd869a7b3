/// One metadata value of a GGUF file.
public enum GGUFValue: Sendable, Hashable {
    case integer(Int64)
    case unsigned(UInt64)
    case float(Double)
    case bool(Bool)
    case string(String)
    case array([GGUFValue])

    /// The value as an integer, when it is one (of any width or signedness that fits).
    public var intValue: Int? {
        switch self {
        case .integer(let value): return Int(exactly: value)
        case .unsigned(let value): return Int(exactly: value)
        default: return nil
        }
    }

    /// The value as a floating-point number, when it is a number.
    public var doubleValue: Double? {
        switch self {
        case .float(let value): return value
        case .integer(let value): return Double(value)
        case .unsigned(let value): return Double(value)
        default: return nil
        }
    }

    /// The value as a string, when it is one.
    public var stringValue: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    /// The value as a boolean, when it is one.
    public var boolValue: Bool? {
        if case .bool(let value) = self { return value }
        return nil
    }

    /// The elements, when the value is an array.
    public var arrayValue: [GGUFValue]? {
        if case .array(let value) = self { return value }
        return nil
    }
}
