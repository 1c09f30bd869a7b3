import Foundation
public import MaiaCore
import PostgresNIO

extension PostgresStore {
    /// The user's best `limit` keyword matches by `ts_rank`, best first, newest first among equal scores.
    ///
    /// Bounded like SQLite's (docs/storage.md, "Keyword search on PostgreSQL"): the rows ranked are the newest
    /// `keywordBudget.recentWindow` matches of the whole query, plus each word's own newest
    /// `max(50, keywordBudget.exactRows / words)` matches, so that a word with fewer matches than that (a name, a
    /// place) is found anywhere in the user's history while a query of everyday words ranks a bounded number of rows.
    /// Each word is a subquery of its own with its own bound value: postgres-nio sends an unnamed statement, which
    /// the server plans with the values, so a rare word is read from the GIN index and a common one by walking
    /// `messages_by_user_time` newest first until its limit (measured; docs/storage.md). Row-level security and the
    /// `user_id` conditions scope every subquery to the user.
    public func keywordSearch(
        _ query: String,
        for user: UserID,
        limit: Int
    ) async throws(MemoryError) -> [ScoredRecord] {
        let words = KeywordQuery.tsqueryWords(query)
        guard !words.isEmpty, limit > 0 else { return [] }
        let statement =
            keywordBudget == .unbounded
            ? Self.everyMatchRanked(words, for: user, limit: limit)
            : Self.boundedKeywordSearch(words, for: user, limit: limit, budget: keywordBudget)
        return try await transaction("search messages", .user(user)) { connection in
            try await collect(try await connection.query(statement, logger: logger)) { row in
                ScoredRecord(record: try Self.record(row), score: try row[13].decode(Double.self))
            }
        }
    }

    /// How many of a word's newest matches are ranked; a word with at most this many is matched exactly.
    static func perWordRows(_ budget: KeywordBudget, words: Int) -> Int {
        max(50, budget.exactRows / max(1, words))
    }

    /// The bounded search (see `keywordSearch`); `words` are `KeywordQuery.tsqueryWords` of the query.
    static func boundedKeywordSearch(
        _ words: [String],
        for user: UserID,
        limit: Int,
        budget: KeywordBudget
    ) -> PostgresQuery {
        let newest = "ORDER BY created_at DESC, seq DESC LIMIT"
        var sql = PostgresQuery.StringInterpolation(literalCapacity: 512 + 160 * words.count, interpolationCount: 0)
        sql.appendLiteral("WITH hits AS ((SELECT seq, created_at, search FROM messages WHERE user_id = ")
        sql.appendInterpolation(user.rawValue)
        sql.appendLiteral(" AND search @@ to_tsquery('simple', ")
        sql.appendInterpolation(words.joined(separator: " | "))
        sql.appendLiteral(") \(newest) \(max(1, budget.recentWindow)))")
        let perWord = perWordRows(budget, words: words.count)
        for word in words {
            sql.appendLiteral(" UNION ALL (SELECT seq, created_at, search FROM messages WHERE user_id = ")
            sql.appendInterpolation(user.rawValue)
            sql.appendLiteral(" AND search @@ to_tsquery('simple', ")
            sql.appendInterpolation(word)
            sql.appendLiteral(") \(newest) \(perWord))")
        }
        // Each row once (a row can be among the newest matches of several words), ranked against the whole query;
        // only the best `limit` are joined back for their records.
        sql.appendLiteral("), ranked AS (SELECT seq, ts_rank(search, to_tsquery('simple', ")
        sql.appendInterpolation(words.joined(separator: " | "))
        sql.appendLiteral(
            "))::float8 AS rank, created_at FROM (SELECT DISTINCT ON (seq) seq, created_at, search FROM hits ORDER BY seq) d"
                + " ORDER BY rank DESC, created_at DESC, seq DESC LIMIT \(limit))"
                + " SELECT \(recordColumns), ranked.rank FROM ranked JOIN messages m ON m.seq = ranked.seq WHERE m.user_id = "
        )
        sql.appendInterpolation(user.rawValue)
        sql.appendLiteral(" ORDER BY ranked.rank DESC, m.created_at DESC, m.seq DESC")
        return PostgresQuery(stringInterpolation: sql)
    }

    /// Every match of the query ranked, as before the bound (`KeywordBudget.unbounded`): ~130 ms at 100K messages
    /// of one user whose words occur in half of them.
    static func everyMatchRanked(_ words: [String], for user: UserID, limit: Int) -> PostgresQuery {
        """
        SELECT \(unescaped: recordColumns), ts_rank(m.search, q)::float8 AS rank
        FROM messages m, to_tsquery('simple', \(words.joined(separator: " | "))) q
        WHERE m.user_id = \(user.rawValue) AND m.search @@ q
        ORDER BY rank DESC, m.created_at DESC, m.seq DESC LIMIT \(limit)
        """
    }
}
