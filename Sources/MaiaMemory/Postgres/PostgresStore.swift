import Foundation
public import Logging
import MaiaCore
import PostgresNIO
public import ServiceLifecycle

/// The canonical store on PostgreSQL (any server with pgvector; a Supabase connection string works), through a
/// pooled postgres-nio client.
///
/// The store is a `Service`: `run()` runs the connection pool until cancelled, and nothing is sent before it
/// runs. Call `migrate()` once it runs, or use `withStore`, which does both. Every user-scoped call runs in one
/// transaction as the role `maia_app` with `maia.user_id` set, so row-level security confines even a faulty
/// query to that user's rows; outbox draining runs as `maia_worker`, which sees ids only (see `PostgresSchema`).
public struct PostgresStore: MemoryStore, Service {
    let client: PostgresClient
    let outboxKinds: [OutboxItem.Kind]
    let logger: Logger
    let configuration: PostgresStoreConfiguration
    /// How much of a user's history keyword search ranks (`.standard`; `.unbounded` ranks every match, as
    /// before the bound, for benchmarks that compare).
    public var keywordBudget: KeywordBudget = .standard
    /// Users with at most this many vectors of a model are searched exactly (see `vectorSearch`).
    public var exactVectorRows: Int = PostgresStore.defaultExactVectorRows
    /// `hnsw.ef_search` of a search through the HNSW graph (at least the search's limit, at most 1000).
    public var hnswSearchBreadth: Int = PostgresStore.defaultHNSWSearchBreadth
    /// Where the store connects, without the password, for error messages.
    var place: String { configuration.description }

    /// Creates a store; no connection is made until `run()`.
    ///
    /// - Parameter outboxKinds: the background work queued for each new message (`mem0` only when mirroring).
    public init(
        configuration: PostgresStoreConfiguration,
        outboxKinds: [OutboxItem.Kind] = [.embed],
        logger: Logger = Logger(label: "maia.memory.postgres")
    ) {
        client = PostgresClient(configuration: configuration.clientConfiguration, backgroundLogger: logger)
        self.outboxKinds = outboxKinds
        self.logger = logger
        self.configuration = configuration
    }

    /// Runs the connection pool until the task is cancelled.
    public func run() async {
        await client.run()
    }

    /// Runs a store for the duration of `body`: starts the pool, applies pending migrations, and shuts the pool
    /// down when `body` returns or throws.
    public static func withStore<Result: Sendable>(
        configuration: PostgresStoreConfiguration,
        outboxKinds: [OutboxItem.Kind] = [.embed],
        logger: Logger = Logger(label: "maia.memory.postgres"),
        _ body: (PostgresStore) async throws -> Result
    ) async throws -> Result {
        let store = PostgresStore(configuration: configuration, outboxKinds: outboxKinds, logger: logger)
        return try await withThrowingTaskGroup(of: Void.self, returning: Result.self) { group in
            group.addTask { await store.run() }
            defer { group.cancelAll() }
            try await store.migrate()
            return try await body(store)
        }
    }

    /// Who a transaction acts for.
    enum Scope {
        /// One user's rows, as `maia_app`.
        case user(UserID)
        /// The outbox and ids across users, as `maia_worker`.
        case worker
        /// The experiment tables across users, as `maia_experiments`.
        case experiments
        /// The tables' owner, the URL's own role (migrations, the benchmark's bulk load).
        case owner
    }

    /// Runs `body` in one transaction as the role of `scope`, committing if it returns and rolling back if it
    /// throws. Failures become a `MemoryError` that says what could not be done.
    func transaction<T: Sendable>(
        _ what: String,
        _ scope: Scope,
        _ body: (PostgresConnection) async throws -> T
    ) async throws(MemoryError) -> T {
        do {
            return try await client.withConnection { connection in
                try await connection.query("BEGIN", logger: logger)
                do {
                    switch scope {
                    case .user(let user):
                        try await connection.query(
                            """
                            SELECT set_config('role', 'maia_app', true), set_config('maia.user_id', \(user.rawValue), true)
                            """,
                            logger: logger
                        )
                    case .worker:
                        try await connection.query(
                            "SELECT set_config('role', 'maia_worker', true), set_config('maia.user_id', '', true)",
                            logger: logger
                        )
                    case .experiments:
                        try await connection.query(
                            "SELECT set_config('role', 'maia_experiments', true), set_config('maia.user_id', '', true)",
                            logger: logger
                        )
                    case .owner:
                        break
                    }
                    let value = try await body(connection)
                    try await connection.query("COMMIT", logger: logger)
                    return value
                } catch {
                    _ = try? await connection.query("ROLLBACK", logger: logger)
                    throw error
                }
            }
        } catch let error as MemoryError {
            throw error
        } catch {
            throw storageError(what, error)
        }
    }

