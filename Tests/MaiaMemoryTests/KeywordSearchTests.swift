import Foundation
import MaiaCore
import MaiaMemory
import MaiaTesting
import Testing

/// Keyword search on every backend: scoping, ties at the limit and queries that look like search syntax.
@Suite("Keyword search (every backend)")
struct KeywordSearchTests {
    let ana = UserID("ana")!
    let bob = UserID("bob")!

    private func at(_ seconds: Double) -> Date { Date(timeIntervalSince1970: 1_700_000_000 + seconds) }

    @Test(
        "another user's matches never come back, even when they would outrank the user's own",
        arguments: StoreBackend.tested
    )
    func isolation(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            _ = try await store.append(
                [NewMessage(role: .user, content: "a long walk past the garden wall and the quiet orchard at dusk")],
                for: ana
            )
            _ = try await store.append(
                (0..<20).map { NewMessage(role: .user, content: "garden garden \($0)") },
                for: bob
            )
            let hits = try await store.keywordSearch("garden", for: ana, limit: 5)
            #expect(hits.map(\.record.content) == ["a long walk past the garden wall and the quiet orchard at dusk"])
            #expect(try await store.keywordSearch("garden", for: bob, limit: 50).allSatisfy { $0.record.userID == bob })
            #expect(try await store.keywordSearch("garden", for: bob, limit: 50).count == 20)
            #expect(try await store.keywordSearch("orchard", for: bob, limit: 5).isEmpty)
        }
    }

    @Test("equal scores are ordered newest first, and the limit keeps the newest", arguments: StoreBackend.tested)
    func ties(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            _ = try await store.append(
                (0..<5).map { NewMessage(role: .user, content: "river stone", createdAt: at(Double($0))) },
                for: ana
            )
            // Stored out of time order: the whole list is still ordered by time.
            _ = try await store.append(
                [7, 5, 6].map { NewMessage(role: .user, content: "river pebble", createdAt: at(Double($0))) },
                for: bob
            )
            let hits = try await store.keywordSearch("river", for: ana, limit: 2)
            #expect(hits.map(\.record.createdAt) == [at(4), at(3)])
            let all = try await store.keywordSearch("river", for: bob, limit: 10)
            #expect(all.map(\.record.createdAt) == [at(7), at(6), at(5)])
        }
    }

    @Test(
        "queries made of search syntax are read as plain words: results or nothing, never an error",
        arguments: StoreBackend.tested
    )
    func syntaxInQueries(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            _ = try await store.append(
                [NewMessage(role: .user, content: "the garden stone by the near gate")],
                for: ana
            )
            _ = try await store.append([NewMessage(role: .user, content: "bob's garden owner")], for: bob)
            let wordy = [
                "\"garden\"", "garden*", "NEAR(garden stone)", "-garden", "owner:garden", "content:garden",
                "garden AND",
                "garden OR", "(garden", "^garden", "{content owner}: garden", "garden\"\"\"", "gar'den garden",
            ]
            for query in wordy {
                let hits = try await store.keywordSearch(query, for: ana, limit: 5)
                #expect(hits.map(\.record.content) == ["the garden stone by the near gate"], "query \(query)")
            }
            for query in ["?!...", "\"", "*", ":", "-", "\"\" AND \"\"", "()", "{}:", "^", "  "] {
                #expect(try await store.keywordSearch(query, for: ana, limit: 5).isEmpty, "query \(query)")
            }
        }
    }
}
