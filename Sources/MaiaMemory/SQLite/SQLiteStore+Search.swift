import Foundation
public import MaiaCore

extension SQLiteStore {
    public func keywordSearch(_ query: String, for user: UserID, limit: Int) throws(MemoryError) -> [ScoredRecord] {
        guard let match = KeywordQuery.fts5(query) else { return [] }
        return try run("search messages") {
            var results: [ScoredRecord] = []
            try connection.query(
                """
                SELECT \(Self.recordColumns), bm25(messages_fts) FROM messages_fts
                JOIN messages m ON m.seq = messages_fts.rowid
                WHERE messages_fts MATCH ? AND m.user_id = ?
                ORDER BY bm25(messages_fts), m.created_at DESC LIMIT ?
                """,
                [.text(match), .text(user.rawValue), .integer(Int64(max(0, limit)))]
            ) { row in
                // bm25 is lower-is-better and negative; flip it so that every search scores higher-is-better.
                results.append(ScoredRecord(record: Self.record(row), score: -row.real(13)))
            }
            return results
        }
    }
}
