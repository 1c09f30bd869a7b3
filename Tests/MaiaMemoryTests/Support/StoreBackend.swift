import Foundation
import MaiaCore
import MaiaMemory
import MaiaTesting
import Testing

/// The canonical store implementations that the shared suites run against, so that both behave identically.
enum StoreBackend: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case sqlite
    case postgres

    var testDescription: String { rawValue }

    /// SQLite always; Postgres when a test database is configured, or under `MAIA_TEST_REQUIRE_ALL=1`, where a
    /// missing `MAIA_TEST_DATABASE_URL` then fails each Postgres case with a clear message instead of skipping it.
    static let tested: [StoreBackend] = PostgresTestDatabase.isEnabled ? [.sqlite, .postgres] : [.sqlite]

    /// Runs `body` with a new, empty place to keep data in (a folder or a database), removed afterwards.
    func withSpace<R: Sendable>(_ body: (StoreSpace) async throws -> R) async throws -> R {
        switch self {
        case .sqlite:
            let folder = try TemporaryDirectory()
            defer { folder.remove() }
            return try await body(.sqlite(path: folder.url.appendingPathComponent("db/maia.sqlite").path, folder))
        case .postgres:
            return try await PostgresTestDatabase.withDatabase { try await body(.postgres($0)) }
        }
    }

    /// Runs `body` with a new, empty store.
    func withStore<R: Sendable>(
        outboxKinds: [OutboxItem.Kind] = [.embed],
        _ body: (any MemoryStore) async throws -> R
    ) async throws -> R {
        try await withSpace { try await $0.withStore(outboxKinds: outboxKinds, body) }
    }
}

/// A place that holds one store's data; each `withStore` opens a store over the same data.
enum StoreSpace: Sendable {
    /// The database file, and its folder (kept alive while the space is used).
    case sqlite(path: String, TemporaryDirectory)
    case postgres(PostgresStoreConfiguration)

    func withStore<R: Sendable>(
        outboxKinds: [OutboxItem.Kind] = [.embed],
        _ body: (any MemoryStore) async throws -> R
    ) async throws -> R {
        switch self {
        case .sqlite(let path, _):
            return try await body(try SQLiteStore(path: path, outboxKinds: outboxKinds))
        case .postgres(let configuration):
            return try await PostgresStore.withStore(configuration: configuration, outboxKinds: outboxKinds) {
                try await body($0)
            }
        }
    }
}
