import Foundation
import MaiaCore
import MaiaMemory
import MaiaTesting
import Testing

@Suite("Hybrid search and background indexing")
struct MemorySearchTests {
    let folder: TemporaryDirectory
    let store: SQLiteStore
    let ana = UserID("ana")!
    let embedder = BagOfWordsEmbedder()

    init() throws {
        folder = try TemporaryDirectory()
        store = try SQLiteStore(path: folder.url.appendingPathComponent("maia.sqlite").path)
    }

    private func seed() async throws {
        let texts = [
            "my sister and I argued about money again",
            "walking by the river calms my anxiety",
            "work deadlines keep piling up",
            "I keep repeating the same pattern in relationships",
        ]
        _ = try await store.append(
            texts.enumerated().map {
                NewMessage(role: .user, content: $1, createdAt: Date(timeIntervalSince1970: Double($0)))
            },
            for: ana
        )
    }

    @Test("the drainer embeds queued messages once and empties the outbox")
    func drain() async throws {
        try await seed()
        let report = try await OutboxDrainer(store: store, embedder: embedder, batchSize: 3).drain()
        #expect(report.embedded == 4)
        #expect(report.failed == 0)
        #expect(try await store.pendingWork(.embed, limit: 10, now: Date()).isEmpty)
        #expect(try await store.vectors(for: ana, model: embedder.modelID).count == 4)
        #expect(try await OutboxDrainer(store: store, embedder: embedder).drain().embedded == 0)
    }

    @Test("a failing embedder keeps the work queued for a later retry")
    func drainFailure() async throws {
        try await seed()
        let report = try await OutboxDrainer(store: store, embedder: FailingEmbedder()).drain()
        #expect(report.failed == 4)
        #expect(try await store.pendingWork(.embed, limit: 10, now: Date()).isEmpty)
        let later = try await store.pendingWork(.embed, limit: 10, now: Date().addingTimeInterval(3600))
        #expect(later.count == 4 && later.allSatisfy { $0.attempts == 1 })
        #expect(
            try await OutboxDrainer(store: store, embedder: embedder).drain(now: { Date().addingTimeInterval(3600) })
                .embedded == 4
        )
    }

    @Test("vector, keyword and hybrid modes each find the evidence")
    func modes() async throws {
        try await seed()
        _ = try await OutboxDrainer(store: store, embedder: embedder).drain()
        let search = MemorySearch(store: store, embedder: embedder)
        for mode in MemorySearch.Mode.allCases {
            let hits = try await search.search("relationships pattern", for: ana, limit: 2, mode: mode)
            #expect(hits.first?.record.content == "I keep repeating the same pattern in relationships", "\(mode)")
        }
    }

    @Test("hybrid search degrades to keywords when the embedder fails; vector mode reports it")
    func degrade() async throws {
        try await seed()
        let search = MemorySearch(store: store, embedder: FailingEmbedder())
        let hits = try await search.search("river", for: ana, limit: 5)
        #expect(hits.map(\.record.content) == ["walking by the river calms my anxiety"])
        let error = await #expect(throws: MemoryError.self) {
            try await search.search("river", for: ana, limit: 5, mode: .vector)
        }
        #expect(error?.code == .semantic)
    }

    @Test("fusion ranks a record found by both signals first and breaks ties by recency")
    func fusion() async throws {
        try await seed()
        _ = try await OutboxDrainer(store: store, embedder: embedder).drain()
        let hits = try await MemorySearch(store: store, embedder: embedder).search("anxiety river", for: ana, limit: 4)
        #expect(hits.first?.record.content == "walking by the river calms my anxiety")
        #expect(hits.map(\.score) == hits.map(\.score).sorted(by: >))
    }
}
