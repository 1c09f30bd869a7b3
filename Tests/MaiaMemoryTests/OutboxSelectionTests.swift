import Foundation
import MaiaCore
import MaiaMemory
import MaiaTesting
import Testing

/// A command waits only for its own queued work: a turn's or an add's messages, or its user's queue, never another
/// user's backlog; and imports say honestly what they stored and what they skipped.
@Suite("Outbox selection and honest append counts")
struct OutboxSelectionTests {
    let ana = UserID("ana")!
    let bob = UserID("bob")!

    private func messages(_ prefix: String, _ count: Int) -> [NewMessage] {
        (0..<count).map { NewMessage(role: .user, content: "\(prefix) note \($0) about the river") }
    }

    @Test(
        "a drain over one command's messages embeds only those and leaves another user's backlog queued",
        arguments: StoreBackend.tested
    )
    func drainOwnMessagesOnly(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            _ = try await store.append(messages("bob", 7), for: bob)
            let mine = try await store.append(messages("ana", 2), for: ana)
            let drainer = OutboxDrainer(store: store, embedder: BagOfWordsEmbedder(), batchSize: 2)

            let own = try await drainer.drain(among: .messages(mine.map(\.id)))
            #expect(own.embedded == 2 && !own.stoppedAtBound)
            #expect(try await store.vectors(for: ana, model: BagOfWordsEmbedder().modelID).count == 2)
            let left = try await store.pendingWork(.embed, limit: 100, now: Date())
            #expect(left.count == 7 && left.allSatisfy { $0.userID == bob })
            #expect(try await drainer.drain(among: .messages([])).processed == 0)

            // A bounded pass over one user's queue stops at its bound and says that work is left.
            let bounded = try await drainer.drain(among: .user(bob), atMost: 4)
            #expect(bounded.embedded == 4 && bounded.stoppedAtBound)
            #expect(try await store.pendingWork(.embed, among: .user(bob), limit: 100, now: Date()).count == 3)
            #expect(try await store.pendingWork(.embed, among: .user(ana), limit: 100, now: Date()).isEmpty)
            let rest = try await drainer.drain(among: .user(bob), atMost: 4)
            #expect(rest.embedded == 3 && !rest.stoppedAtBound)
        }
    }

    @Test(
        "a second append of the same messages stores none and skips all; a client id repeated in one call counts once",
        arguments: StoreBackend.tested
    )
    func appendCounts(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            let lines = (0..<3).map { #"{"role":"user","content":"line \#($0)"}"# }
            let parsed = try lines.map { try ImportLine.parse($0) }
            let first = try await store.appendCounting(parsed, for: ana)
            #expect(first.stored == 3 && first.skipped == 0)
            let second = try await store.appendCounting(parsed, for: ana)
            #expect(second.stored == 0 && second.skipped == 3)
            #expect(second.records.map(\.id) == first.records.map(\.id))

            var twice = NewMessage(role: .user, content: "same id")
            twice.clientID = "client-1"
            var again = NewMessage(role: .user, content: "same id, other text")
            again.clientID = "client-1"
            let duplicate = try await store.appendCounting([twice, again], for: ana)
            #expect(duplicate.stored == 1 && duplicate.skipped == 1)
            #expect(try await store.messageCount(for: ana) == 4)
        }
    }
}
