import Foundation
import Logging
import MaiaMemory
import MaiaTesting
import PostgresNIO
import Testing

/// The PostgreSQL server the integration tests use, named by `MAIA_TEST_DATABASE_URL` (a superuser URL;
/// `scripts/test.sh` starts a throwaway server and sets it). Each test gets its own database, dropped afterwards.
enum PostgresTestDatabase {
    /// Whether PostgreSQL tests run: with a URL, or when every dependency is required (they then fail, loudly).
    static let isEnabled = TestRequirements.runsPostgres

    /// Why PostgreSQL tests are disabled, shown by the test runner.
    static let disabledReason = Comment(
        rawValue: "MAIA_TEST_DATABASE_URL is not set: this suite and the postgres cases of the shared store suites "
            + "are skipped; scripts/test.sh starts a test PostgreSQL and sets it"
    )

    /// The superuser configuration from `MAIA_TEST_DATABASE_URL`.
    static func adminConfiguration() throws -> PostgresStoreConfiguration {
        var configuration = try PostgresStoreConfiguration(url: try TestRequirements.requirePostgresURL())
        configuration.maximumConnections = 4
        return configuration
    }

    /// Runs `body` with the configuration of a new, empty database on the test server, dropped afterwards.
    static func withDatabase<R: Sendable>(_ body: (PostgresStoreConfiguration) async throws -> R) async throws -> R {
        let admin = try adminConfiguration()
        let name = "maia_test_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        try await create(name, admin)
        do {
            let result = try await body(admin.with(database: name))
            try await drop(name, admin)
            return result
        } catch {
            try? await drop(name, admin)
            throw error
        }
    }

    /// Creates `name` from template1. PostgreSQL refuses with SQLSTATE 55006 while any other session is connected
    /// to the template (an autovacuum worker, another test's CREATE DATABASE finishing): that is retried a few
    /// times; any other failure is reported with the server's message, which PSQLError's description withholds.
    private static func create(_ name: String, _ admin: PostgresStoreConfiguration) async throws {
        for attempt in 1...5 {
            do {
                _ = try await withClient(admin) { client in
                    try await client.query("CREATE DATABASE \(unescaped: name)")
                }
                return
            } catch let error as PSQLError where error.serverInfo?[.sqlState] == "55006" && attempt < 5 {
                try await Task.sleep(for: .milliseconds(200 * attempt))
            } catch {
                throw SetupError(what: "create test database \(name)", error: error)
            }
        }
    }

    /// Drops `name`, ending its sessions. As a non-superuser owner (the suite's second pass) FORCE may not end a
    /// session of another role still closing, or an autovacuum worker started by the test's writes (SQLSTATE
    /// 42501, seen once in CI after the bulk loader's test): retried a few times, as `create` retries.
    private static func drop(_ name: String, _ admin: PostgresStoreConfiguration) async throws {
        for attempt in 1...5 {
            do {
                _ = try await withClient(admin) { client in
                    try await client.query("DROP DATABASE IF EXISTS \(unescaped: name) WITH (FORCE)")
                }
                return
            } catch let error as PSQLError
                where ["42501", "55006"].contains(error.serverInfo?[.sqlState]) && attempt < 5
            {
                try await Task.sleep(for: .milliseconds(200 * attempt))
            } catch {
                throw SetupError(what: "drop test database \(name)", error: error)
            }
        }
    }

    /// A test-database setup failure with the server's own message (test credentials only, no user data).
    struct SetupError: Error, CustomStringConvertible {
        let what: String
        let error: any Error
        var description: String { "could not \(what): \(String(reflecting: error))" }
    }

    /// Runs `body` with a running client for `configuration`.
    static func withClient<R: Sendable>(
        _ configuration: PostgresStoreConfiguration,
        _ body: (PostgresClient) async throws -> R
    ) async throws -> R {
        let client = PostgresClient(
            configuration: configuration.clientConfiguration,
            backgroundLogger: Logger(label: "maia.test.postgres")
        )
        return try await withThrowingTaskGroup(of: Void.self, returning: R.self) { group in
            group.addTask { await client.run() }
            defer { group.cancelAll() }
            return try await body(client)
        }
    }
}
