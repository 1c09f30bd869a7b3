public import Foundation
public import MaiaCore
import PostgresNIO

extension PostgresStore {
    /// The time list: the `among` nearest rows of `user` (read as `vectorSearch` reads them, see `nearestCast`),
    /// those created in `interval`, ranked as SQLite ranks them (``VectorIndex/standingOut(_:_:limit:)``):
    /// cosine similarity to the query less cosine similarity to the mean of those rows, computed in SQL with
    /// pgvector's `avg` so that no vector leaves the server.
    public func vectorSearch(
        _ query: [Float],
        model: String,
        for user: UserID,
        limit: Int,
        createdIn interval: DateInterval,
        among: Int
    ) async throws(MemoryError) -> [ScoredRecord] {
        guard limit > 0, among > 0, !query.isEmpty else { return [] }
        let literal = query.vectorLiteral
        return try await transaction("search vectors in an interval", .user(user)) { connection in
            let cast = try await nearestCast(query.count, model: model, for: user, depth: among, on: connection)
            let search: PostgresQuery = """
                WITH inside AS (
                    SELECT near.message_id, near.embedding FROM (
                        SELECT message_id, embedding FROM vectors
                        WHERE user_id = \(user.rawValue) AND model = \(model) AND dimensions = \(query.count)
                        ORDER BY embedding\(unescaped: cast) <=> \(literal)\(unescaped: cast) LIMIT \(among)
                    ) near JOIN messages w ON w.id = near.message_id
                    WHERE w.created_at >= \(interval.start) AND w.created_at <= \(interval.end)
                ), centre AS (SELECT avg(embedding) AS direction FROM inside)
                SELECT \(unescaped: Self.recordColumns),
                    CASE WHEN vector_norm(centre.direction) > 0 THEN i.embedding <=> centre.direction ELSE 1 END
                    - (i.embedding <=> \(literal)::vector) AS score
                FROM inside i CROSS JOIN centre JOIN messages m ON m.id = i.message_id
                ORDER BY score DESC, m.created_at DESC LIMIT \(limit)
                """
            return try await collect(try await connection.query(search, logger: logger)) { row in
                ScoredRecord(record: try Self.record(row), score: try row[13].decode(Double.self))
            }
        }
    }
}
