import Foundation
import MaiaCore

/// Parses one line of a `maia memory import` file: a JSON object with `role`, `content`, and optionally
/// `created_at` (ISO 8601), `session_id`, `metadata` (object), `breakthrough` (bool) and `client_id`.
/// Other fields (such as those `maia memory export` writes) are ignored so that an export can be imported.
public enum ImportLine {
    /// The parsed message, or an error saying what is wrong and what is accepted.
    public static func parse(_ line: String, occurrence: Int = 0) throws(MemoryError) -> NewMessage {
        guard let value = JSONValue(parsing: line), let object = value.objectValue else {
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
            guard let text = session.stringValue, let id = SessionID(text) else {
                throw invalid("\"session_id\" must be a non-empty string of at most 200 characters")
            }
            message.sessionID = id
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

    private static func invalid(_ reason: String) -> MemoryError {
        MemoryError(.invalidInput, reason)
    }

    static func fnv1a(_ text: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return String(hash, radix: 16)
    }
}
