import Foundation
import Logging
import MaiaCore
import PostgresNIO
import Testing

@testable import MaiaMemory

/// Row-level security as the second wall, observed from inside the store's own transactions rather than re-created
/// by the test: if `PostgresStore` stopped switching to `maia_app` with `maia.user_id` set (or ran the outbox as
/// anything but `maia_worker`), these tests fail even though every query still filters by user.
@Suite(
    "Postgres store transactions, observed from inside",
    .enabled(if: PostgresTestDatabase.isEnabled, PostgresTestDatabase.disabledReason)
)
struct PostgresStoreTransactionTests {
    let ana = UserID("ana")!
    let bob = UserID("bob")!
    let logger = Logger(label: "maia.test.postgres")

    @Test("a user transaction runs as maia_app, neither superuser nor BYPASSRLS, with maia.user_id set to the user")
    func userTransactionRole() async throws {
        try await PostgresTestDatabase.withDatabase { configuration in
            try await PostgresStore.withStore(configuration: configuration) { store in
                let seen = try await store.transaction("observe", .user(ana)) { connection in
                    let rows = try await connection.query(
                        """
                        SELECT current_user::text, current_setting('maia.user_id', true), r.rolsuper, r.rolbypassrls
                        FROM pg_roles r WHERE r.rolname = current_user
                        """,
                        logger: logger
                    )
                    return try await store.collect(rows) { row in
                        "\(try row[0].decode(String.self)) \(try row[1].decode(String?.self) ?? "-") "
                            + "super=\(try row[2].decode(Bool.self)) bypassrls=\(try row[3].decode(Bool.self))"
                    }
                }
                #expect(seen == ["maia_app ana super=false bypassrls=false"])

                let worker = try await store.transaction("observe", .worker) { connection in
                    let rows = try await connection.query(
                        "SELECT current_user::text, coalesce(current_setting('maia.user_id', true), '')",
                        logger: logger
                    )
                    return try await store.collect(rows) { row in
                        "\(try row[0].decode(String.self)) \(try row[1].decode(String.self))"
                    }
                }
                #expect(worker == ["maia_worker "])
            }
        }
    }

    @Test("a deliberately unfiltered query through the store's transaction API returns only the user's rows")
    func unfilteredQueryThroughStore() async throws {
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
                let contents = try await store.transaction("observe", .user(ana)) { connection in
                    try await store.collect(
                        try await connection.query("SELECT content FROM messages", logger: logger)
                    ) { try $0[0].decode(String.self) }
                }
                #expect(contents == ["ana's secret"])
                for table in ["users", "sessions", "breakthroughs", "vectors", "outbox"] {
                    let column = table == "users" ? "id" : "user_id"
                    let owners = try await store.transaction("observe", .user(ana)) { connection in
                        try await store.collect(
                            try await connection.query(
                                PostgresQuery(unsafeSQL: "SELECT DISTINCT \(column) FROM \(table)"),
                                logger: logger
                            )
                        ) { try $0[0].decode(String.self) }
                    }
                    #expect(owners == ["ana"], "\(table)")
                }
                // The worker role reads ids across users, never content.
                await #expect(throws: MemoryError.self) {
                    try await store.transaction("observe", .worker) { connection in
                        try await connection.query("SELECT content FROM messages", logger: logger)
                    }
                }
            }
        }
    }

    @Test("every public call's statements on messages and the outbox run under the role and user it acts for")
    func publicCallsObserved() async throws {
        try await PostgresTestDatabase.withDatabase { configuration in
            try await PostgresStore.withStore(configuration: configuration) { store in
                try await installObserver(configuration)
                _ = try await store.append([NewMessage(role: .user, content: "bob's river")], for: bob)
                try await clearObservations(configuration)

                let mine = try await store.append([NewMessage(role: .user, content: "ana's river")], for: ana)
                try await expectObserved(["maia_app ana"], configuration, "append")
                var calls: [(String, () async throws -> Void)] = [
                    ("recent", { _ = try await store.recent(for: ana, limit: 10) }),
                    ("allMessages", { _ = try await store.allMessages(for: ana) }),
                    ("records", { _ = try await store.records(ids: [mine[0].id], for: ana) }),
                    ("keywordSearch", { _ = try await store.keywordSearch("river", for: ana, limit: 5) }),
                    ("messageCount", { _ = try await store.messageCount(for: ana) }),
                    ("setBreakthrough", { try await store.setBreakthrough(true, messageID: mine[0].id, for: ana) }),
                    ("breakthroughs", { _ = try await store.breakthroughs(for: ana, limit: 5) }),
                ]
                calls.append(("forget", { _ = try await store.forget(ana) }))
                for (name, call) in calls {
                    try await call()
                    try await expectObserved(["maia_app ana"], configuration, name)
                }
                _ = try await store.pendingWork(.embed, limit: 10, now: Date())
                try await expectObserved(["maia_worker "], configuration, "pendingWork")
            }
        }
    }

    /// A restrictive policy on `messages` (for `maia_app`) and on `outbox` (for `maia_worker`) whose check records
    /// the role and `maia.user_id` of every statement that reads or writes a row. A statement run as the table
    /// owner or a superuser bypasses policies and records nothing, which the test notices as well.
    private func installObserver(_ configuration: PostgresStoreConfiguration) async throws {
        try await PostgresTestDatabase.withClient(configuration) { client in
            for statement in [
                "CREATE TABLE observed (seen text NOT NULL)",
                "GRANT INSERT ON observed TO maia_app, maia_worker",
                """
                CREATE FUNCTION observe() RETURNS boolean LANGUAGE sql VOLATILE AS $$
                    INSERT INTO observed VALUES (current_user || ' ' || coalesce(current_setting('maia.user_id', true), ''));
                    SELECT true
                $$
                """,
                "CREATE POLICY observe_app ON messages AS RESTRICTIVE TO maia_app USING (observe()) WITH CHECK (observe())",
                "CREATE POLICY observe_worker ON outbox AS RESTRICTIVE TO maia_worker USING (observe())",
            ] {
                try await client.query(PostgresQuery(unsafeSQL: statement))
            }
        }
    }

    private func clearObservations(_ configuration: PostgresStoreConfiguration) async throws {
        _ = try await PostgresTestDatabase.withClient(configuration) { client in
            try await client.query("DELETE FROM observed")
        }
    }

    /// Expects the statements since the last check to have been observed, under exactly `expected`.
    private func expectObserved(
        _ expected: Set<String>,
        _ configuration: PostgresStoreConfiguration,
        _ call: String
    ) async throws {
        let seen = try await PostgresTestDatabase.withClient(configuration) { client in
            var seen: Set<String> = []
            for try await value in try await client.query("DELETE FROM observed RETURNING seen").decode(String.self) {
                seen.insert(value)
            }
            return seen
        }
        #expect(seen == expected, "\(call)")
    }
}
