import Foundation
public import MaiaCore

extension SQLiteStore {
    /// The user's best `limit` keyword matches, best first (see ``SQLiteKeywordReader/search(_:for:limit:)``); runs on
    /// the keyword reader's connection, beside this actor's work.
    public nonisolated func keywordSearch(
        _ query: String,
        for user: UserID,
        limit: Int
    ) async throws(MemoryError) -> [ScoredRecord] {
        try await keywordReader.search(query, for: user, limit: limit)
    }
}

/// The number of rows whose content holds each word, cached for keyword search's ranking, and the messages
/// sequence number they were counted at.
struct TermCounts {
    var rows: [String: Int] = [:]
    var sequence: Int64 = -1
}

/// Keyword search on a second connection to the store's file, so that hybrid search's keyword list runs while the
/// store's own connection serves its vector list (WAL lets a reader work beside the other connection; each
/// statement sees every transaction committed before it began, so a search after an `append` finds it).
actor SQLiteKeywordReader {
    let connection: SQLiteConnection
    let keywordBudget: KeywordBudget
    /// How many rows hold each searched word, for the ranking.
    var termCounts = TermCounts()

    init(path: String, keywordBudget: KeywordBudget) throws(MemoryError) {
        connection = try SQLiteConnection(path: path)
        self.keywordBudget = keywordBudget
    }

    /// Drops the cached word counts (after a user is forgotten: their rows no longer count).
    func forgetCounts() {
        termCounts = TermCounts()
    }

    /// The user's best `limit` keyword matches, best first, newest first among equal scores.
    ///
    /// The owner token restricts the MATCH to the user's rows, and only the best `limit` are joined to `messages`
    /// (see docs/storage.md, "Keyword search on SQLite"). Rows are ranked with `maia_bm25`, FTS5's bm25 with the
    /// words' row counts passed in (cached) rather than counted from the index on every query. The rarest words
    /// (whose rows add up to at most `keywordBudget.exactRows`) are matched over all of the user's rows; when other words are
    /// more common, they are ranked only among the newest `keywordBudget.recentWindow` matches of the whole query, so that a
    /// query of everyday words costs a bounded amount at any size. The `user_id` check repeats the scoping.
    func search(_ query: String, for user: UserID, limit: Int) throws(MemoryError) -> [ScoredRecord] {
        let words = KeywordQuery.words(query)
        guard !words.isEmpty, limit > 0 else { return [] }
        return try SQLiteStore.run("search messages") {
            let counts = try rowCounts(of: words)
            var exact: [Int] = []
            var total = 0
            for index in words.indices.sorted(by: { counts[$0] < counts[$1] }) {
                guard counts[index] <= keywordBudget.exactRows - total else { break }
                exact.append(index)
                total += counts[index]
            }
            // In `words` order, as the phrases of the rare words' MATCH and their rank arguments both are.
            exact.sort()
            // ?1 user, ?2 every word, ?3 limit, ?4 the exact words, ?5… each word's row count, in `words` order.
            let match = "'owner:\"' || hex(?1) || '\" AND content:(' || ?%d || ')'"
            let allRank = words.indices.map { "?\($0 + 5)" }.joined(separator: ", ")
            let ranked: String
            if exact.count == words.count {
                ranked = """
                    SELECT rowid AS seq, maia_bm25(messages_fts, \(allRank)) AS score FROM messages_fts
                    WHERE messages_fts MATCH \(String(format: match, 2)) ORDER BY score, rowid DESC LIMIT ?3
                    """
            } else {
                let recent = """
                    SELECT rowid AS seq, maia_bm25(messages_fts, \(allRank)) AS score FROM messages_fts
                    WHERE messages_fts MATCH \(String(format: match, 2)) ORDER BY rowid DESC LIMIT \(keywordBudget.recentWindow)
                    """
                // A rare word's rows are scored without the common words, whose weight (IDF) is low anyway.
                let rare =
                    exact.isEmpty
                    ? ""
                    : """
                    UNION ALL SELECT rowid AS seq, maia_bm25(messages_fts, \(exact.map { "?\($0 + 5)" }.joined(separator: ", ")))
                    AS score FROM messages_fts WHERE messages_fts MATCH \(String(format: match, 4))
                    """
                ranked = """
                    SELECT seq, MIN(score) AS score FROM (SELECT * FROM (\(recent)) \(rare))
                    GROUP BY seq ORDER BY score, seq DESC LIMIT ?3
                    """
            }
            let exactWords = KeywordQuery.fts5(exact.map { words[$0] })
            var results: [ScoredRecord] = []
            try connection.query(
                """
                WITH hits AS (\(ranked))
                SELECT \(SQLiteStore.recordColumns), hits.score FROM hits JOIN messages m ON m.seq = hits.seq
                WHERE m.user_id = ?1 ORDER BY hits.score, m.created_at DESC, m.seq DESC
                """,
                [
                    .text(user.rawValue), .text(KeywordQuery.fts5(words)),
                    .integer(Int64(limit)), .text(exactWords),
                ] + counts.map { .integer(Int64($0)) }
            ) { row in
                // bm25 is lower-is-better and negative; flip it so that every search scores higher-is-better.
                results.append(ScoredRecord(record: SQLiteStore.record(row), score: -row.real(13)))
            }
            return results
        }
    }

    /// How many rows (of every user) hold each word in their content, counted as FTS5's bm25 counts them (the rows
    /// matching the quoted word in the content column, so that a word the tokenizer splits is counted as the phrase
    /// it becomes), and cached until the messages table has grown by 2% (any change below 50,000 messages) or a
    /// user is forgotten here. A stale count only shifts scores slightly, never which rows a user can match.
    private func rowCounts(of words: [String]) throws -> [Int] {
        var sequence: Int64 = 0
        try connection.query("SELECT seq FROM sqlite_sequence WHERE name = 'messages'") { sequence = $0.integer(0) }
        if sequence != termCounts.sequence,
            sequence < 50_000 || sequence < termCounts.sequence || Double(sequence) > Double(termCounts.sequence) * 1.02
        {
            termCounts = TermCounts(rows: [:], sequence: sequence)
        }
        return try words.map { word in
            if let count = termCounts.rows[word] { return count }
            var count = 0
            try connection.query(
                "SELECT COUNT(*) FROM messages_fts WHERE messages_fts MATCH 'content:' || ?",
                [.text(KeywordQuery.fts5([word]))]
            ) { count = Int($0.integer(0)) }
            termCounts.rows[word] = count
            return count
        }
    }
}
