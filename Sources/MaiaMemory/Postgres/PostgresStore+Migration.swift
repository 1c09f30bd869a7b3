import Foundation
public import MaiaCore
import PostgresNIO

extension PostgresStore {
    /// A key for `pg_advisory_xact_lock`, so that concurrent starts migrate one after another.
    private static let migrationLock: Int64 = 0x6D61_6961_6D69_6772

    /// Applies the migrations this database has not seen, in one transaction as the URL's user.
    ///
    /// A single connection is opened first, so that an unreachable server, a wrong password or a missing database
    /// fails at once with its cause instead of waiting for the pool to give up.
    public func migrate() async throws(MemoryError) {
        do {
            let connection = try await PostgresConnection.connect(
                configuration: try configuration.connectionConfiguration(),
                id: 0,
                logger: logger
            )
            try await connection.close()
        } catch {
            throw storageError("connect", error)
        }
        let newest = PostgresSchema.migrations.last?.version ?? 0
        try await transaction("apply the schema migrations", .owner) { connection in
            try await connection.query("SELECT pg_advisory_xact_lock(\(Self.migrationLock))", logger: logger)
            try await connection.query(
                """
                CREATE TABLE IF NOT EXISTS schema_migrations (
                    version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now()
                )
                """,
                logger: logger
            )
            let applied =
                try await collect(
                    try await connection.query(
                        "SELECT COALESCE(MAX(version), 0) FROM schema_migrations",
                        logger: logger
                    )
                ) { try $0[0].decode(Int.self) }.first ?? 0
            guard applied <= newest else {
                throw MemoryError(
                    .schemaTooNew,
                    "this database has schema version \(applied) but this MAIA knows up to \(newest); upgrade MAIA"
                )
            }
            for migration in PostgresSchema.migrations where migration.version > applied {
                for statement in migration.statements {
                    try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger)
                }
                try await PostgresSchema.dataSteps[migration.version]?(connection, logger)
                try await connection.query(
                    "INSERT INTO schema_migrations (version) VALUES (\(migration.version))",
                    logger: logger
                )
            }
        }
    }

    public func userIDs() async throws(MemoryError) -> [UserID] {
        try await transaction("list users", .worker) { connection in
            try await collect(try await connection.query("SELECT id FROM users ORDER BY id", logger: logger)) {
                UserID(stored: try $0[0].decode(String.self))
            }
        }
    }

    public func messageCount(for user: UserID) async throws(MemoryError) -> Int {
        try await transaction("count messages", .user(user)) { connection in
            try await collect(
                try await connection.query(
                    "SELECT COUNT(*) FROM messages WHERE user_id = \(user.rawValue)",
                    logger: logger
                )
            ) { try $0[0].decode(Int.self) }.first ?? 0
        }
    }

    public func restore(
        _ records: [MemoryRecord],
        vectors: [StoredVector],
        for user: UserID
    ) async throws(MemoryError)
        -> Int
    {
        guard records.allSatisfy({ $0.userID == user }), vectors.allSatisfy({ $0.userID == user }) else {
            throw MemoryError(.invalidInput, "restored records and vectors must all belong to user \(user.rawValue)")
        }
        let vectorsByMessage = Dictionary(grouping: vectors, by: \.messageID)
        return try await transaction("restore messages", .user(user)) { connection in
            try await ensureUser(user, on: connection)
            var inserted = 0
            var copied: [StoredVector] = []
            for record in records {
                let createdAt = record.createdAt.roundedToMilliseconds
                if let session = record.sessionID {
                    try await ensureSession(session, startedAt: createdAt, for: user, on: connection)
                }
                let scores = JSONValue.object(record.elementScores.mapValues { .number($0) }).jsonText
                let rows = try await connection.query(
                    """
                    INSERT INTO messages (id, user_id, session_id, role, content, search_text, created_at, language,
                        element_scores, coherence, engine, model, metadata)
                    VALUES (\(record.id), \(user.rawValue), \(record.sessionID?.rawValue), \(record.role.rawValue),
                        \(record.content), \(KeywordQuery.fold(record.content)), \(createdAt), \(record.language),
                        \(scores)::jsonb, \(record.coherence), \(record.engine), \(record.model),
                        \(record.metadata.jsonText)::jsonb)
                    ON CONFLICT (id) DO NOTHING RETURNING id
                    """,
                    logger: logger
                )
                guard try await collect(rows, { _ in () }).count > 0 else { continue }
                inserted += 1
                if record.isBreakthrough {
                    try await markBreakthrough(record.id, for: user, on: connection)
                }
                copied += vectorsByMessage[record.id] ?? []
                try await queueWork(
                    for: record.id,
                    of: user,
                    kinds: outboxKinds.filter { $0 != .embed || vectorsByMessage[record.id] == nil },
                    on: connection
                )
            }
            try await insertVectors(copied, for: user, on: connection)
            return inserted
        }
    }
}
