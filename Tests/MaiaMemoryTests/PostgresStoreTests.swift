import Foundation
import Logging
import MaiaCore
import MaiaMemory
import PostgresNIO
import Testing

/// What only the Postgres backend has: row-level security under the app role, roles, migrations on a server.
@Suite("Postgres canonical store", .enabled(if: PostgresTestDatabase.isEnabled, PostgresTestDatabase.disabledReason))
struct PostgresStoreTests {
    let ana = UserID("ana")!
    let bob = UserID("bob")!
    let logger = Logger(label: "maia.test.postgres")

    /// Runs `body` inside one transaction as `role` with `maia.user_id` set to `user` (or unset), the way the store
    /// does, so that a query that forgets its `WHERE user_id = …` shows what row-level security still enforces.
    private func asRole<R: Sendable>(
        _ role: String,
        user: String?,
        on client: PostgresClient,
        _ body: (PostgresConnection) async throws -> R
    ) async throws -> R {
        try await client.withConnection { connection in
            try await connection.query("BEGIN", logger: logger)
            do {
                try await connection.query("SELECT set_config('role', \(role), true)", logger: logger)
                if let user {
                    try await connection.query(
                        "SELECT set_config('maia.user_id', \(user), true)",
                        logger: logger
                    )
                }
                let result = try await body(connection)
                try await connection.query("ROLLBACK", logger: logger)
                return result
            } catch {
                _ = try? await connection.query("ROLLBACK", logger: logger)
                throw error
            }
        }
    }

    private func strings(_ rows: PostgresRowSequence) async throws -> [String] {
        var values: [String] = []
        for try await value in rows.decode(String.self) { values.append(value) }
        return values
    }

