import MaiaCore

/// Decides whether a parsed JSON value is a tool call (PROTOCOLS.md §7 rule 1) and extracts it.
enum ToolCallShape {
    /// The call `value` denotes, or `nil` when it is not call-shaped.
    ///
    /// Accepted: `{"name", "parameters"|"arguments"}` with an optional `"type": "function"` (which also allows a call
    /// without arguments); the same wrapped as
    /// `{"function": {...}}` (optionally with `"type": "function"`); TGI's `{"function": {"_name": "x", ...args}}`.
    /// Arguments must be an object, or a string holding a JSON object (OpenAI's spelling).
    static func call(from value: JSONValue) -> ParsedToolCalls.Call? {
        guard case .object(let members) = value else { return nil }
        if let typeValue = members["type"], typeValue != .string("function") { return nil }
        if members["name"] == nil, case .object(let inner)? = members["function"] {
            if let direct = directCall(inner, marked: members["type"] != nil || inner["type"] != nil) {
                return direct
            }
            if case .string(let name)? = inner["_name"], isToolName(name) {
                var arguments = inner
                arguments["_name"] = nil
                return ParsedToolCalls.Call(name: name, arguments: .object(arguments))
            }
            return nil
        }
        return directCall(members, marked: members["type"] != nil)
    }

    private static func directCall(_ members: [String: JSONValue], marked: Bool) -> ParsedToolCalls.Call? {
        guard case .string(let name)? = members["name"], isToolName(name) else { return nil }
        if let typeValue = members["type"], typeValue != .string("function") { return nil }
        guard let raw = members["parameters"] ?? members["arguments"] else {
            // A call without arguments counts only when marked `"type": "function"` (here or on the wrapper),
            // which small models write for tools whose parameters are all optional; a bare `{"name": …}` is prose.
            return marked ? ParsedToolCalls.Call(name: name, arguments: [:]) : nil
        }
        switch raw {
        case .object:
            return ParsedToolCalls.Call(name: name, arguments: raw)
        case .string(let text):
            guard let decoded = StrictJSONParser.parse(text), case .object = decoded else { return nil }
            return ParsedToolCalls.Call(name: name, arguments: decoded)
        default:
            return nil
        }
    }

    /// Tool names are 1–128 characters of letters, digits, `_`, `-`, `.` and `:`; prose never matches.
    static func isToolName(_ name: String) -> Bool {
        guard !name.isEmpty, name.utf8.count <= 128 else { return false }
        return name.utf8.allSatisfy { isNameByte($0) }
    }

    static func isNameByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"), UInt8(ascii: "-"), UInt8(ascii: "."),
            UInt8(ascii: ":"):
            true
        default:
            false
        }
    }
}
