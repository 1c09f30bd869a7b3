import Foundation
import MaiaCore
import MaiaTesting
import Testing

@testable import MaiaMemory

/// Keyword ranking on SQLite with `maia_bm25` (row counts passed in) and its bound on common words.
@Suite("SQLite keyword ranking")
struct SQLiteKeywordRankTests {
    let ana = UserID("ana")!
    let bob = UserID("bob")!

    @Test(
        "scores and order are FTS5's own bm25 when every word is rare enough to match in full, row lengths read or kept"
    )
    func sameAsBM25() async throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let path = folder.url.appendingPathComponent("maia.sqlite").path
        let store = try SQLiteStore(path: path)
        var generator = SeededGenerator(seed: 3)
        let words = "river sister lisbon work tired garden café naïve morning sea letter".split(separator: " ")
        // `count` messages of `shortest` to `shortest + 8` words, at seconds `first`….
        func messages(_ count: Int, shortest: Int, from first: Int) -> [NewMessage] {
            (0..<count).map { index in
                NewMessage(
                    role: .user,
                    content: (0..<(shortest + index % 9)).map { _ in String(words[Int(generator.next() % 11)]) }
                        .joined(separator: " "),
                    createdAt: Date(timeIntervalSince1970: Double(first + index))
                )
            }
        }
        for user in [ana, bob] {
            _ = try await store.append(messages(300, shortest: 3, from: 0), for: user)
        }
        let connection = try SQLiteConnection(path: path)
        // Three passes: row lengths read from FTS5, then kept by the connection, then kept after another user was
        // forgotten and new rows (some of one word) were added.
        for pass in 0..<3 {
            if pass == 2 {
                _ = try await store.forget(bob)
                _ = try await store.append(messages(50, shortest: 1, from: 1000), for: ana)
            }
            try await expectSameAsBM25(store, connection)
        }
    }

    private func expectSameAsBM25(_ store: SQLiteStore, _ connection: SQLiteConnection) async throws {
        for query in ["river", "sister lisbon", "cafe naive sea", "what about my work, tired?"] {
            let found = try await store.keywordSearch(query, for: ana, limit: 10)
            var expected: [(String, Double)] = []
            try connection.query(
                """
                SELECT m.id, -bm25(messages_fts, 1.0, 0.0) AS score FROM messages_fts JOIN messages m ON m.seq = messages_fts.rowid
                WHERE messages_fts MATCH 'owner:"' || hex(?1) || '" AND content:(' || ?2 || ')'
                ORDER BY bm25(messages_fts, 1.0, 0.0), messages_fts.rowid DESC LIMIT 10
                """,
                [.text(ana.rawValue), .text(KeywordQuery.fts5(KeywordQuery.words(query)))]
            ) { expected.append(($0.text(0), $0.real(1))) }
            #expect(found.count == expected.count, "\(query)")
            for (hit, reference) in zip(found, expected) {
                #expect(abs(hit.score - reference.1) < 1e-9, "\(query): \(hit.score) vs \(reference.1)")
            }
            #expect(Set(found.map(\.record.userID)) == (found.isEmpty ? [] : [ana]))
        }
    }

    @Test("beyond the budget a rare word is still found in old history; common words rank the newest; no other user")
    func boundedCommonWords() async throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let store = try SQLiteStore(path: folder.url.appendingPathComponent("maia.sqlite").path)
        let oldest = try await store.append(
            [NewMessage(role: .user, content: "my sister moved to Lisbon", createdAt: Date(timeIntervalSince1970: 0))],
            for: ana
        )
        _ = try await store.append(
            [NewMessage(role: .user, content: "my sister in Lisbon", createdAt: Date(timeIntervalSince1970: 1))],
            for: bob
        )
        let count = KeywordBudget.standard.exactRows + 500
        _ = try await store.append(
            (1...count).map {
                NewMessage(
                    role: .user,
                    content: "my sister called again",
                    createdAt: Date(timeIntervalSince1970: Double($0))
                )
            },
            for: ana
        )
        let rare = try await store.keywordSearch("did my sister move to lisbon", for: ana, limit: 5)
        #expect(rare.first?.record.id == oldest[0].id)
        #expect(rare.allSatisfy { $0.record.userID == ana })
        let common = try await store.keywordSearch("sister", for: ana, limit: 10)
        #expect(common.count == 10)
        // Only the newest matches were ranked; among equal scores the newest come first.
        #expect(
            common.allSatisfy {
                $0.record.createdAt.timeIntervalSince1970 > Double(count - KeywordBudget.standard.recentWindow)
            }
        )
        #expect(try await store.keywordSearch("lisbon", for: bob, limit: 5).map(\.record.userID) == [bob])
    }
}
