import Foundation
import MaiaCore
import MaiaTesting
import Testing

@testable import MaiaMemory

/// A user's vector index persisted as one row (`vector_code_snapshots`), read by a new process with the rows stored
/// after it; deleted whenever the user's codes are deleted or replaced; never a way into another user's messages.
@Suite("Vector index snapshots (SQLite)")
struct VectorSnapshotTests {
    let ana = UserID("ana")!
    let bob = UserID("bob")!
    let context = ReplyContext.model(of: "m")

    @Test("a snapshot is due from 2,048 rows, then when the rows stored after it reach an eighth of it")
    func due() {
        #expect(!SQLiteStore.snapshotIsDue(rows: 0, tail: 2047))
        #expect(SQLiteStore.snapshotIsDue(rows: 0, tail: 2048))
        #expect(!SQLiteStore.snapshotIsDue(rows: 2048, tail: 2047))
        #expect(!SQLiteStore.snapshotIsDue(rows: 100_000, tail: 12_499))
        #expect(SQLiteStore.snapshotIsDue(rows: 100_000, tail: 12_500))
    }

    @Test("a new process loads the snapshot and the rows stored after it, and ranks as an exact search")
    func newProcess() async throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let path = folder.url.appendingPathComponent("maia.sqlite").path
        var generator = SeededGenerator(seed: 5)
        var vectors: [String: [[Float]]] = [:]
        var newest: String?
        do {
            let store = try SQLiteStore(path: path)
            try await add(1_500, for: ana, to: store, &vectors, &generator)
            #expect(try snapshot(of: ana, in: path)?.rows == 3_000, "messages' own and reply-context codes")
            newest = try await add(100, for: ana, to: store, &vectors, &generator).last
            #expect(try snapshot(of: ana, in: path)?.rows == 3_000, "200 rows are not yet due")
        }
        let store = try SQLiteStore(path: path)
        for _ in 0..<5 {
            let query = unit(&generator)
            let hits = try await store.vectorSearch(query, model: "m", for: ana, limit: 10)
            #expect(hits.map(\.record.id) == exactTop(10, query, vectors))
        }
        let newestID = try #require(newest)
        let hit = try await store.vectorSearch(vectors[newestID]![0], model: "m", for: ana, limit: 1)
        #expect(hit.first?.record.id == newestID, "a row stored after the snapshot is searched")

