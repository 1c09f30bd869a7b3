import Foundation
public import MaiaCore

extension SQLiteStore {
    public func keywordSearch(_ query: String, for user: UserID, limit: Int) throws(MemoryError) -> [ScoredRecord] {
        guard let words = KeywordQuery.fts5(query), limit > 0 else { return [] }
        return try run("search messages") {
            // One row more than asked shows whether the last kept row ties with the next one; if so, every row
            // scoring as well as it is read, so that recency breaks the tie as for any other search.
            let best = try ranked(words, for: user, atLeast: -.infinity, limit: limit + 1)
            guard best.count > limit, best[limit].score == best[limit - 1].score else {
                return Array(best.prefix(limit))
            }
            return Array(try ranked(words, for: user, atLeast: best[limit - 1].score, limit: -1).prefix(limit))
        }
    }

    /// The user's best `limit` matches (all of them for -1) scoring at least `floor`, best first, newest first
    /// among equals.
    ///
    /// The owner token restricts the MATCH to the user's rows, so FTS5 ranks only those, and only the rows kept
    /// are joined to `messages` (see docs/storage.md). The `user_id` check repeats the scoping as a safeguard.
    private func ranked(
        _ words: String,
        for user: UserID,
        atLeast floor: Double,
        limit: Int
    ) throws -> [ScoredRecord] {
        var results: [ScoredRecord] = []
        try connection.query(
            """
            WITH hits AS (
                SELECT rowid AS seq, bm25(messages_fts, 1.0, 0.0) AS score FROM messages_fts
                WHERE messages_fts MATCH 'owner:"' || hex(?1) || '" AND content:(' || ?2 || ')'
                AND bm25(messages_fts, 1.0, 0.0) <= ?3
                ORDER BY score LIMIT ?4
            )
            SELECT \(Self.recordColumns), hits.score FROM hits JOIN messages m ON m.seq = hits.seq
            WHERE m.user_id = ?1 ORDER BY hits.score, m.created_at DESC, m.seq DESC
            """,
            [.text(user.rawValue), .text(words), .real(-floor), .integer(Int64(limit))]
        ) { row in
            // bm25 is lower-is-better and negative; flip it so that every search scores higher-is-better.
            results.append(ScoredRecord(record: Self.record(row), score: -row.real(13)))
        }
        return results
    }
}
