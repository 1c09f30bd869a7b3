import Foundation
import MaiaCore

/// Parses one line of a `maia memory import` file: a JSON object with `role`, `content`, and optionally
/// `created_at` (ISO 8601), `session_id`, `metadata` (object), `breakthrough` (bool) and `client_id`.
/// Other fields (such as those `maia memory export` writes) are ignored so that an export can be imported.
public enum ImportLine {
    /// The parsed message, or an error saying what is wrong and what is accepted.
    public static func parse(_ line: String, occurrence: Int = 0) throws(MemoryError) -> NewMessage {
        guard let value = JSONValue(parsing: line) else { throw invalid(syntaxProblem(line)) }
        guard let object = value.objectValue else {
            throw invalid("the line is not a JSON object; expected {\"role\": \"user\", \"content\": \"...\"}")
        }
        guard let roleText = object["role"]?.stringValue else {
            throw invalid("\"role\" is missing or not a string; accepted: \"user\" or \"maia\"")
        }
        guard let role = Role(rawValue: roleText) else {
            throw invalid("\"role\" is \"\(roleText.prefix(40))\"; accepted: \"user\" or \"maia\"")
        }
        guard let content = object["content"]?.stringValue else {
            throw invalid("\"content\" is missing or not a string")
        }
        var message = NewMessage(role: role, content: content)
        if let created = object["created_at"], created != .null {
            guard let text = created.stringValue, let date = ISO8601.parse(text) else {
                throw invalid(
                    "\"created_at\" must be an ISO 8601 time such as \"2024-05-01T09:30:00Z\" or a date \"2024-05-01\""
                )
            }
            message.createdAt = date
        }
        if let session = object["session_id"], session != .null {
            guard let text = session.stringValue else { throw invalid("\"session_id\" must be a string") }
            do {
                message.sessionID = try SessionID(validating: text)
            } catch {
                throw invalid("\"session_id\": \(error)")
            }
        }
        if let metadata = object["metadata"], metadata != .null {
            guard metadata.objectValue != nil else { throw invalid("\"metadata\" must be a JSON object") }
            message.metadata = metadata
        }
        if let flag = object["breakthrough"], flag != .null {
            guard let bool = flag.boolValue else { throw invalid("\"breakthrough\" must be true or false") }
            message.isBreakthrough = bool
        }
        if let clientID = object["client_id"], clientID != .null {
            guard let text = clientID.stringValue else { throw invalid("\"client_id\" must be a string") }
            message.clientID = text
        } else {
            // A stable key per distinct line lets a re-run (after fixing a bad line) skip what was imported.
            message.clientID = "import:\(fnv1a(line))#\(occurrence)"
        }
        try MessageValidation.check(message)
        return message
    }

    /// Why `line` is not JSON, naming a number out of range (which would otherwise be stored as `null`).
    private static func syntaxProblem(_ line: String) -> String {
        let bytes = Array(line.utf8)
        let start = bytes.firstIndex { ![0x20, 0x09, 0x0D].contains($0) } ?? 0
        let expected = "expected one JSON object such as {\"role\": \"user\", \"content\": \"...\"}"
        // The parser fails at a number's first byte only when the number is beyond the range of a double.
        if case .failure(.invalid(let offset)) = StrictJSONParser.parseValue(in: bytes, at: start),
            offset < bytes.count, bytes[offset] == UInt8(ascii: "-") || (0x30...0x39).contains(bytes[offset])
        {
            return "the number at byte \(offset + 1) is out of range: numbers are kept as 64-bit floating point "
                + "(magnitude at most about 1.8e308); write a larger value as a string"
        }
        return "the line is not valid JSON; \(expected)"
    }

    private static func invalid(_ reason: String) -> MemoryError {
        MemoryError(.invalidInput, reason)
    }

    static func fnv1a(_ text: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return String(hash, radix: 16)
    }
}