        // The codes come from the snapshot: with its rows gone from the table (trigger dropped), it still holds them.
        let connection = try SQLiteConnection(path: path)
        try connection.execute("DROP TRIGGER vector_codes_delete_snapshots")
        try connection.execute(
            "DELETE FROM vector_codes WHERE rowid <= (SELECT high_water FROM vector_code_snapshots)"
        )
        let loaded = try await SQLiteStore(path: path).loadIndex(of: IndexKey(user: ana, model: "m"), dimensions: 32)
        #expect(loaded.index.count == 3_200)
    }

    @Test("replacing or deleting a user's codes, or forgetting the user, deletes that user's snapshot only")
    func invalidated() async throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let path = folder.url.appendingPathComponent("maia.sqlite").path
        var generator = SeededGenerator(seed: 6)
        var vectors: [String: [[Float]]] = [:]
        let store = try SQLiteStore(path: path)
        try await add(1_100, for: ana, to: store, &vectors, &generator)
        try await add(1_100, for: bob, to: store, &vectors, &generator)
        let before = try #require(try snapshot(of: ana, in: path))

        // A replaced vector: the trigger drops the snapshot, and the save writes it anew without the old codes.
        let replaced = try #require(vectors.keys.first { try ownerOf($0, path) == "ana" })
        let fresh = unit(&generator)
        try await store.saveVectors([StoredVector(messageID: replaced, userID: ana, model: "m", values: fresh)])
        let after = try #require(try snapshot(of: ana, in: path))
        #expect(after.rows == before.rows && after.highWater > before.highWater)
        let reopened = try SQLiteStore(path: path)
        #expect(try await reopened.vectorSearch(fresh, model: "m", for: ana, limit: 1).first?.record.id == replaced)
        let old = try await reopened.vectorSearch(vectors[replaced]![0], model: "m", for: ana, limit: 1)
        #expect(old.first.map { $0.record.id != replaced || $0.score < 0.99 } ?? false, "the old codes are gone")

        // A message deleted by SQL (another program): the cascade's delete trigger drops the snapshot.
        let connection = try SQLiteConnection(path: path)
        try connection.query("DELETE FROM messages WHERE id = ?", [.text(replaced)])
        #expect(try snapshot(of: ana, in: path) == nil)
        #expect(try snapshot(of: bob, in: path) != nil, "another user's snapshot stays")

        _ = try await store.forget(bob)
        #expect(try snapshot(of: bob, in: path) == nil)
    }

    @Test("a snapshot whose blobs do not fit is ignored: the index loads from the rows")
    func damaged() async throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let path = folder.url.appendingPathComponent("maia.sqlite").path
        var generator = SeededGenerator(seed: 7)
        var vectors: [String: [[Float]]] = [:]
        do {
            let store = try SQLiteStore(path: path)
            try await add(1_100, for: ana, to: store, &vectors, &generator)
        }
        let connection = try SQLiteConnection(path: path)
        var original: [SQLiteValue] = []
        try connection.query("SELECT rowids, scales, codes FROM vector_code_snapshots") { row in
            original = (0..<3).map { .blob(row.blob($0)) }
        }
        #expect(original.count == 3, "ana's 2,200 rows have a snapshot")
        for damage in ["codes = x'0102'", "scales = x''", "rowids = zeroblob(7)"] {
            try connection.execute("UPDATE vector_code_snapshots SET \(damage)")
            let store = try SQLiteStore(path: path)
            let query = unit(&generator)
            let hits = try await store.vectorSearch(query, model: "m", for: ana, limit: 10)
            #expect(hits.map(\.record.id) == exactTop(10, query, vectors), "\(damage)")
            try connection.query("UPDATE vector_code_snapshots SET rowids = ?, scales = ?, codes = ?", original)
        }
    }

    @Test("a snapshot holds rows, not a user: one moved to another user finds none of its first owner's messages")
    func isolation() async throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let path = folder.url.appendingPathComponent("maia.sqlite").path
        var generator = SeededGenerator(seed: 8)
        var vectors: [String: [[Float]]] = [:]
        do {
            let store = try SQLiteStore(path: path)
            try await add(1_100, for: ana, to: store, &vectors, &generator)
            try await add(50, for: bob, to: store, &vectors, &generator)
        }
        let connection = try SQLiteConnection(path: path)
        try connection.execute("UPDATE vector_code_snapshots SET user_id = 'bob' WHERE user_id = 'ana'")
        let store = try SQLiteStore(path: path)
        for id in vectors.keys.prefix(20) {
            let hits = try await store.vectorSearch(vectors[id]![0], model: "m", for: bob, limit: 10)
            #expect(hits.allSatisfy { $0.record.userID == bob }, "bob's search never returns ana's messages")
        }
    }

    // MARK: - Helpers

    /// Appends `count` messages for `user`, each with its own vector and a reply-context vector, in one save; returns
    /// their ids in the order stored.
    @discardableResult
    private func add(
        _ count: Int,
        for user: UserID,
        to store: SQLiteStore,
        _ vectors: inout [String: [[Float]]],
        _ generator: inout SeededGenerator
    ) async throws -> [String] {
        let records = try await store.append(
            (0..<count).map { NewMessage(role: .user, content: "message \($0)") },
            for: user
        )
        var stored: [StoredVector] = []
        for record in records {
            let own = unit(&generator)
            let reply = unit(&generator)
            vectors[record.id] = [own, reply]
            stored += [
                StoredVector(messageID: record.id, userID: user, model: "m", values: own),
                StoredVector(messageID: record.id, userID: user, model: context, values: reply),
            ]
        }
        try await store.saveVectors(stored)
        return records.map(\.id)
    }

    /// The ids of the `k` messages whose better vector is most similar to `query`.
    private func exactTop(_ k: Int, _ query: [Float], _ vectors: [String: [[Float]]]) -> [String] {
        vectors.map { id, rows in (id, rows.map { zip($0, query).reduce(Float(0)) { $0 + $1.0 * $1.1 } }.max()!) }
            .sorted { $0.1 > $1.1 }.prefix(k).map(\.0)
    }

    private func snapshot(of user: UserID, in path: String) throws -> (rows: Int, highWater: Int64)? {
        var found: (rows: Int, highWater: Int64)?
        try SQLiteConnection(path: path).query(
            "SELECT length(scales) / 4, high_water FROM vector_code_snapshots WHERE user_id = ? AND model = 'm'",
            [.text(user.rawValue)]
        ) { found = (Int($0.integer(0)), $0.integer(1)) }
        return found
    }

    private func ownerOf(_ id: String, _ path: String) throws -> String? {
        var owner: String?
        try SQLiteConnection(path: path).query("SELECT user_id FROM messages WHERE id = ?", [.text(id)]) {
            owner = $0.text(0)
        }
        return owner
    }

    private func unit(_ generator: inout SeededGenerator) -> [Float] {
        let values = (0..<32).map { _ in Float.random(in: -1...1, using: &generator) }
        let norm = values.reduce(0) { $0 + $1 * $1 }.squareRoot()
        return values.map { $0 / norm }
    }
}
