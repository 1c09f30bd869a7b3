public import MaiaCore

/// Tool arguments checked against the tool's JSON Schema (the subset MAIA's schemas use: an object of `string`,
/// `integer`, `boolean` and `object` properties with `minimum`/`maximum`, `required`, and no other properties).
/// Errors are sentences the model can act on in its next round.
public struct ToolArguments: Sendable {
    private let values: [String: JSONValue]

    /// Validates `arguments` against `schema`; `exempt` names properties that may be missing even if required.
    public init(_ arguments: JSONValue, schema: JSONValue, exempt: Set<String> = []) throws(ToolCallError) {
        guard let object = arguments.objectValue else {
            if case .string = arguments {
                throw ToolCallError("the arguments are not valid JSON; send a JSON object")
            }
            throw ToolCallError("the arguments must be a JSON object")
        }
        let properties = schema["properties"]?.objectValue ?? [:]
        let accepted = properties.keys.sorted().joined(separator: ", ")
        for key in object.keys.sorted() where properties[key] == nil {
            throw ToolCallError("unknown parameter \"\(key)\"; accepted parameters: \(accepted)")
        }
        for required in schema["required"]?.arrayValue?.compactMap(\.stringValue) ?? []
        where object[required] == nil && !exempt.contains(required) {
            throw ToolCallError("the parameter \"\(required)\" is required")
        }
        for (key, value) in object {
            guard let property = properties[key] else { continue }
            try Self.check(key, value, against: property)
        }
        values = object
    }

    private static func check(_ key: String, _ value: JSONValue, against property: JSONValue) throws(ToolCallError) {
        switch property["type"]?.stringValue {
        case "string":
            guard value.stringValue != nil else { throw ToolCallError("\"\(key)\" must be a string") }
        case "boolean":
            guard value.boolValue != nil else { throw ToolCallError("\"\(key)\" must be true or false") }
        case "object":
            guard value.objectValue != nil else {
                throw ToolCallError("\"\(key)\" must be a JSON object, e.g. {\"source\": \"journal\"}")
            }
        case "integer":
            let minimum = property["minimum"]?.numberValue ?? -Double.infinity
            let maximum = property["maximum"]?.numberValue ?? Double.infinity
            guard let number = value.numberValue, number.rounded() == number, number >= minimum, number <= maximum
            else {
                let range = "from \(Int(minimum)) to \(Int(maximum))"
                let got =
                    value.stringValue.map { "the string \"\($0.prefix(20))\"" } ?? value.jsonText.prefix(20).description
                throw ToolCallError("\"\(key)\" must be a whole number \(range), not \(got)")
            }
        default:
            return
        }
    }

    /// The string argument `key`, if given.
    public func string(_ key: String) -> String? { values[key]?.stringValue }

    /// The object argument `key`, if given.
    public func object(_ key: String) -> JSONValue? { values[key].flatMap { $0.objectValue == nil ? nil : $0 } }

    /// The integer argument `key`, or `fallback` when absent.
    public func integer(_ key: String, default fallback: Int) -> Int {
        values[key]?.numberValue.map { Int($0) } ?? fallback
    }

    /// The boolean argument `key`, or `fallback` when absent.
    public func bool(_ key: String, default fallback: Bool) -> Bool {
        values[key]?.boolValue ?? fallback
    }
}

/// Why a tool call was refused or failed; sent back to the model as an error result.
public struct ToolCallError: Error, Sendable, Hashable, CustomStringConvertible {
    public let description: String

    /// Creates an error with a sentence for the model.
    public init(_ description: String) {
        self.description = description
    }
}
