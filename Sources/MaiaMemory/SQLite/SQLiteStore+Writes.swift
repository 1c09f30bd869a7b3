import Foundation
public import MaiaCore

extension SQLiteStore {
    public func appendCounting(_ messages: [NewMessage], for user: UserID) throws(MemoryError) -> AppendResult {
        for message in messages { try MessageValidation.check(message) }
        let now = Date()
        return try run("store the messages") {
            try connection.transaction {
                try connection.query(
                    "INSERT OR IGNORE INTO users (id, created_at) VALUES (?, ?)",
                    [.text(user.rawValue), .integer(now.milliseconds)]
                )
                var ids: [String] = []
                var stored = 0
                for message in messages {
                    let (id, isNew) = try insert(message, for: user, now: now)
                    ids.append(id)
                    if isNew { stored += 1 }
                }
                let byID = Dictionary(
                    try fetchByIDs(ids, for: user).map { ($0.id, $0) },
                    uniquingKeysWith: { first, _ in first }
                )
                return AppendResult(records: ids.compactMap { byID[$0] }, stored: stored)
            }
        }
    }

    /// Inserts one message (or finds the one stored under its client id) and returns its id and whether it is new.
    private func insert(_ message: NewMessage, for user: UserID, now: Date) throws -> (id: String, isNew: Bool) {
        if let clientID = message.clientID {
            var existing: String?
            try connection.query(
                "SELECT id FROM messages WHERE user_id = ? AND client_id = ?",
                [.text(user.rawValue), .text(clientID)]
            ) { existing = $0.text(0) }
            if let existing { return (existing, false) }
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
            INSERT INTO messages (id, user_id, session_id, client_id, role, content, search_text, created_at, language,
                element_scores, coherence, engine, model, metadata)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [
                .text(id), .text(user.rawValue), .optional(message.sessionID?.rawValue), .optional(message.clientID),
                .text(message.role.rawValue), .text(message.content),
                KeywordQuery.needsSegmenting(message.content) ? .text(KeywordQuery.segmented(message.content)) : .null,
                .integer(createdAt), .optional(message.language),
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
        return (id, true)
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

    public func forget(_ user: UserID) async throws(MemoryError) -> ForgetReceipt {
        vectorIndexes = vectorIndexes.filter { $0.key.user != user }
        await keywordReader.forgetCounts()
        let key: [SQLiteValue] = [.text(user.rawValue)]
        // In batches, each its own short transaction with a pause after it, so that writers of this and other
        // processes get the write lock between batches: one transaction over 402K messages held it for 13.8 s, past
        // the 5 s busy timeout, and concurrent adds failed with `database is locked`. Children first, so that each
        // count is exact rather than hidden in a cascade.
        var counts: [Int] = []
        for (table, rowID) in Self.forgetOrder {
            var total = 0
            while true {
                let deleted = try run("erase the user") {
                    try connection.transaction {
                        try connection.query(
                            "DELETE FROM \(table) WHERE \(rowID) IN "
                                + "(SELECT \(rowID) FROM \(table) WHERE user_id = ? LIMIT \(Self.forgetBatch))",
                            key
                        )
                        return connection.changes
                    }
                }
                total += deleted
                if deleted < Self.forgetBatch { break }
                try? await Task.sleep(for: Self.forgetPause)
            }
            counts.append(total)
        }
        // What was added while the batches ran (for this user) goes in the last transaction with the user itself.
        let receipt = try run("erase the user") {
            try connection.transaction {
                var final: [Int] = []
                for (index, (table, _)) in Self.forgetOrder.enumerated() {
                    try connection.query("DELETE FROM \(table) WHERE user_id = ?", key)
                    final.append(counts[index] + connection.changes)
                }
                // Experiment rows name the user too: a unit is the user id, or one of their session ids.
                try connection.query("DELETE FROM experiment_turns WHERE user_id = ?", key)
                try connection.query("DELETE FROM turn_feedback WHERE user_id = ?", key)
                // A forgotten person is never exported again, even if they come back: consent starts again at no.
                try connection.query("DELETE FROM training_consent WHERE user_id = ?", key)
                try connection.query(
                    "DELETE FROM experiment_exposures WHERE unit = ? OR unit IN (SELECT id FROM sessions WHERE user_id = ?)",
                    key + key
                )
                try connection.query("DELETE FROM sessions WHERE user_id = ?", key)
                let sessions = connection.changes
                try connection.query("DELETE FROM users WHERE id = ?", key)
                return ForgetReceipt(
                    userID: user.rawValue,
                    messages: final[3],
                    sessions: sessions,
                    breakthroughs: final[2],
                    vectors: final[1],
                    outboxEntries: final[0]
                )
            }
        }
        try await mergeKeywordIndex()
        // The write-ahead log still holds the pages as they were before the erasure until it is emptied.
        try run("erase the user") { try connection.execute("PRAGMA wal_checkpoint(TRUNCATE)") }
        return receipt
    }

    /// The tables `forget` erases in batches, children first, with the column that identifies a row.
    private static let forgetOrder = [
        ("outbox", "id"), ("vectors", "message_id"), ("breakthroughs", "message_id"), ("messages", "seq"),
    ]
    /// Rows a `forget` batch deletes: about 40 ms of writing for messages (each also updates the keyword index).
    static let forgetBatch = 1000
    /// The pause between `forget` batches, long enough for a writer waiting on the busy handler to get the lock.
    static let forgetPause = Duration.milliseconds(10)

    /// Merges the keyword index's segments, which still hold the deleted words (and delete markers) until they
    /// merge; merging (with secure_delete zeroing the freed pages) is what makes an erasure real. Incremental
    /// merges, each a short transaction, replace one `optimize` that rewrote the whole index under the write lock.
    /// As FTS5 documents: a first merge with a negative page count puts every segment on one level, and merges
    /// with a positive count until `total_changes` moves by less than two finish it exactly as `optimize` would,
    /// even if writers add segments meanwhile.
    private func mergeKeywordIndex() async throws(MemoryError) {
        var pages = -500
        while true {
            let changed = try run("merge the keyword index") {
                let before = connection.totalChanges
                try connection.transaction {
                    try connection.execute("INSERT INTO messages_fts (messages_fts, rank) VALUES ('merge', \(pages))")
                }
                return connection.totalChanges - before
            }
            if changed < 2 { break }
            pages = 500
            try? await Task.sleep(for: Self.forgetPause)
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
