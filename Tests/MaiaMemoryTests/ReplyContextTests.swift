import Foundation
import MaiaCore
import MaiaTesting
import Testing

@testable import MaiaMemory

/// A user's reply also gets a vector read with the MAIA turn it answers (`ReplyContext`), stored beside its own
/// vector; vector search ranks each message by the better of the two.
@Suite("Reply-context vectors (every backend)")
struct ReplyContextTests {
    let ana = UserID("ana")!
    let bob = UserID("bob")!
    let embedder = BagOfWordsEmbedder()
    private func at(_ seconds: Double) -> Date { Date(timeIntervalSince1970: 1_700_000_000 + seconds) }

    /// A session in which MAIA asks about choir and the user's answer does not say "choir".
    private func choirSession(for user: UserID, in store: any MemoryStore) async throws -> [MemoryRecord] {
        let session = SessionID("s1")
        return try await store.append(
            [
                NewMessage(role: .user, content: "Work was long today.", sessionID: session, createdAt: at(0)),
                NewMessage(
                    role: .maia,
                    content: "You wanted to try choir singing. Did you go to the first session?",
                    sessionID: session,
                    createdAt: at(60)
                ),
                NewMessage(role: .user, content: "I did, and I loved it.", sessionID: session, createdAt: at(120)),
                NewMessage(role: .user, content: "Also the rent went up.", sessionID: session, createdAt: at(180)),
            ],
            for: user
        )
    }

