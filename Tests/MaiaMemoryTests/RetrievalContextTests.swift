import Foundation
import MaiaCore
import MaiaEmbedding
import MaiaMemory
import MaiaTesting
import Synchronization
import Testing

/// What the drainer embeds with each message (earlier turns of its session) and the time list of hybrid search.
@Suite("Conversation context and time in retrieval")
struct RetrievalContextTests {
    let ana = UserID("ana")!
    let bob = UserID("bob")!

    /// Records every text it is asked to embed, then embeds it with the bag-of-words embedder.
    final class RecordingEmbedder: Embedder {
        let inner = BagOfWordsEmbedder()
        let texts = Mutex<[String]>([])
        var modelID: String { inner.modelID }
        var dimensions: Int { inner.dimensions }

        func embed(_ texts: [String]) async throws -> [[Float]] {
            self.texts.withLock { $0 += texts }
            return try await inner.embed(texts)
        }
    }

    @Test("with one context turn, a message is embedded after the turn before it in its own session only")
    func contextTurns() async throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let store = try SQLiteStore(path: folder.url.appendingPathComponent("maia.sqlite").path)
        let day = Date(timeIntervalSince1970: 1_700_000_000)
        func message(_ text: String, _ session: String?, _ minute: Double) -> NewMessage {
            NewMessage(
                role: .user,
                content: text,
                sessionID: session.map { SessionID($0)! },
                createdAt: day.addingTimeInterval(minute * 60)
            )
        }
        _ = try await store.append([message("bob's secret", "s1", 0)], for: bob)
        _ = try await store.append(
            [
                message("Did you adopt the cat?", "s1", 1), message("Yes, on Saturday!", "s1", 2),
                message("new session", "s2", 3), message("no session", nil, 4),
            ],
            for: ana
        )
        let embedder = RecordingEmbedder()
        let report = try await OutboxDrainer(store: store, embedder: embedder, contextTurns: 1).drain()
        #expect(report.embedded == 5)
        #expect(
            Set(embedder.texts.withLock { $0 }) == [
                "bob's secret", "Did you adopt the cat?", "Did you adopt the cat?\nYes, on Saturday!", "new session",
                "no session",
            ]
        )
    }

    @Test("a query's time words rank the memories of that interval first; without them, the newest tie wins")
    func timeList() async throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let store = try SQLiteStore(path: folder.url.appendingPathComponent("maia.sqlite").path)
        let embedder = BagOfWordsEmbedder()
        let spring = try await store.append(
            [NewMessage(role: .user, content: "I went hiking", createdAt: ISO8601.parse("2024-04-10T10:00:00Z"))],
            for: ana
        )
        let autumn = try await store.append(
            [NewMessage(role: .user, content: "I went hiking", createdAt: ISO8601.parse("2024-10-10T10:00:00Z"))],
            for: ana
        )
        _ = try await OutboxDrainer(store: store, embedder: embedder).drain()
        var search = MemorySearch(store: store, embedder: embedder)
        // Plain fusion, so that without the time list the two equal texts tie and the newer comes first.
        search.weights = FusionWeights(keyword: 1)
        let asked = ISO8601.parse("2025-04-02T10:00:00Z")!
        let timed = try await search.search("did I go hiking last spring", for: ana, limit: 2, now: asked)
        #expect(timed.map(\.record.id) == [spring[0].id, autumn[0].id])
        search.resolvesTime = false
        let plain = try await search.search("did I go hiking last spring", for: ana, limit: 2, now: asked)
        #expect(plain.map(\.record.id) == [autumn[0].id, spring[0].id])
    }
}
