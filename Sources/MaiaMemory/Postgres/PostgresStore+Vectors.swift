import Foundation
public import MaiaCore
import PostgresNIO

extension PostgresStore {
    /// The vector sizes with an HNSW graph of their own (migrations 1 and 8).
    static let indexedDimensions: Set<Int> = [384, 768]

    public func saveVectors(_ vectors: [StoredVector]) async throws(MemoryError) {
        // One transaction per user, as that user: a vector naming a message of someone else is dropped.
        for (user, vectors) in Dictionary(grouping: vectors, by: \.userID).sorted(by: {
            $0.key.rawValue < $1.key.rawValue
        }) {
            // The last of each message and model: one INSERT … ON CONFLICT may not touch a row twice.
            var latest: [String: StoredVector] = [:]
            for vector in vectors { latest[vector.messageID + "\u{0}" + vector.model] = vector }
            let batch = Array(latest.values)
            try await transaction("store vectors", .user(user)) { connection in
                try await insertVectors(batch, for: user, on: connection)
            }
        }
    }

    /// Stores vectors of `user` (one per message and model) in the caller's transaction; a vector naming a message
    /// that is not the user's is dropped.
    func insertVectors(_ batch: [StoredVector], for user: UserID, on connection: PostgresConnection) async throws {
        guard !batch.isEmpty else { return }
        try await connection.query(
            """
            INSERT INTO vectors (message_id, user_id, model, dimensions, embedding)
            SELECT m.id, m.user_id, v.model, v.dimensions, v.embedding::vector
            FROM unnest(\(batch.map(\.messageID))::text[], \(batch.map(\.model))::text[],
                \(batch.map(\.values.count))::int[], \(batch.map(\.values.vectorLiteral))::text[])
                AS v(message_id, model, dimensions, embedding)
            JOIN messages m ON m.id = v.message_id AND m.user_id = \(user.rawValue)
            ON CONFLICT (message_id, model) DO UPDATE SET dimensions = excluded.dimensions,
                embedding = excluded.embedding
            """,
            logger: logger
        )
    }

    public func vectors(for user: UserID, model: String) async throws(MemoryError) -> [StoredVector] {
        try await transaction("read vectors", .user(user)) { connection in
            let rows = try await connection.query(
                """
                SELECT message_id, embedding::text FROM vectors
                WHERE user_id = \(user.rawValue) AND model = \(model)
                """,
                logger: logger
            )
            return try await collect(rows) { row in
                StoredVector(
                    messageID: try row[0].decode(String.self),
                    userID: user,
                    model: model,
                    values: [Float](vectorLiteral: try row[1].decode(String.self))
                )
            }
        }
    }

    public func vectorSearch(
        _ query: [Float],
        model: String,
        for user: UserID,
        limit: Int
    ) async throws(MemoryError) -> [ScoredRecord] {
        guard limit > 0, !query.isEmpty else { return [] }
        let literal = query.vectorLiteral
        return try await transaction("search vectors", .user(user)) { connection in
            let cast = try await nearestCast(query.count, model: model, for: user, depth: 2 * limit, on: connection)
            // A reply's reply-context vector is one of its vectors: twice the rows, then each message's nearest.
            let search: PostgresQuery = """
                SELECT \(unescaped: Self.recordColumns), 1 - hit.distance FROM (
                    SELECT DISTINCT ON (message_id) message_id, distance FROM (
                        SELECT message_id, embedding\(unescaped: cast) <=> \(literal)\(unescaped: cast) AS distance
                        FROM vectors WHERE user_id = \(user.rawValue)
                            AND model IN (\(model), \(ReplyContext.model(of: model))) AND dimensions = \(query.count)
                        ORDER BY embedding\(unescaped: cast) <=> \(literal)\(unescaped: cast) LIMIT \(2 * limit)
                    ) near ORDER BY message_id, distance
                ) hit JOIN messages m ON m.id = hit.message_id
                ORDER BY hit.distance, m.created_at DESC LIMIT \(limit)
                """
            return try await collect(try await connection.query(search, logger: logger)) { row in
                ScoredRecord(record: try Self.record(row), score: try row[13].decode(Double.self))
            }
        }
    }

    /// How the `depth` nearest vectors of `user` are read, as the cast both sides of `<=>` take: `::vector`, an exact
    /// scan through the `(user_id, model)` b-tree, for a user with few vectors (faster than the graph at that size,
    /// and on pgvector < 0.8 the only way to get `depth` rows of a user whose vectors are a small share of the
    /// index) or vectors of another size than the index's; else the HNSW index's expression, with `hnsw.ef_search`
    /// raised for this transaction (its default, 40, finds too few true neighbours at 100K and, without iterative
    /// scans, caps the rows returned). See docs/storage.md, "Vector search on PostgreSQL".
    func nearestCast(
        _ dimensions: Int,
        model: String,
        for user: UserID,
        depth: Int,
        on connection: PostgresConnection
    ) async throws -> String {
        guard Self.indexedDimensions.contains(dimensions) else { return "::vector" }
        let bound = min(max(0, exactVectorRows), Int.max - 1)
        let counted = try await collect(
            try await connection.query(
                """
                SELECT count(*)::int8 FROM (SELECT 1 FROM vectors WHERE user_id = \(user.rawValue)
                AND model = \(model) LIMIT \(bound + 1)) few
                """,
                logger: logger
            )
        ) { try $0[0].decode(Int64.self) }
        if (counted.first ?? 0) <= Int64(bound) { return "::vector" }
        try await connection.query(
            "SELECT set_config('hnsw.ef_search', \(String(min(1000, max(hnswSearchBreadth, depth)))), true)",
            logger: logger
        )
        return "::vector(\(dimensions))"
    }

    /// Users with at most this many vectors of the model are searched exactly (measured: docs/storage.md).
    public static let defaultExactVectorRows = 5000

    /// `hnsw.ef_search` for a search through the graph (pgvector's default is 40). On 100K real MiniLM vectors of
    /// one user, recall@10 against an exact scan was 0.929 at 40, 0.949 at 100, 0.961 at 200 and 0.990 at 400
    /// (`maia-bench graph`, docs/storage.md): 200 is the least that reaches 0.95.
    public static let defaultHNSWSearchBreadth = 200
}

extension [Float] {
    /// pgvector's text form, `[0.25,-1.5,3.1415927]`; Swift prints the shortest text that reads back exactly.
    var vectorLiteral: String { "[" + map { "\($0)" }.joined(separator: ",") + "]" }

    /// Reads pgvector's text form.
    init(vectorLiteral text: String) {
        self = text.trimmingCharacters(in: CharacterSet(charactersIn: "[] ")).split(separator: ",").compactMap {
            Float($0.trimmingCharacters(in: .whitespaces))
        }
    }
}
