import Foundation
import MaiaCore
import MaiaMemory
import MaiaTesting
import Testing

/// Persistence, vector search, migration support (restore, user ids, counts), run against every backend.
@Suite("Canonical store maintenance (every backend)")
struct MemoryStoreMaintenanceTests {
    let ana = UserID("ana")!
    let bob = UserID("bob")!

    private func at(_ seconds: Double) -> Date { Date(timeIntervalSince1970: 1_700_000_000 + seconds) }

    @Test("data survives reopening the store", arguments: StoreBackend.tested)
    func persistence(backend: StoreBackend) async throws {
        try await backend.withSpace { space in
            _ = try await space.withStore { store in
                try await store.append([NewMessage(role: .user, content: "still here")], for: ana)
            }
            try await space.withStore { (reopened: any MemoryStore) async throws in
                #expect(try await reopened.recent(for: ana, limit: 1).map(\.content) == ["still here"])
            }
        }
    }

    @Test("vector search returns the user's nearest messages of that model, best first", arguments: StoreBackend.tested)
    func vectorSearch(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            let stored = try await store.append(
                (0..<4).map { NewMessage(role: .user, content: "memory \($0)", createdAt: at(Double($0))) },
                for: ana
            )
            let other = try await store.append([NewMessage(role: .user, content: "other model")], for: ana)
            let theirs = try await store.append([NewMessage(role: .user, content: "bob's memory")], for: bob)
            let axes: [[Float]] = [[1, 0, 0], [0.8, 0.6, 0], [0, 1, 0], [0, 0, 1]]
            try await store.saveVectors(
                zip(stored, axes).map { StoredVector(messageID: $0.id, userID: ana, model: "mini", values: $1) }
                    + [
                        StoredVector(messageID: theirs[0].id, userID: bob, model: "mini", values: [1, 0, 0]),
                        StoredVector(messageID: other[0].id, userID: ana, model: "other", values: [1, 0, 0]),
                    ]
            )
            let top = try await store.vectorSearch([1, 0, 0], model: "mini", for: ana, limit: 2)
            #expect(top.map(\.record.content) == ["memory 0", "memory 1"])
            #expect(abs(top[0].score - 1) < 1e-5)
            #expect(abs(top[1].score - 0.8) < 1e-5)
            let all = try await store.vectorSearch([0, 0.6, 0.8], model: "mini", for: ana, limit: 10)
            #expect(all.map(\.record.content) == ["memory 3", "memory 2", "memory 1", "memory 0"])
            #expect(all.allSatisfy { $0.record.userID == ana })
            #expect(try await store.vectorSearch([1, 0, 0], model: "mini", for: bob, limit: 5).count == 1)
            #expect(try await store.vectorSearch([1, 0, 0], model: "absent", for: ana, limit: 5).isEmpty)
            #expect(try await store.vectorSearch([1, 0, 0], model: "mini", for: ana, limit: 0).isEmpty)
        }
    }

    @Test("384-dimension vectors (the indexed size on Postgres) search like any other", arguments: StoreBackend.tested)
    func vectorSearch384(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            let stored = try await store.append(
                (0..<20).map { NewMessage(role: .user, content: "note \($0)", createdAt: at(Double($0))) },
                for: ana
            )
            var generator = SeededGenerator(seed: 7)
            let vectors = stored.map { record in
                StoredVector(messageID: record.id, userID: ana, model: "mini", values: .randomUnit(384, &generator))
            }
            try await store.saveVectors(vectors)
            let query = vectors[5].values
            let hits = try await store.vectorSearch(query, model: "mini", for: ana, limit: 3)
            #expect(hits.first?.record.content == "note 5")
            #expect(abs((hits.first?.score ?? 0) - 1) < 1e-4)
            #expect(hits.count == 3)
            #expect(zip(hits, hits.dropFirst()).allSatisfy { $0.score >= $1.score })
            #expect(try await store.vectors(for: ana, model: "mini").count == 20)
        }
    }

    @Test(
        "restore keeps ids, times and flags, skips ids already present, and refuses other users' records",
        arguments: StoreBackend.tested
    )
    func restore(backend: StoreBackend) async throws {
        let original = try await backend.withStore { store in
            _ = try await store.append(
                [
                    NewMessage(
                        role: .user,
                        content: "a breakthrough",
                        sessionID: SessionID("s1"),
                        createdAt: at(5),
                        isBreakthrough: true,
                        metadata: ["k": "v"]
                    ),
                    NewMessage(role: .maia, content: "a reply", createdAt: at(6), engine: "llama"),
                ],
                for: ana
            )
            return try await store.allMessages(for: ana)
        }
        try await backend.withStore { (store: any MemoryStore) async throws in
            #expect(try await store.restore(original, for: ana) == 2)
            #expect(try await store.allMessages(for: ana) == original)
            #expect(try await store.breakthroughs(for: ana, limit: 5).map(\.id) == [original[0].id])
            #expect(try await store.restore(original, for: ana) == 0)
            #expect(try await store.messageCount(for: ana) == 2)
            #expect(try await store.pendingWork(.embed, limit: 10, now: Date()).map(\.messageID) == original.map(\.id))
            let error = await #expect(throws: MemoryError.self) { try await store.restore(original, for: bob) }
            #expect(error?.code == .invalidInput)
            #expect(try await store.messageCount(for: bob) == 0)
        }
    }

    @Test(
        "restore stores given vectors with their messages and queues embedding only for the others",
        arguments: StoreBackend.tested
    )
    func restoreWithVectors(backend: StoreBackend) async throws {
        let original = try await backend.withStore { store in
            _ = try await store.append(
                [
                    NewMessage(role: .user, content: "north", createdAt: at(1)),
                    NewMessage(role: .user, content: "east", createdAt: at(2)),
                ],
                for: ana
            )
            return try await store.allMessages(for: ana)
        }
        let north = StoredVector(messageID: original[0].id, userID: ana, model: "m", values: [1, 0, 0])
        try await backend.withStore { (store: any MemoryStore) async throws in
            let foreign = StoredVector(messageID: original[0].id, userID: bob, model: "m", values: [1, 0, 0])
            let error = await #expect(throws: MemoryError.self) {
                try await store.restore(original, vectors: [foreign], for: ana)
            }
            #expect(error?.code == .invalidInput)
            #expect(try await store.messageCount(for: ana) == 0)
            #expect(try await store.restore(original, vectors: [north], for: ana) == 2)
            #expect(try await store.vectors(for: ana, model: "m") == [north])
            #expect(
                try await store.vectorSearch([1, 0, 0], model: "m", for: ana, limit: 5).map(\.record.id) == [
                    north.messageID
                ]
            )
            #expect(try await store.pendingWork(.embed, limit: 10, now: Date()).map(\.messageID) == [original[1].id])
        }
    }

    @Test("user ids list every user with rows, sorted; counts are per user", arguments: StoreBackend.tested)
    func usersAndCounts(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            #expect(try await store.userIDs().isEmpty)
            _ = try await store.append([NewMessage(role: .user, content: "b1")], for: bob)
            _ = try await store.append(
                [NewMessage(role: .user, content: "a1"), NewMessage(role: .maia, content: "a2")],
                for: ana
            )
            #expect(try await store.userIDs() == [ana, bob])
            #expect(try await store.messageCount(for: ana) == 2)
            #expect(try await store.messageCount(for: bob) == 1)
            _ = try await store.forget(ana)
            #expect(try await store.userIDs() == [bob])
            #expect(try await store.messageCount(for: ana) == 0)
        }
    }

    @Test("a store without background work queues nothing", arguments: StoreBackend.tested)
    func noOutboxKinds(backend: StoreBackend) async throws {
        try await backend.withStore(outboxKinds: []) { store in
            _ = try await store.append([NewMessage(role: .user, content: "quiet")], for: ana)
            #expect(try await store.pendingWork(.embed, limit: 10, now: Date()).isEmpty)
        }
    }
}
