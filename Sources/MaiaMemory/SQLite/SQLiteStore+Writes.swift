import Foundation
public import MaiaCore

extension SQLiteStore {
    public func append(_ messages: [NewMessage], for user: UserID) throws(MemoryError) -> [MemoryRecord] {
        for message in messages { try MessageValidation.check(message) }
        let now = Date()
        return try run("store the messages") {
            try connection.transaction {
                try connection.query(
                    "INSERT OR IGNORE INTO users (id, created_at) VALUES (?, ?)",
                    [.text(user.rawValue), .integer(now.milliseconds)]
                )
                var ids: [String] = []
                for message in messages {
                    ids.append(try insert(message, for: user, now: now))
                }
                let byID = Dictionary(
                    try fetchByIDs(ids, for: user).map { ($0.id, $0) },
                    uniquingKeysWith: { first, _ in first }
                )
                return ids.compactMap { byID[$0] }
            }
        }
    }

    /// Inserts one message (or finds the one stored under its client id) and returns its id.
    private func insert(_ message: NewMessage, for user: UserID, now: Date) throws -> String {
        if let clientID = message.clientID {
            var existing: String?
            try connection.query(
                "SELECT id FROM messages WHERE user_id = ? AND client_id = ?",
                [.text(user.rawValue), .text(clientID)]
            ) { existing = $0.text(0) }
            if let existing { return existing }
        }
        let id = UUID().uuidString.lowercased()
        let createdAt = (message.createdAt ?? now).milliseconds
        if let session = message.sessionID {
            try connection.query(
                "INSERT OR IGNORE INTO sessions (user_id, id, started_at) VALUES (?, ?, ?)",
                [.text(user.rawValue), .text(session.rawValue), .integer(createdAt)]
            )
        }
        let scores = JSONValue.object(message.elementScores.mapValues { .number($0) }).jsonText
        try connection.query(
            """
            INSERT INTO messages (id, user_id, session_id, client_id, role, content, created_at, language,
                element_scores, coherence, engine, model, metadata)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [
                .text(id), .text(user.rawValue), .optional(message.sessionID?.rawValue), .optional(message.clientID),
                .text(message.role.rawValue), .text(message.content), .integer(createdAt), .optional(message.language),
                .text(scores), message.coherence.map { .real($0) } ?? .null, .optional(message.engine),
                .optional(message.model), .text(message.metadata.jsonText),
            ]
        )
        if message.isBreakthrough {
            try connection.query(
                "INSERT INTO breakthroughs (message_id, user_id, marked_at) VALUES (?, ?, ?)",
                [.text(id), .text(user.rawValue), .integer(now.milliseconds)]
            )
        }
        for kind in outboxKinds {
            try connection.query(
                "INSERT OR IGNORE INTO outbox (kind, user_id, message_id, due_at) VALUES (?, ?, ?, ?)",
                [.text(kind.rawValue), .text(user.rawValue), .text(id), .integer(now.milliseconds)]
            )
        }
        return id
    }

    private func fetchByIDs(_ ids: [String], for user: UserID) throws -> [MemoryRecord] {
        var records: [MemoryRecord] = []
        for id in ids {
            records += try fetch(
                "SELECT \(Self.recordColumns) FROM messages m WHERE m.user_id = ? AND m.id = ?",
                [.text(user.rawValue), .text(id)]
            )
        }
        return records
    }

    public func forget(_ user: UserID) throws(MemoryError) -> ForgetReceipt {
        vectorIndexes = vectorIndexes.filter { $0.key.user != user }
        return try run("erase the user") {
            let receipt = try connection.transaction {
                let key: [SQLiteValue] = [.text(user.rawValue)]
                func delete(_ sql: String) throws -> Int {
                    try connection.query(sql, key)
                    return connection.changes
                }
                // Children first, so that each count is exact rather than hidden in a cascade.
                let outbox = try delete("DELETE FROM outbox WHERE user_id = ?")
                let vectors = try delete("DELETE FROM vectors WHERE user_id = ?")
                let breakthroughs = try delete("DELETE FROM breakthroughs WHERE user_id = ?")
                let messages = try delete("DELETE FROM messages WHERE user_id = ?")
                let sessions = try delete("DELETE FROM sessions WHERE user_id = ?")
                _ = try delete("DELETE FROM users WHERE id = ?")
                // FTS5 keeps deleted words in its segments until they merge; merging now (rewriting the index,
                // with secure_delete zeroing the freed pages) is what makes the erasure real.
                try connection.execute("INSERT INTO messages_fts (messages_fts) VALUES ('optimize')")
                return ForgetReceipt(
                    userID: user.rawValue,
                    messages: messages,
                    sessions: sessions,
                    breakthroughs: breakthroughs,
                    vectors: vectors,
                    outboxEntries: outbox
                )
            }
            // The write-ahead log still holds the pages as they were before the erasure until it is emptied.
            try connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            return receipt
        }
    }
}

/// Checks applied to every message before it is stored, identical for every backend; the agent applies them to a
/// turn's message before calling any model, so that a message the store would refuse costs no model call.
public enum MessageValidation {
    /// The longest message stored, in characters.
    static let maxContentLength = 100_000

    public static func check(_ message: NewMessage) throws(MemoryError) {
        if message.content.allSatisfy(\.isWhitespace) {
            throw MemoryError(
                .invalidInput,
                "a message must have some text; empty or whitespace-only text is not stored"
            )
        }
        if message.content.count > maxContentLength {
            throw MemoryError(
                .invalidInput,
                "a message is at most \(maxContentLength) characters; this one has \(message.content.count)"
            )
        }
        if message.metadata.objectValue == nil {
            throw MemoryError(.invalidInput, "metadata must be a JSON object, e.g. {\"source\": \"journal\"}")
        }
        if let clientID = message.clientID, clientID.isEmpty || clientID.count > 200 {
            throw MemoryError(.invalidInput, "a client id must have 1 to 200 characters")
        }
        // PostgreSQL cannot store U+0000 in text or jsonb, and C string APIs cut text there: refusing it keeps
        // every backend byte-exact instead of storing a truncated message as if it were whole.
        if let offset = nulOffset(message.content) {
            throw MemoryError(
                .invalidInput,
                "the content has a NUL character (U+0000) at code point \(offset + 1), which cannot be stored; "
                    + "remove it (every other character is accepted)"
            )
        }
        if let clientID = message.clientID, nulOffset(clientID) != nil {
            throw MemoryError(.invalidInput, "a client id cannot contain a NUL character (U+0000)")
        }
        if containsNUL(message.metadata) {
            throw MemoryError(.invalidInput, "metadata keys and strings cannot contain a NUL character (U+0000)")
        }
    }

    private static func nulOffset(_ text: String) -> Int? {
        let scalars = text.unicodeScalars
        return scalars.firstIndex(of: "\u{0}").map { scalars.distance(from: scalars.startIndex, to: $0) }
    }

    private static func containsNUL(_ value: JSONValue) -> Bool {
        switch value {
        case .string(let text): nulOffset(text) != nil
        case .array(let items): items.contains(where: containsNUL)
        case .object(let fields): fields.contains { nulOffset($0.key) != nil || containsNUL($0.value) }
        default: false
        }
    }
}