    @Test(
        "a message keeps one vector per model: storing another model's does not replace it",
        arguments: StoreBackend.tested
    )
    func vectorPerModel(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            let stored = try await store.append([NewMessage(role: .user, content: "one")], for: ana)
            let id = stored[0].id
            try await store.saveVectors([StoredVector(messageID: id, userID: ana, model: "mini", values: [1, 0, 0])])
            try await store.saveVectors([StoredVector(messageID: id, userID: ana, model: "e5", values: [0, 1, 0])])
            #expect(try await store.vectors(for: ana, model: "mini").map(\.values) == [[1, 0, 0]])
            #expect(try await store.vectors(for: ana, model: "e5").map(\.values) == [[0, 1, 0]])
            try await store.saveVectors([StoredVector(messageID: id, userID: ana, model: "mini", values: [0, 0, 1])])
            #expect(try await store.vectors(for: ana, model: "mini").map(\.values) == [[0, 0, 1]], "replaced in place")
            #expect(try await store.vectors(for: ana, model: "e5").map(\.values) == [[0, 1, 0]])
        }
    }

    @Test(
        "the drainer gives a reply-context vector to a user turn right after a MAIA turn, and to no other",
        arguments: StoreBackend.tested
    )
    func drainerStoresReplyContext(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            let records = try await choirSession(for: ana, in: store)
            let report = try await OutboxDrainer(store: store, embedder: embedder).drain()
            #expect(report.embedded == 4 && report.failed == 0)
            let own = try await store.vectors(for: ana, model: embedder.modelID)
            #expect(own.count == 4, "\(own.map(\.messageID)) of \(records.map(\.id))")
            let context = try await store.vectors(for: ana, model: ReplyContext.model(of: embedder.modelID))
            #expect(
                context.map(\.messageID) == [records[2].id],
                "the reply only: not the first turn, MAIA's, or a turn after a user turn"
            )
            let expected = try await embedder.embed([records[1].content + "\n" + records[2].content])
            #expect(context.first?.values == expected.first)
        }
    }

    /// A served turn stores the user's message and MAIA's answer at the same moment: the answer is not "before" the
    /// message it answers (the drainer once read it so, and gave every first turn of a session a reply context).
    @Test(
        "a message and MAIA's answer stored at the same moment: the answer is not what the message replies to",
        arguments: StoreBackend.tested
    )
    func sameMomentAnswerIsLater(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            let session = SessionID("s2")
            let records = try await store.append(
                [
                    NewMessage(role: .user, content: "Work was long today.", sessionID: session, createdAt: at(0)),
                    NewMessage(role: .maia, content: "What made it long?", sessionID: session, createdAt: at(0)),
                    NewMessage(role: .user, content: "Meetings, mostly.", sessionID: session, createdAt: at(60)),
                    NewMessage(role: .maia, content: "That sounds draining.", sessionID: session, createdAt: at(60)),
                ],
                for: ana
            )
            _ = try await OutboxDrainer(store: store, embedder: embedder).drain()
            let context = try await store.vectors(for: ana, model: ReplyContext.model(of: embedder.modelID))
            #expect(context.map(\.messageID) == [records[2].id], "the second message only")
            let expected = try await embedder.embed([records[1].content + "\n" + records[2].content])
            #expect(context.first?.values == expected.first, "read with the answer before it, not its own")
            #expect(try await store.requeueMissingVectors(model: embedder.modelID) == 0)
        }
    }

    @Test("search finds a reply by what it answers, for its own user only", arguments: StoreBackend.tested)
    func searchFindsReplies(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            let anas = try await choirSession(for: ana, in: store)
            let bobs = try await choirSession(for: bob, in: store)
            _ = try await OutboxDrainer(store: store, embedder: embedder).drain()
            let search = MemorySearch(store: store, embedder: embedder)
            for mode in [MemorySearch.Mode.vector, .hybrid] {
                let found = try await search.search("choir singing session", for: ana, limit: 2, mode: mode)
                #expect(
                    Set(found.map(\.record.id)) == [anas[1].id, anas[2].id],
                    "\(mode): the question and its answer"
                )
                #expect(found.allSatisfy { $0.record.userID == ana })
            }
            // The reply's own words still find it, scored by its own vector.
            let own = try await search.search("I loved it", for: bob, limit: 1, mode: .vector)
            #expect(own.map(\.record.id) == [bobs[2].id])
        }
    }

    @Test("a copy between stores (maia migrate) keeps the reply-context vectors", arguments: StoreBackend.tested)
    func migrationCopiesReplyContext(backend: StoreBackend) async throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let source = try SQLiteStore(path: folder.url.appendingPathComponent("source.sqlite").path)
        let records = try await choirSession(for: ana, in: source)
        _ = try await OutboxDrainer(store: source, embedder: embedder).drain()
        try await backend.withStore { target in
            let report = try await StoreMigration(from: source, to: target, vectorModel: embedder.modelID).run()
            #expect(report.copied == 4 && report.mismatches.isEmpty)
            #expect(try await target.vectors(for: ana, model: embedder.modelID).count == 4)
            let context = try await target.vectors(for: ana, model: ReplyContext.model(of: embedder.modelID))
            #expect(context.map(\.messageID) == [records[2].id])
        }
    }

    @Test(
        "a new process's index holds the reply contexts of earlier batches, whose rows come before later own vectors",
        arguments: StoreBackend.tested
    )
    func newProcessFindsEarlierReplies(backend: StoreBackend) async throws {
        try await backend.withSpace { space in
            let records = try await space.withStore { store in
                let records = try await choirSession(for: ana, in: store)
                // One message a batch: the reply's context row is stored before the last message's own row.
                _ = try await OutboxDrainer(store: store, embedder: embedder, batchSize: 1).drain()
                return records
            }
            try await space.withStore { store in
                let found = try await MemorySearch(store: store, embedder: embedder)
                    .search("choir singing session", for: ana, limit: 2, mode: .vector)
                #expect(Set(found.map(\.record.id)) == [records[1].id, records[2].id])
            }
        }
    }

    @Test(
        "re-indexing queues the replies stored before reply contexts existed, once, and the drain gives them one",
        arguments: StoreBackend.tested
    )
    func reindexAddsMissingReplyContexts(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            let records = try await choirSession(for: ana, in: store)
            try await store.completeWork(try await store.pendingWork(.embed, limit: 10, now: Date()).map(\.id))
            // As a database from before: every message has its own vector, none a reply context.
            try await store.saveVectors(
                try await embedder.embed(records.map(\.content)).enumerated().map { index, values in
                    StoredVector(messageID: records[index].id, userID: ana, model: embedder.modelID, values: values)
                }
            )
            #expect(try await store.requeueMissingVectors(model: embedder.modelID) == 1, "the reply after MAIA's turn")
            _ = try await OutboxDrainer(store: store, embedder: embedder).drain()
            let context = try await store.vectors(for: ana, model: ReplyContext.model(of: embedder.modelID))
            #expect(context.map(\.messageID) == [records[2].id])
            #expect(try await store.requeueMissingVectors(model: embedder.modelID) == 0)
        }
    }
}
