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

/// Turns free text into a safe FTS5 query: every word quoted, joined with OR, so that no user text is ever
/// read as FTS5 syntax.
enum KeywordQuery {
    static func fts5(_ text: String) -> String? {
        var words: [String] = []
        var current = ""
        for character in text {
            if character.isLetter || character.isNumber
                || character.unicodeScalars.contains(where: \.properties.isDiacritic)
                || character.unicodeScalars.allSatisfy({
                    $0.properties.generalCategory == .nonspacingMark || $0.properties.generalCategory == .spacingMark
                })
            {
                current.append(character)
            } else if !current.isEmpty {
                words.append(current)
                current = ""
            }
        }
        if !current.isEmpty { words.append(current) }
        let unique = words.reduce(into: [String]()) { list, word in
            if !list.contains(word.lowercased()) { list.append(word.lowercased()) }
        }
        guard !unique.isEmpty else { return nil }
        return unique.prefix(64).map { "\"\($0)\"" }.joined(separator: " OR ")
    }
}
