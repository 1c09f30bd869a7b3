import Foundation
public import MaiaCore

/// The embedded canonical store: one SQLite file, WAL journaling, FTS5 for keyword search, and an outbox table
/// for background indexing. One actor owns the connection, so calls are serialised.
public actor SQLiteStore: MemoryStore {
    let connection: SQLiteConnection
    let outboxKinds: [OutboxItem.Kind]
    /// Vectors loaded on a user's first semantic search, kept in step by `saveVectors` and `forget` of this store,
    /// and brought up to date before a search when another connection (another process) has written the file.
    var vectorIndexes: [IndexKey: CachedIndex] = [:]
    /// Keyword search's own connection (see `SQLiteStore+Search.swift`).
    let keywordReader: SQLiteKeywordReader

    /// Opens (creating folders and file as needed) the store at `path` and applies pending migrations.
    ///
    /// - Parameter outboxKinds: the background work queued for each new message (`mem0` only when mirroring).
    /// - Parameter keywordBudget: how much of a user's history keyword search ranks.
    public init(
        path: String,
        outboxKinds: [OutboxItem.Kind] = [.embed],
        keywordBudget: KeywordBudget = .standard
    ) throws(MemoryError) {
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw MemoryError(.storage, "cannot create the folder \(folder.path) for the SQLite database")
        }
        connection = try SQLiteConnection(path: path)
        // Erased rows are overwritten on disk, so that `forget` does not leave a user's words in free pages.
        try connection.execute("PRAGMA secure_delete = ON")
        try SQLiteSchema.migrate(connection)
        self.outboxKinds = outboxKinds
        keywordReader = try SQLiteKeywordReader(path: path, keywordBudget: keywordBudget)
    }

    /// What SQLite's `PRAGMA integrity_check` reports wrong with the file: empty when the database is intact.
    public func integrityProblems() throws(MemoryError) -> [String] {
        try run("check the database") {
            var lines: [String] = []
            try connection.query("PRAGMA integrity_check") { lines.append($0.text(0)) }
            return lines == ["ok"] ? [] : lines
        }
    }

    /// Runs database work, turning any failure into a `MemoryError`.
    func run<T>(_ what: String, _ body: () throws -> T) throws(MemoryError) -> T {
        try Self.run(what, body)
    }

    /// Database work of any connection to the store's file, with any failure turned into a `MemoryError`.
    static func run<T>(_ what: String, _ body: () throws -> T) throws(MemoryError) -> T {
        do {
            return try body()
        } catch let error as MemoryError {
            throw error
        } catch {
            throw MemoryError(.storage, "could not \(what)", underlying: "\(error)")
        }
    }

    static let recordColumns = """
        m.id, m.user_id, m.session_id, m.role, m.content, m.created_at, m.language, m.element_scores, m.coherence,
        m.engine, m.model, m.metadata, EXISTS (SELECT 1 FROM breakthroughs b WHERE b.message_id = m.id)
        """

    static func record(_ row: SQLiteRow, offset: Int32 = 0) -> MemoryRecord {
        let scores = JSONValue(parsing: row.text(offset + 7))?.objectValue?.compactMapValues(\.numberValue) ?? [:]
        return MemoryRecord(
            id: row.text(offset),
            userID: UserID(stored: row.text(offset + 1)),
            sessionID: row.optionalText(offset + 2).map(SessionID.init(stored:)),
            role: Role(rawValue: row.text(offset + 3)) ?? .user,
            content: row.text(offset + 4),
            createdAt: Date(milliseconds: row.integer(offset + 5)),
            language: row.optionalText(offset + 6),
            elementScores: scores,
            coherence: row.optionalReal(offset + 8),
            isBreakthrough: row.integer(offset + 12) != 0,
            engine: row.optionalText(offset + 9),
            model: row.optionalText(offset + 10),
            metadata: JSONValue(parsing: row.text(offset + 11)) ?? .object([:])
        )
    }

    func fetch(_ sql: String, _ parameters: [SQLiteValue]) throws -> [MemoryRecord] {
        var records: [MemoryRecord] = []
        try connection.query(sql, parameters) { records.append(Self.record($0)) }
        return records
    }

    public func recent(for user: UserID, limit: Int, in scope: RecentScope) throws(MemoryError) -> [MemoryRecord] {
        var conditions = ["m.user_id = ?"]
        var parameters: [SQLiteValue] = [.text(user.rawValue)]
        if case .only(let session) = scope.sessions {
            // `IS` matches NULL too: the messages stored without a session.
            conditions.append("m.session_id IS ?")
            parameters.append(.optional(session?.rawValue))
        }
        if let asOf = scope.asOf {
            conditions.append("m.created_at <= ?")
            parameters.append(.integer(asOf.milliseconds))
        }
        return try run("read recent messages") {
            try fetch(
                "SELECT \(Self.recordColumns) FROM messages m WHERE \(conditions.joined(separator: " AND ")) "
                    + "ORDER BY m.created_at DESC, m.seq DESC LIMIT ?",
                parameters + [.integer(Int64(max(0, limit)))]
            )
        }
    }

    public func breakthroughs(for user: UserID, limit: Int) throws(MemoryError) -> [MemoryRecord] {
        try run("read breakthroughs") {
            try fetch(
                """
                SELECT \(Self.recordColumns) FROM breakthroughs b0 JOIN messages m ON m.id = b0.message_id
                WHERE b0.user_id = ? AND m.user_id = ? ORDER BY m.created_at DESC, m.seq DESC LIMIT ?
                """,
                [.text(user.rawValue), .text(user.rawValue), .integer(Int64(max(0, limit)))]
            )
        }
    }

    public func records(ids: [String], for user: UserID) throws(MemoryError) -> [MemoryRecord] {
        guard !ids.isEmpty else { return [] }
        return try run("read messages") {
            var records: [MemoryRecord] = []
            // Chunked so that the statement never exceeds SQLite's parameter limit. The unary `+` keeps the planner
            // from choosing the user index, which would scan all of the user's messages (48 ms at 100K) instead of
            // looking up each id.
            for chunk in stride(from: 0, to: ids.count, by: 500).map({ ids[$0..<min($0 + 500, ids.count)] }) {
                let marks = Array(repeating: "?", count: chunk.count).joined(separator: ",")
                records += try fetch(
                    "SELECT \(Self.recordColumns) FROM messages m WHERE +m.user_id = ? AND m.id IN (\(marks))",
                    [.text(user.rawValue)] + chunk.map { .text($0) }
                )
            }
            return records
        }
    }

    public func allMessages(for user: UserID) throws(MemoryError) -> [MemoryRecord] {
        try run("read messages") {
            try fetch(
                "SELECT \(Self.recordColumns) FROM messages m WHERE m.user_id = ? ORDER BY m.created_at, m.seq",
                [.text(user.rawValue)]
            )
        }
    }

    public func setBreakthrough(_ isBreakthrough: Bool, messageID: String, for user: UserID) throws(MemoryError) {
        try run("mark the breakthrough") {
            var owned = false
            try connection.query(
                "SELECT 1 FROM messages WHERE id = ? AND user_id = ?",
                [.text(messageID), .text(user.rawValue)]
            ) { _ in owned = true }
            guard owned else {
                throw MemoryError(.notFound, "no message with id \(messageID) for user \(user.rawValue)")
            }
            if isBreakthrough {
                try connection.query(
                    "INSERT OR IGNORE INTO breakthroughs (message_id, user_id, marked_at) VALUES (?, ?, ?)",
                    [.text(messageID), .text(user.rawValue), .integer(Date().milliseconds)]
                )
            } else {
                try connection.query(
                    "DELETE FROM breakthroughs WHERE message_id = ? AND user_id = ?",
                    [.text(messageID), .text(user.rawValue)]
                )
            }
        }
    }
}

extension Date {
    /// Milliseconds since 1970, the store's time unit.
    var milliseconds: Int64 { Int64((timeIntervalSince1970 * 1000).rounded()) }

    init(milliseconds: Int64) { self.init(timeIntervalSince1970: Double(milliseconds) / 1000) }
}
