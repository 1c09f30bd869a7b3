public import MaiaCore

/// Writes JSON the way Python's `json.dumps` (and so Jinja's `tojson` in chat templates) does: `", "` and `": "`
/// separators, optional indentation, non-ASCII kept as is. Object keys are sorted, so output is stable.
public enum PythonStyleJSON {
    /// `value` as text; with `indent`, pretty-printed with that many spaces per level.
    public static func text(_ value: JSONValue, indent: Int? = nil) -> String {
        var out = ""
        write(value, indent: indent, level: 0, into: &out)
        return out
    }

    /// Writes an object whose members keep the given order (used for tool definitions: type, then function).
    static func orderedObject(_ members: [(String, String)], indent: Int?, level: Int) -> String {
        guard !members.isEmpty else { return "{}" }
        guard let indent else {
            return "{" + members.map { "\(quoted($0.0)): \($0.1)" }.joined(separator: ", ") + "}"
        }
        let inner = String(repeating: " ", count: indent * (level + 1))
        let outer = String(repeating: " ", count: indent * level)
        return "{\n" + members.map { "\(inner)\(quoted($0.0)): \($0.1)" }.joined(separator: ",\n") + "\n\(outer)}"
    }

    static func write(_ value: JSONValue, indent: Int?, level: Int, into out: inout String) {
        switch value {
        case .null: out += "null"
        case .bool(let flag): out += flag ? "true" : "false"
        case .number(let number): out += numberText(number)
        case .string(let string): out += quoted(string)
        case .array(let elements):
            guard !elements.isEmpty else {
                out += "[]"
                return
            }
            out += "["
            for (position, element) in elements.enumerated() {
                out += position == 0 ? "" : (indent == nil ? ", " : ",")
                if let indent { out += "\n" + String(repeating: " ", count: indent * (level + 1)) }
                write(element, indent: indent, level: level + 1, into: &out)
            }
            if let indent { out += "\n" + String(repeating: " ", count: indent * level) }
            out += "]"
        case .object(let members):
            let rendered = members.keys.sorted().map { key -> (String, String) in
                var text = ""
                write(members[key] ?? .null, indent: indent, level: level + 1, into: &text)
                return (key, text)
            }
            out += orderedObject(rendered, indent: indent, level: level)
        }
    }

    static func numberText(_ number: Double) -> String {
        if number.rounded() == number, abs(number) < 1e15 { return String(Int64(number)) }
        return String(number)
    }

    static func quoted(_ string: String) -> String {
        var out = "\""
        for scalar in string.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            case let control where control.value < 0x20:
                let hex = String(control.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
