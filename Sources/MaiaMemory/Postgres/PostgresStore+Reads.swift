import Foundation
public import MaiaCore
import PostgresNIO

extension PostgresStore {
    public func recent(
        for user: UserID,
        limit: Int,
        in scope: RecentScope
    ) async throws(MemoryError) -> [MemoryRecord] {
        // Each filter is either applied or neutralised by a bound flag, so that the statement stays one prepared shape.
        let session: String?
        let anySession: Bool
        switch scope.sessions {
        case .all: (session, anySession) = (nil, true)
        case .only(let id): (session, anySession) = (id?.rawValue, false)
        }
        let asOf = scope.asOf?.roundedToMilliseconds
        return try await transaction("read recent messages", .user(user)) { connection in
            try await fetch(
                """
                SELECT \(unescaped: Self.recordColumns) FROM messages m WHERE m.user_id = \(user.rawValue)
                AND (\(anySession) OR m.session_id IS NOT DISTINCT FROM \(session))
                AND (\(asOf)::timestamptz IS NULL OR m.created_at <= \(asOf))
                ORDER BY m.created_at DESC, m.seq DESC LIMIT \(max(0, limit))
                """,
                on: connection
            )
        }
    }

    public func breakthroughs(for user: UserID, limit: Int) async throws(MemoryError) -> [MemoryRecord] {
        try await transaction("read breakthroughs", .user(user)) { connection in
            try await fetch(
                """
                SELECT \(unescaped: Self.recordColumns) FROM breakthroughs b0 JOIN messages m ON m.id = b0.message_id
                WHERE b0.user_id = \(user.rawValue) AND m.user_id = \(user.rawValue)
                ORDER BY m.created_at DESC, m.seq DESC LIMIT \(max(0, limit))
                """,
                on: connection
            )
        }
    }

    public func records(ids: [String], for user: UserID) async throws(MemoryError) -> [MemoryRecord] {
        guard !ids.isEmpty else { return [] }
        return try await transaction("read messages", .user(user)) { connection in
            try await fetch(
                """
                SELECT \(unescaped: Self.recordColumns) FROM messages m
                WHERE m.user_id = \(user.rawValue) AND m.id = ANY(\(ids))
                """,
                on: connection
            )
        }
    }

    public func allMessages(for user: UserID) async throws(MemoryError) -> [MemoryRecord] {
        try await transaction("read messages", .user(user)) { connection in
            try await fetch(
                """
                SELECT \(unescaped: Self.recordColumns) FROM messages m WHERE m.user_id = \(user.rawValue)
                ORDER BY m.created_at, m.seq
                """,
                on: connection
            )
        }
    }

    public func setBreakthrough(
        _ isBreakthrough: Bool,
        messageID: String,
        for user: UserID
    ) async throws(MemoryError) {
        try await transaction("mark the breakthrough", .user(user)) { connection in
            let owned = try await collect(
                try await connection.query(
                    "SELECT 1 FROM messages WHERE id = \(messageID) AND user_id = \(user.rawValue)",
                    logger: logger
                )
            ) { _ in true }
            guard !owned.isEmpty else {
                throw MemoryError(.notFound, "no message with id \(messageID) for user \(user.rawValue)")
            }
            if isBreakthrough {
                try await markBreakthrough(messageID, for: user, on: connection)
            } else {
                try await connection.query(
                    "DELETE FROM breakthroughs WHERE message_id = \(messageID) AND user_id = \(user.rawValue)",
                    logger: logger
                )
            }
        }
    }
}
