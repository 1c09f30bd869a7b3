import Foundation
import MaiaCore
import MaiaMemory
import MaiaTesting
import Testing

/// The contract of `MemoryStore`, run against every backend so that SQLite and Postgres behave identically.
@Suite("Canonical store (every backend)")
struct MemoryStoreTests {
    let ana = UserID("ana")!
    let bob = UserID("bob")!

    private func at(_ seconds: Double) -> Date { Date(timeIntervalSince1970: 1_700_000_000 + seconds) }

    @Test("a turn is stored and read back newest first, with every field", arguments: StoreBackend.tested)
    func roundTrip(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            let session = SessionID("s1")!
            let stored = try await store.append(
                [
                    NewMessage(
                        role: .user,
                        content: "I feel stuck",
                        sessionID: session,
                        createdAt: at(0),
                        language: "en",
                        elementScores: ["Earth": 0.7],
                        coherence: 0.4,
                        metadata: ["source": "journal", "n": 3]
                    ),
                    NewMessage(
                        role: .maia,
                        content: "Earth lies fallow",
                        sessionID: session,
                        createdAt: at(1),
                        engine: "claude",
                        model: "claude-3-5-sonnet-20241022"
                    ),
                ],
                for: ana
            )
            #expect(stored.count == 2)
            let recent = try await store.recent(for: ana, limit: 10)
            #expect(recent.map(\.content) == ["Earth lies fallow", "I feel stuck"])
            let first = try #require(recent.last)
            #expect(first.metadata == ["source": "journal", "n": 3])
            #expect(first.language == "en")
            #expect(first.elementScores == ["Earth": 0.7])
            #expect(first.coherence == 0.4)
            #expect(first.sessionID == session)
            #expect(first.createdAt == at(0))
            #expect(recent.first?.engine == "claude")
            #expect(try await store.recent(for: ana, limit: 1).count == 1)
        }
    }

    @Test("the same client id stores one message", arguments: StoreBackend.tested)
    func idempotent(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            let message = NewMessage(role: .user, content: "hello", clientID: "c-1")
            let first = try await store.append([message], for: ana)
            let second = try await store.append([message], for: ana)
            #expect(first.map(\.id) == second.map(\.id))
            #expect(try await store.allMessages(for: ana).count == 1)
            // Client ids are per user: Bob's "c-1" is his own message.
            _ = try await store.append([message], for: bob)
            #expect(try await store.allMessages(for: bob).count == 1)
        }
    }

    @Test("a batch with one bad message stores nothing and says what is accepted", arguments: StoreBackend.tested)
    func badInputStoresNothing(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            _ = try await store.append([NewMessage(role: .user, content: "kept")], for: ana)
            let cases: [(NewMessage, String)] = [
                (NewMessage(role: .user, content: "  \n "), "empty or whitespace-only"),
                (NewMessage(role: .user, content: String(repeating: "a", count: 100_001)), "at most 100000 characters"),
                (NewMessage(role: .user, content: "x", metadata: [1, 2]), "metadata must be a JSON object"),
            ]
            for (bad, expected) in cases {
                let error = await #expect(throws: MemoryError.self) {
                    try await store.append([NewMessage(role: .user, content: "fine"), bad], for: ana)
                }
                #expect(error?.code == .invalidInput)
                #expect(error?.message.contains(expected) == true)
            }
            #expect(try await store.allMessages(for: ana).map(\.content) == ["kept"])
        }
    }

    @Test("one user's reads never return another user's rows", arguments: StoreBackend.tested)
    func isolation(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            let secret = try await store.append([NewMessage(role: .user, content: "ana's secret garden")], for: ana)
            _ = try await store.append([NewMessage(role: .user, content: "bob's garden")], for: bob)
            #expect(try await store.recent(for: bob, limit: 50).map(\.content) == ["bob's garden"])
            #expect(
                try await store.keywordSearch("secret garden", for: bob, limit: 10).map(\.record.content) == [
                    "bob's garden"
                ]
            )
            #expect(try await store.records(ids: secret.map(\.id), for: bob).isEmpty)
            await #expect(throws: MemoryError.self) {
                try await store.setBreakthrough(true, messageID: secret[0].id, for: bob)
            }
            #expect(try await store.breakthroughs(for: ana, limit: 5).isEmpty)
        }
    }

    @Test("breakthroughs can be flagged at write time, marked and unmarked", arguments: StoreBackend.tested)
    func breakthroughs(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            let stored = try await store.append(
                [
                    NewMessage(
                        role: .user,
                        content: "I realized my anxiety protects me",
                        createdAt: at(0),
                        isBreakthrough: true
                    ),
                    NewMessage(role: .user, content: "ordinary day", createdAt: at(1)),
                ],
                for: ana
            )
            #expect(
                try await store.breakthroughs(for: ana, limit: 5).map(\.content) == [
                    "I realized my anxiety protects me"
                ]
            )
            try await store.setBreakthrough(true, messageID: stored[1].id, for: ana)
            #expect(try await store.breakthroughs(for: ana, limit: 5).count == 2)
            #expect(try await store.breakthroughs(for: ana, limit: 1).map(\.content) == ["ordinary day"])
            try await store.setBreakthrough(false, messageID: stored[0].id, for: ana)
            #expect(try await store.breakthroughs(for: ana, limit: 5).map(\.content) == ["ordinary day"])
            #expect(try await store.recent(for: ana, limit: 5).map(\.isBreakthrough) == [true, false])
        }
    }

    @Test(
        "keyword search ranks matches, folds accents and treats every query as plain words",
        arguments: StoreBackend.tested
    )
    func keywordSearch(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            _ = try await store.append(
                [
                    NewMessage(role: .user, content: "Je me sens bloquée depuis des semaines", createdAt: at(0)),
                    NewMessage(role: .user, content: "My relationship patterns keep repeating", createdAt: at(1)),
                    NewMessage(role: .user, content: "मुझे अपने रिश्तों में एक पैटर्न दिखता है", createdAt: at(2)),
                ],
                for: ana
            )
            #expect(
                try await store.keywordSearch("bloquee", for: ana, limit: 5).map(\.record.content) == [
                    "Je me sens bloquée depuis des semaines"
                ]
            )
            #expect(try await store.keywordSearch("relationship", for: ana, limit: 5).count == 1)
            #expect(try await store.keywordSearch("रिश्तों", for: ana, limit: 5).count == 1)
            for hostile in ["\"", "NEAR(a b)", "* OR -", "content:x", "'); DROP TABLE messages; --", "", "  "] {
                _ = try await store.keywordSearch(hostile, for: ana, limit: 5)
            }
            #expect(try await store.allMessages(for: ana).count == 3)
        }
    }

    @Test(
        "forget erases every row of the user and reports counts; others are untouched",
        arguments: StoreBackend.tested
    )
    func forget(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            let stored = try await store.append(
                [
                    NewMessage(
                        role: .user,
                        content: "remember the river",
                        sessionID: SessionID("s1"),
                        isBreakthrough: true
                    ),
                    NewMessage(role: .maia, content: "the river flows", sessionID: SessionID("s2")),
                ],
                for: ana
            )
            _ = try await store.append([NewMessage(role: .user, content: "bob's river")], for: bob)
            try await store.saveVectors([
                StoredVector(messageID: stored[0].id, userID: ana, model: "m", values: [1, 0])
            ])
            let receipt = try await store.forget(ana)
            #expect(
                receipt
                    == ForgetReceipt(
                        userID: "ana",
                        messages: 2,
                        sessions: 2,
                        breakthroughs: 1,
                        vectors: 1,
                        outboxEntries: 2
                    )
            )
            #expect(try await store.allMessages(for: ana).isEmpty)
            #expect(try await store.keywordSearch("river", for: ana, limit: 5).isEmpty)
            #expect(try await store.vectors(for: ana, model: "m").isEmpty)
            #expect(try await store.pendingWork(.embed, limit: 10, now: Date()).map(\.userID) == [bob])
            #expect(try await store.keywordSearch("river", for: bob, limit: 5).count == 1)
        }
    }

    @Test(
        "new messages queue embedding work in the same transaction; failures are rescheduled",
        arguments: StoreBackend.tested
    )
    func outbox(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            let stored = try await store.append(
                [NewMessage(role: .user, content: "one"), NewMessage(role: .user, content: "two")],
                for: ana
            )
            let work = try await store.pendingWork(.embed, limit: 10, now: Date())
            #expect(work.map(\.messageID) == stored.map(\.id))
            #expect(work.allSatisfy { $0.kind == .embed && $0.attempts == 0 })
            try await store.failWork(work[0].id, reason: "embedder down", retryAt: Date().addingTimeInterval(60))
            try await store.completeWork([work[1].id])
            #expect(try await store.pendingWork(.embed, limit: 10, now: Date()).isEmpty)
            let later = try await store.pendingWork(.embed, limit: 10, now: Date().addingTimeInterval(61))
            #expect(later.map(\.attempts) == [1])
        }
    }

    @Test(
        "vectors round-trip, belong to their message's user, and a model change re-queues them",
        arguments: StoreBackend.tested
    )
    func vectors(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            let stored = try await store.append([NewMessage(role: .user, content: "one")], for: ana)
            try await store.completeWork(try await store.pendingWork(.embed, limit: 10, now: Date()).map(\.id))
            let values: [Float] = [0.25, -1.5, .pi]
            try await store.saveVectors([
                StoredVector(messageID: stored[0].id, userID: ana, model: "mini", values: values),
                StoredVector(messageID: stored[0].id, userID: bob, model: "mini", values: [9, 9, 9]),
            ])
            #expect(try await store.vectors(for: ana, model: "mini").map(\.values) == [values])
            #expect(try await store.vectors(for: bob, model: "mini").isEmpty)
            #expect(try await store.requeueMissingVectors(model: "mini") == 0)
            #expect(try await store.requeueMissingVectors(model: "other-model") == 1)
        }
    }
}
