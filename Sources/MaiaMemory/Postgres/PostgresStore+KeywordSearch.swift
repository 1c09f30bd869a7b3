import Foundation
public import MaiaCore
import PostgresNIO

extension PostgresStore {
    /// The user's best `limit` keyword matches by `ts_rank`, best first, newest first among equal scores.
    ///
    /// Bounded like SQLite's (docs/storage.md, "Keyword search on PostgreSQL"): the rows ranked are each query word's
    /// newest `max(50, keywordBudget.exactRows / words)` matches, read from the `message_words` postings (migration
    /// 6), so that a word with fewer matches than that (a name, a place) is found anywhere in the user's history
    /// while a query of everyday words ranks a bounded number of rows. The words are the server's own lexemes of
    /// the folded query (one short query first), exactly as the postings hold them. Row-level security and the
    /// `user_id` conditions scope every read to the user.
    public func keywordSearch(
        _ query: String,
        for user: UserID,
        limit: Int
    ) async throws(MemoryError) -> [ScoredRecord] {
        let words = KeywordQuery.tsqueryWords(query)
        guard !words.isEmpty, limit > 0 else { return [] }
        let budget = keywordBudget
        return try await transaction("search messages", .user(user)) { connection in
            let statement: PostgresQuery
            var exact = budget == .unbounded
            if !exact { exact = try await hasFewMessages(user, atMost: budget.exactRows, on: connection) }
            if exact {
                statement = Self.everyMatchRanked(words, for: user, limit: limit)
            } else {
                let folded = KeywordQuery.words(KeywordQuery.fold(query)).joined(separator: " ")
                let lexemes = try await collect(
                    try await connection.query(
                        "SELECT w FROM unnest(tsvector_to_array(to_tsvector('simple', \(folded)))) w LIMIT 64",
                        logger: logger
                    )
                ) { try $0[0].decode(String.self) }
                guard !lexemes.isEmpty else { return [] }
                statement = Self.boundedKeywordSearch(
                    words,
                    lexemes: lexemes,
                    for: user,
                    limit: limit,
                    budget: budget
                )
            }
            return try await collect(try await connection.query(statement, logger: logger)) { row in
                ScoredRecord(record: try Self.record(row), score: try row[13].decode(Double.self))
            }
        }
    }

    /// Whether `user` has at most `bound` messages: their every match is ranked (exact, and at 100 messages a user
    /// ~3.5 ms faster than the postings; measured at 1M rows over 10K users, docs/storage.md).
    func hasFewMessages(_ user: UserID, atMost bound: Int, on connection: PostgresConnection) async throws -> Bool {
        let bound = min(max(0, bound), Int.max - 1)
        let counted = try await collect(
            try await connection.query(
                "SELECT count(*)::int8 FROM (SELECT 1 FROM messages WHERE user_id = \(user.rawValue) LIMIT \(bound + 1)) few",
                logger: logger
            )
        ) { try $0[0].decode(Int64.self) }
        return (counted.first ?? 0) <= Int64(bound)
    }

    /// How many of a word's newest matches are ranked; a word with at most this many is matched exactly.
    static func perWordRows(_ budget: KeywordBudget, words: Int) -> Int {
        max(50, budget.exactRows / max(1, words))
    }

    /// The bounded search (see `keywordSearch`): `words` (`KeywordQuery.tsqueryWords`) rank, `lexemes` select.
    static func boundedKeywordSearch(
        _ words: [String],
        lexemes: [String],
        for user: UserID,
        limit: Int,
        budget: KeywordBudget
    ) -> PostgresQuery {
        let perWord = perWordRows(budget, words: lexemes.count)
        var sql = PostgresQuery.StringInterpolation(literalCapacity: 512 + 120 * lexemes.count, interpolationCount: 0)
        sql.appendLiteral("WITH hits AS (")
        for (index, lexeme) in lexemes.enumerated() {
            // Each word is its own index range scan of `(user_id, word, seq)`, newest first, stopping at its limit.
            sql.appendLiteral(index == 0 ? "(" : " UNION ALL (")
            sql.appendLiteral("SELECT seq FROM message_words WHERE user_id = ")
            sql.appendInterpolation(user.rawValue)
            sql.appendLiteral(" AND word = ")
            sql.appendInterpolation(lexeme)
            sql.appendLiteral(" ORDER BY seq DESC LIMIT \(perWord))")
        }
        // Each row once (a row can be among the newest matches of several words), ranked against the whole query;
        // only the best `limit` are joined back for their records.
        sql.appendLiteral("), ranked AS (SELECT m.seq, ts_rank(m.search, to_tsquery('simple', ")
        sql.appendInterpolation(words.joined(separator: " | "))
        sql.appendLiteral(
            "))::float8 AS rank, m.created_at FROM (SELECT DISTINCT seq FROM hits) h JOIN messages m ON m.seq = h.seq"
                + " WHERE m.user_id = "
        )
        sql.appendInterpolation(user.rawValue)
        sql.appendLiteral(
            " ORDER BY rank DESC, m.created_at DESC, m.seq DESC LIMIT \(limit))"
                + " SELECT \(recordColumns), ranked.rank FROM ranked JOIN messages m ON m.seq = ranked.seq"
                + " WHERE m.user_id = "
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
