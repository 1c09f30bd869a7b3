import Foundation
import MaiaCore
import MaiaMemory

/// The two tools that write, offered only with ``MemoryToolExecutor/Access/direct``.
extension MemoryToolExecutor {
    func remember(_ arguments: ToolArguments) async throws -> JSONValue {
        guard let text = arguments.string("text"), !text.allSatisfy(\.isWhitespace) else {
            throw ToolCallError("\"text\" must say what to remember")
        }
        let message = NewMessage(
            role: .user,
            content: text,
            sessionID: try Self.session(arguments.string("session_id")),
            isBreakthrough: arguments.bool("breakthrough", default: false),
            metadata: arguments.object("metadata") ?? .object([:])
        )
        let stored = try await Self.refusingBadInput { try await store.append([message], for: user) }
        onWrite()
        guard let record = stored.first else { throw ToolCallError("the note was not stored; try again") }
        return [
            "id": .string(record.id), "timestamp": .string(ISO8601.format(record.createdAt)),
            "breakthrough": .bool(record.isBreakthrough),
        ]
    }

    func flagStored(_ arguments: ToolArguments) async throws -> JSONValue {
        let id: String
        if let named = arguments.string("message_id") {
            id = named
        } else {
            let latest = try await store.recent(for: user, limit: 20, in: RecentScope(asOf: asOf))
            guard let message = latest.first(where: { $0.role == .user }) else {
                throw ToolCallError("this person has no stored message to flag yet; store one with remember first")
            }
            id = message.id
        }
        do {
            try await store.setBreakthrough(true, messageID: id, for: user)
        } catch {
            guard error.code == .notFound else { throw error }
            throw ToolCallError(
                "\"message_id\" names no message of this person; use an id that remember returned, or leave it out "
                    + "to flag their latest message"
            )
        }
        var result: [String: JSONValue] = ["flagged": true, "id": .string(id)]
        if let reason = arguments.string("reason") { result["reason"] = .string(reason) }
        return .object(result)
    }

    private static func session(_ named: String?) throws(ToolCallError) -> SessionID? {
        guard let named else { return nil }
        do {
            return try SessionID(validating: named)
        } catch {
            throw ToolCallError("\"session_id\" is not a valid id: \(error)")
        }
    }

    /// Runs a store write, turning input the store refuses into a tool error that says what was wrong.
    private static func refusingBadInput<T>(_ write: () async throws -> T) async throws -> T {
        do {
            return try await write()
        } catch let error as MemoryError {
            guard error.code == .invalidInput else { throw error }
            throw ToolCallError(error.message)
        }
    }
}