    /// A storage error that names the failure without SQL, bound values or the password.
    func storageError(_ what: String, _ error: any Error) -> MemoryError {
        guard let error = error as? PSQLError else {
            return MemoryError(.storage, "could not \(what) in PostgreSQL at \(place)", underlying: "\(error)")
        }
        var cause = "\(error.code)"
        if let state = error.serverInfo?[.sqlState] {
            cause += " SQLSTATE \(state)"
            if let hint = Self.hints[state] { cause += " (\(hint))" }
        }
        if let underlying = error.underlying { cause += ": \(underlying)" }
        return MemoryError(.storage, "could not \(what) in PostgreSQL at \(place)", underlying: cause)
    }

    /// What common server error codes mean, in words an operator can act on.
    static let hints: [String: String] = [
        "28P01": "the user name or password was refused",
        "28000": "this user may not connect to this database",
        "3D000": "the database does not exist",
        "42501": "the user lacks a privilege the store needs",
        "53300": "the server has too many connections",
        "0A000": "the server lacks a feature the store needs, such as the vector extension",
        "58P01": "the server lacks a file the store needs, such as the vector extension",
    ]

    /// Reads every row of `rows` through `transform`.
    func collect<T>(
        _ rows: PostgresRowSequence,
        _ transform: (PostgresRandomAccessRow) throws -> T
    ) async throws -> [T] {
        var values: [T] = []
        for try await row in rows { values.append(try transform(row.makeRandomAccess())) }
        return values
    }

    /// The columns `record(_:)` reads, for a query over `messages m`.
    static let recordColumns = """
        m.id, m.user_id, m.session_id, m.role, m.content, m.created_at, m.language, m.element_scores::text, \
        m.coherence, m.engine, m.model, m.metadata::text, \
        EXISTS (SELECT 1 FROM breakthroughs b WHERE b.message_id = m.id)
        """

    /// Decodes a row that starts with `recordColumns`.
    static func record(_ row: PostgresRandomAccessRow) throws -> MemoryRecord {
        let scores = JSONValue(parsing: try row[7].decode(String.self))?.objectValue?.compactMapValues(\.numberValue)
        return MemoryRecord(
            id: try row[0].decode(String.self),
            userID: UserID(stored: try row[1].decode(String.self)),
            sessionID: try row[2].decode(String?.self).map(SessionID.init(stored:)),
            role: Role(rawValue: try row[3].decode(String.self)) ?? .user,
            content: try row[4].decode(String.self),
            createdAt: Date(milliseconds: try row[5].decode(Date.self).milliseconds),
            language: try row[6].decode(String?.self),
            elementScores: scores ?? [:],
            coherence: try row[8].decode(Double?.self),
            isBreakthrough: try row[12].decode(Bool.self),
            engine: try row[9].decode(String?.self),
            model: try row[10].decode(String?.self),
            metadata: JSONValue(parsing: try row[11].decode(String.self)) ?? .object([:])
        )
    }

    /// Runs a query whose rows start with `recordColumns` and decodes them.
    func fetch(_ query: PostgresQuery, on connection: PostgresConnection) async throws -> [MemoryRecord] {
        try await collect(try await connection.query(query, logger: logger), Self.record)
    }
}

extension Date {
    /// The store's time precision (milliseconds, as on SQLite), so that both backends return equal dates.
    var roundedToMilliseconds: Date { Date(milliseconds: milliseconds) }
}
