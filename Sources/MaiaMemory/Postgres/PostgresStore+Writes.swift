import Foundation
public import MaiaCore
import PostgresNIO

extension PostgresStore {
    public func appendCounting(_ messages: [NewMessage], for user: UserID) async throws(MemoryError) -> AppendResult {
        for message in messages { try MessageValidation.check(message) }
        let now = Date().roundedToMilliseconds
        return try await transaction("store the messages", .user(user)) { connection in
            try await ensureUser(user, on: connection)
            var ids: [String] = []
            var stored = 0
            for message in messages {
                let (id, isNew) = try await insert(message, for: user, now: now, on: connection)
                ids.append(id)
                if isNew { stored += 1 }
            }
            let byID = Dictionary(
                try await fetch(
                    "SELECT \(unescaped: Self.recordColumns) FROM messages m WHERE m.user_id = \(user.rawValue) AND m.id = ANY(\(ids))",
                    on: connection
                ).map { ($0.id, $0) },
                uniquingKeysWith: { first, _ in first }
            )
            return AppendResult(records: ids.compactMap { byID[$0] }, stored: stored)
        }
    }

    /// Inserts one message (or finds the one stored under its client id) and returns its id and whether it is new.
    private func insert(
        _ message: NewMessage,
        for user: UserID,
        now: Date,
        on connection: PostgresConnection
    ) async throws -> (id: String, isNew: Bool) {
        if let clientID = message.clientID {
            let existing = try await collect(
                try await connection.query(
                    "SELECT id FROM messages WHERE user_id = \(user.rawValue) AND client_id = \(clientID)",
                    logger: logger
                )
            ) { try $0[0].decode(String.self) }
            if let id = existing.first { return (id, false) }
        }
        let id = UUID().uuidString.lowercased()
        let createdAt = (message.createdAt ?? now).roundedToMilliseconds
        if let session = message.sessionID {
            try await ensureSession(session, startedAt: createdAt, for: user, on: connection)
        }
        let scores = JSONValue.object(message.elementScores.mapValues { .number($0) }).jsonText
        try await connection.query(
            """
            INSERT INTO messages (id, user_id, session_id, client_id, role, content, search_text, created_at, language,
                element_scores, coherence, engine, model, metadata)
            VALUES (\(id), \(user.rawValue), \(message.sessionID?.rawValue), \(message.clientID),
                \(message.role.rawValue), \(message.content), \(KeywordQuery.fold(message.content)), \(createdAt),
                \(message.language), \(scores)::jsonb, \(message.coherence), \(message.engine), \(message.model),
                \(message.metadata.jsonText)::jsonb)
            """,
            logger: logger
        )
        if message.isBreakthrough {
            try await markBreakthrough(id, for: user, on: connection)
        }
        try await queueWork(for: id, of: user, kinds: outboxKinds, on: connection)
        return (id, true)
    }

    func ensureUser(_ user: UserID, on connection: PostgresConnection) async throws {
        try await connection.query(
            "INSERT INTO users (id, created_at) VALUES (\(user.rawValue), now()) ON CONFLICT (id) DO NOTHING",
            logger: logger
        )
    }

    func ensureSession(
        _ session: SessionID,
        startedAt: Date,
        for user: UserID,
        on connection: PostgresConnection
    ) async throws {
        try await connection.query(
            """
            INSERT INTO sessions (user_id, id, started_at) VALUES (\(user.rawValue), \(session.rawValue), \(startedAt))
            ON CONFLICT (user_id, id) DO NOTHING
            """,
            logger: logger
        )
    }

    func markBreakthrough(_ messageID: String, for user: UserID, on connection: PostgresConnection) async throws {
        try await connection.query(
            """
            INSERT INTO breakthroughs (message_id, user_id, marked_at) VALUES (\(messageID), \(user.rawValue), now())
            ON CONFLICT (message_id) DO NOTHING
            """,
            logger: logger
        )
    }

    /// Queues background work of `kinds` for a new message, in the caller's transaction.
    func queueWork(
        for messageID: String,
        of user: UserID,
        kinds: [OutboxItem.Kind],
        on connection: PostgresConnection
    ) async throws {
        for kind in kinds {
            try await connection.query(
                """
                INSERT INTO outbox (kind, user_id, message_id, due_at)
                VALUES (\(kind.rawValue), \(user.rawValue), \(messageID), now())
                ON CONFLICT (kind, message_id) DO NOTHING
                """,
                logger: logger
            )
        }
    }

    public func forget(_ user: UserID) async throws(MemoryError) -> ForgetReceipt {
        try await transaction("erase the user", .user(user)) { connection in
            // Children first, so that each count is exact rather than hidden in a cascade.
            func delete(_ query: PostgresQuery) async throws -> Int {
                try await collect(try await connection.query(query, logger: logger)) { _ in () }.count
            }
            let key = user.rawValue
            let outbox = try await delete("DELETE FROM outbox WHERE user_id = \(key) RETURNING 1")
            let vectors = try await delete("DELETE FROM vectors WHERE user_id = \(key) RETURNING 1")
            let breakthroughs = try await delete("DELETE FROM breakthroughs WHERE user_id = \(key) RETURNING 1")
            let messages = try await delete("DELETE FROM messages WHERE user_id = \(key) RETURNING 1")
            // Experiment rows name the user too: a unit is the user id, or one of their session ids.
            _ = try await delete("DELETE FROM experiment_turns WHERE user_id = \(key) RETURNING 1")
            _ = try await delete("DELETE FROM turn_feedback WHERE user_id = \(key) RETURNING 1")
            // A forgotten person is never exported again, even if they come back: consent starts again at no.
            _ = try await delete("DELETE FROM training_consent WHERE user_id = \(key) RETURNING 1")
            _ = try await delete(
                """
                DELETE FROM experiment_exposures
                WHERE unit = \(key) OR unit IN (SELECT id FROM sessions WHERE user_id = \(key)) RETURNING 1
                """
            )
            let sessions = try await delete("DELETE FROM sessions WHERE user_id = \(key) RETURNING 1")
            _ = try await delete("DELETE FROM users WHERE id = \(key) RETURNING 1")
            return ForgetReceipt(
                userID: user.rawValue,
                messages: messages,
                sessions: sessions,
                breakthroughs: breakthroughs,
                vectors: vectors,
                outboxEntries: outbox
            )
        }
    }
}