    @Test("a query without a user filter, as the app role with Ana set, sees only Ana's rows")
    func rowLevelSecurity() async throws {
        try await PostgresTestDatabase.withDatabase { configuration in
            try await PostgresStore.withStore(configuration: configuration) { store in
                let mine = try await store.append(
                    [NewMessage(role: .user, content: "ana's secret", sessionID: SessionID("s"), isBreakthrough: true)],
                    for: ana
                )
                let theirs = try await store.append([NewMessage(role: .user, content: "bob's secret")], for: bob)
                try await store.saveVectors([
                    StoredVector(messageID: mine[0].id, userID: ana, model: "m", values: [1, 0]),
                    StoredVector(messageID: theirs[0].id, userID: bob, model: "m", values: [0, 1]),
                ])
                _ = try await store.setTrainingConsent(true, hiddenNames: ["Ana"], at: Date(), for: ana)
                _ = try await store.setTrainingConsent(false, hiddenNames: ["Bob"], at: Date(), for: bob)
            }
            try await PostgresTestDatabase.withClient(configuration) { client in
                // The deliberately faulty query: no WHERE clause at all.
                let seen = try await asRole("maia_app", user: "ana", on: client) { connection in
                    try await strings(try await connection.query("SELECT content FROM messages", logger: logger))
                }
                #expect(seen == ["ana's secret"])
                for table in ["users", "sessions", "breakthroughs", "vectors", "outbox", "training_consent"] {
                    let owners = try await asRole("maia_app", user: "ana", on: client) { connection in
                        let column = table == "users" ? "id" : "user_id"
                        return try await strings(
                            try await connection.query(
                                "SELECT \(unescaped: column) FROM \(unescaped: table)",
                                logger: logger
                            )
                        )
                    }
                    #expect(Set(owners) == ["ana"], "table \(table)")
                }
                // No user set: nothing at all.
                let unset = try await asRole("maia_app", user: nil, on: client) { connection in
                    try await strings(try await connection.query("SELECT content FROM messages", logger: logger))
                }
                #expect(unset.isEmpty)
                // Writing a row for someone else is refused by the policy's check (insufficient_privilege, not any
                // error: a typo in the statement must not pass for the policy).
                let forged = await #expect(throws: PSQLError.self) {
                    try await asRole("maia_app", user: "ana", on: client) { connection in
                        try await connection.query(
                            """
                            INSERT INTO messages (id, user_id, role, content, search_text, created_at)
                            VALUES ('forged', 'bob', 'user', 'x', 'x', now())
                            """,
                            logger: logger
                        )
                    }
                }
                #expect(forged?.serverInfo?[.sqlState] == "42501", "\(String(reflecting: forged))")
                #expect(forged?.serverInfo?[.message]?.contains("row-level security") == true)
                // Nor can Ana's transaction change Bob's rows: the update matches nothing.
                let changed = try await asRole("maia_app", user: "ana", on: client) { connection in
                    try await strings(
                        try await connection.query("UPDATE messages SET content = 'gone' RETURNING id", logger: logger)
                    )
                }
                #expect(changed.count == 1)
            }
        }
    }

    @Test("experiment rows: the experiments role reads them across users and no conversation; the app role its own")
    func experimentsRole() async throws {
        try await PostgresTestDatabase.withDatabase { configuration in
            try await PostgresStore.withStore(configuration: configuration) { store in
                _ = try await store.append([NewMessage(role: .user, content: "ana's words")], for: ana)
                for user in [ana, bob] {
                    let at = Date(timeIntervalSince1970: 1_700_000_000)
                    try await store.recordTurn(
                        ExperimentTurnRow(
                            turnID: "t",
                            experiment: "e",
                            unit: user.rawValue,
                            userID: user,
                            sessionID: nil,
                            arm: .control,
                            engine: "claude",
                            model: "m",
                            fellBack: false,
                            failed: false,
                            latencyMs: 1,
                            ttftMs: nil,
                            inputTokens: 1,
                            outputTokens: 1,
                            costUSD: nil,
                            toolCalls: 0,
                            invalidToolCalls: 0,
                            failedChecks: [],
                            language: "en",
                            at: at
                        ),
                        exposure: ExposureRow(
                            experiment: "e",
                            unit: user.rawValue,
                            arm: .control,
                            bucket: 1,
                            forced: false,
                            exposedAt: at
                        )
                    )
                }
            }
            try await PostgresTestDatabase.withClient(configuration) { client in
                let all = try await asRole("maia_experiments", user: nil, on: client) { connection in
                    try await strings(
                        try await connection.query("SELECT user_id FROM experiment_turns ORDER BY 1", logger: logger)
                    )
                }
                #expect(all == ["ana", "bob"])
                let own = try await asRole("maia_app", user: "ana", on: client) { connection in
                    try await strings(
                        try await connection.query("SELECT user_id FROM experiment_turns", logger: logger)
                    )
                }
                #expect(own == ["ana"])
                let refused = await #expect(throws: PSQLError.self) {
                    try await asRole("maia_experiments", user: nil, on: client) { connection in
                        try await strings(try await connection.query("SELECT content FROM messages", logger: logger))
                    }
                }
                #expect(refused?.serverInfo?[.sqlState] == "42501", "\(String(reflecting: refused))")
            }
        }
    }

    @Test("the outbox worker role sees ids across users but never message content")
    func workerRole() async throws {
        try await PostgresTestDatabase.withDatabase { configuration in
            try await PostgresStore.withStore(configuration: configuration) { store in
                _ = try await store.append([NewMessage(role: .user, content: "ana's words")], for: ana)
                _ = try await store.append([NewMessage(role: .user, content: "bob's words")], for: bob)
                #expect(Set(try await store.pendingWork(.embed, limit: 10, now: Date()).map(\.userID)) == [ana, bob])
            }
            try await PostgresTestDatabase.withClient(configuration) { client in
                let owners = try await asRole("maia_worker", user: nil, on: client) { connection in
                    try await strings(
                        try await connection.query("SELECT user_id FROM messages ORDER BY user_id", logger: logger)
                    )
                }
                #expect(owners == ["ana", "bob"])
                // Refused for lack of privilege on the column (not for any error, which a typo would also raise).
                let refused = await #expect(throws: PSQLError.self) {
                    try await asRole("maia_worker", user: nil, on: client) { connection in
                        try await strings(try await connection.query("SELECT content FROM messages", logger: logger))
                    }
                }
                #expect(refused?.serverInfo?[.sqlState] == "42501", "\(String(reflecting: refused))")
            }
        }
    }

    @Test("several stores starting at once on one database migrate it once")
    func concurrentMigrations() async throws {
        try await PostgresTestDatabase.withDatabase { configuration in
            try await withThrowingTaskGroup(of: Int.self) { group in
                for _ in 0..<3 {
                    group.addTask {
                        try await PostgresStore.withStore(configuration: configuration) {
                            try await $0.messageCount(for: ana)
                        }
                    }
                }
                for try await count in group { #expect(count == 0) }
            }
            let versions = try await PostgresTestDatabase.withClient(configuration) { client in
                var versions: [Int] = []
                for try await version in try await client.query("SELECT version FROM schema_migrations").decode(
                    Int.self
                ) {
                    versions.append(version)
                }
                return versions
            }
            #expect(versions.sorted() == Array(1...8))
        }
    }

    @Test("an unreachable server is a storage error naming the place, never the password")
    func unreachable() async throws {
        var configuration = try PostgresStoreConfiguration(url: "postgresql://maia:hunter2@127.0.0.1:1/maia")
        configuration.connectTimeout = .seconds(2)
        let error = await #expect(throws: MemoryError.self) {
            try await PostgresStore.withStore(configuration: configuration) { _ in () }
        }
        #expect(error?.code == .storage)
        #expect(error?.message.contains("127.0.0.1:1") == true)
        #expect(error.map { "\($0)".contains("hunter2") } == false)
    }
}
