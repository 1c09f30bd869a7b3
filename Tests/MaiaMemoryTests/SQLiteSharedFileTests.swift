import Foundation
import MaiaCore
import MaiaTesting
import Testing

@testable import MaiaMemory

/// One SQLite file used by several connections, as `maia serve` beside CLI commands or two replicas are: each
/// `SQLiteStore` below has a connection of its own, which SQLite treats exactly as it treats another process.
@Suite("SQLite file shared by several connections")
struct SQLiteSharedFileTests {
    let ana = UserID("ana")!
    let bob = UserID("bob")!
    let embedder = BagOfWordsEmbedder()
    let folder: TemporaryDirectory
    var path: String { folder.url.appendingPathComponent("maia.sqlite").path }

    init() throws {
        folder = try TemporaryDirectory()
    }

    private func notes(_ count: Int, from start: Int = 0) -> [NewMessage] {
        (start..<start + count).map { NewMessage(role: .user, content: "note \($0) about the river and the bridge") }
    }

    @Test("a search sees vectors another connection stored, and stops seeing what another connection forgot")
    func vectorIndexFollowsOtherWriters() async throws {
        defer { folder.remove() }
        let server = try SQLiteStore(path: path)
        let command = try SQLiteStore(path: path)
        _ = try await command.append([NewMessage(role: .user, content: "the river at dawn")], for: ana)
        _ = try await OutboxDrainer(store: command, embedder: embedder).drain()
        let query = try await embedder.embed(["river"])[0]
        // The first search loads the index; the later ones must not keep serving that copy.
        #expect(try await server.vectorSearch(query, model: embedder.modelID, for: ana, limit: 10).count == 1)

        let added = try await command.append([NewMessage(role: .user, content: "a river in the rain")], for: ana)
        _ = try await OutboxDrainer(store: command, embedder: embedder).drain()
        let hits = try await server.vectorSearch(query, model: embedder.modelID, for: ana, limit: 10)
        #expect(hits.count == 2 && hits.contains { $0.record.id == added[0].id })

        _ = try await command.forget(ana)
        #expect(try await server.vectorSearch(query, model: embedder.modelID, for: ana, limit: 10).isEmpty)
        _ = try await command.append([NewMessage(role: .user, content: "river again")], for: ana)
        _ = try await OutboxDrainer(store: command, embedder: embedder).drain()
        #expect(try await server.vectorSearch(query, model: embedder.modelID, for: ana, limit: 10).count == 1)
    }

    @Test("the queue is read through its (kind, due_at, id) index, without sorting the whole queue")
    func outboxQueryPlan() throws {
        defer { folder.remove() }
        _ = try SQLiteStore(path: path)
        let connection = try SQLiteConnection(path: path)
        func plan(_ sql: String, _ parameters: [SQLiteValue]) throws -> String {
            var steps: [String] = []
            try connection.query("EXPLAIN QUERY PLAN " + sql, parameters) { steps.append($0.text(3)) }
            return steps.joined(separator: "; ")
        }
        let all = try plan(
            "SELECT id FROM outbox WHERE kind = ? AND due_at <= ? ORDER BY due_at, id LIMIT ?",
            [.text("embed"), .integer(0), .integer(32)]
        )
        #expect(all.contains("outbox_by_kind_due") && !all.contains("TEMP B-TREE"), "\(all)")
        let one = try plan(
            "SELECT id FROM outbox WHERE user_id = ? AND kind = ? AND due_at <= ? ORDER BY due_at, id LIMIT ?",
            [.text("ana"), .text("embed"), .integer(0), .integer(32)]
        )
        #expect(one.contains("outbox_by_user_kind_due") && !one.contains("TEMP B-TREE"), "\(one)")
    }

    @Test("a large forget lets another connection's adds through between its batches, and erases exactly the user")
    func forgetInBatches() async throws {
        defer { folder.remove() }
        let eraser = try SQLiteStore(path: path)
        let writer = try SQLiteStore(path: path)
        let count = SQLiteStore.forgetBatch * 12 + 7
        for start in stride(from: 0, to: count, by: 2000) {
            _ = try await eraser.append(notes(min(2000, count - start), from: start), for: ana)
        }
        let done = Flag()
        let forgetting = Task {
            let receipt = try await eraser.forget(ana)
            await done.set()
            return receipt
        }
        // Adds for another user keep going while the forget runs; each must succeed (none may wait out the busy
        // timeout), and several must land before the forget has finished, between its batches. In one transaction,
        // every add after the first waited for the whole erasure.
        var during = 0
        var added = 0
        repeat {
            _ = try await writer.append(notes(1, from: added), for: bob)
            added += 1
            if await !done.isSet { during += 1 }
        } while await !done.isSet
        let receipt = try await forgetting.value
        #expect(receipt.messages == count && receipt.outboxEntries == count)
        #expect(during >= 3, "only \(during) add(s) got through while the forget ran")
        #expect(try await writer.messageCount(for: bob) == added)
        #expect(try await writer.messageCount(for: ana) == 0)
        #expect(try await writer.keywordSearch("river", for: ana, limit: 5).isEmpty)
        #expect(try await writer.integrityProblems().isEmpty)
    }
}

/// Set once, read by another task.
private actor Flag {
    private(set) var isSet = false

    func set() { isSet = true }
}
