import Foundation
public import MaiaCore

extension SQLiteStore {
    /// The user's best `limit` keyword matches, best first, newest first among equal scores.
    ///
    /// The owner token restricts the MATCH to the user's rows, so FTS5 ranks only those, and only the best `limit`
    /// are joined to `messages` (see docs/storage.md, "Keyword search on SQLite"). Where rows tie at the limit,
    /// the index keeps the last stored ones. The `user_id` check repeats the scoping as a safeguard.
    public func keywordSearch(_ query: String, for user: UserID, limit: Int) throws(MemoryError) -> [ScoredRecord] {
        guard let words = KeywordQuery.fts5(query), limit > 0 else { return [] }
        return try run("search messages") {
            var results: [ScoredRecord] = []
            try connection.query(
                """
                WITH hits AS (
                    SELECT rowid AS seq, bm25(messages_fts, 1.0, 0.0) AS score FROM messages_fts
                    WHERE messages_fts MATCH 'owner:"' || hex(?1) || '" AND content:(' || ?2 || ')'
                    ORDER BY score, rowid DESC LIMIT ?3
                )
                SELECT \(Self.recordColumns), hits.score FROM hits JOIN messages m ON m.seq = hits.seq
                WHERE m.user_id = ?1 ORDER BY hits.score, m.created_at DESC, m.seq DESC
                """,
                [.text(user.rawValue), .text(words), .integer(Int64(limit))]
            ) { row in
                // bm25 is lower-is-better and negative; flip it so that every search scores higher-is-better.
                results.append(ScoredRecord(record: Self.record(row), score: -row.real(13)))
            }
            return results
        }
    }
}
