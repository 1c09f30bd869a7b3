import Foundation
import MaiaCore
import MaiaTesting
import Testing

@testable import MaiaMemory

/// The vector index loads persisted 4-bit codes, not every float vector; vectors stored before the codes existed
/// are packed by migration 6, with the same results.
@Suite("Persisted vector codes (SQLite)")
struct VectorCodesTests {
    let ana = UserID("ana")!
    let bob = UserID("bob")!

    private func unit(_ generator: inout SeededGenerator) -> [Float] {
        let values = (0..<384).map { _ in Float.random(in: -1...1, using: &generator) }
        let norm = values.reduce(0) { $0 + $1 * $1 }.squareRoot()
        return values.map { $0 / norm }
    }

    @Test("codes are stored with each vector, and the index built from them ranks exactly, for its owner only")
    func storedCodes() async throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let path = folder.url.appendingPathComponent("maia.sqlite").path
        var generator = SeededGenerator(seed: 11)
        var vectors: [String: [Float]] = [:]
        var anaIDs: [String] = []
        do {
            let store = try SQLiteStore(path: path)
            for user in [ana, bob] {
                let records = try await store.append(
                    (0..<300).map { NewMessage(role: .user, content: "message \($0)") },
                    for: user
                )
                let stored = records.map {
                    StoredVector(messageID: $0.id, userID: user, model: "m", values: unit(&generator))
                }
                try await store.saveVectors(stored)
                for vector in stored { vectors[vector.messageID] = vector.values }
                if user == ana { anaIDs = stored.map(\.messageID) }
            }
        }
        try expectCodes(of: vectors, in: path)
        // A new process: its index is loaded from the codes.
        let store = try SQLiteStore(path: path)
        for _ in 0..<5 {
            let query = unit(&generator)
            let hits = try await store.vectorSearch(query, model: "m", for: ana, limit: 10)
            #expect(hits.count == 10 && hits.allSatisfy { $0.record.userID == ana }, "only ana's messages")
            let exact = anaIDs.map { ($0, zip(vectors[$0]!, query).reduce(Float(0)) { $0 + $1.0 * $1.1 }) }
                .sorted { $0.1 > $1.1 }.prefix(10)
            #expect(hits.map(\.record.id) == exact.map(\.0))
        }
        // Forgetting a user removes their codes with their vectors.
        _ = try await store.forget(bob)
        let connection = try SQLiteConnection(path: path)
        var left = 0
        try connection.query("SELECT COUNT(*) FROM vector_codes WHERE user_id = 'bob'") { left = Int($0.integer(0)) }
        #expect(left == 0)
    }

    @Test("a version-5 database's vectors get their codes when it is migrated, and search finds the same")
    func migratesStoredVectors() async throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let path = folder.url.appendingPathComponent("maia.sqlite").path
        var generator = SeededGenerator(seed: 5)
        let vectors = try version5Database(at: path, messages: 200, &generator)
        let store = try SQLiteStore(path: path)
        try expectCodes(of: vectors, in: path)
        let query = unit(&generator)
        let hits = try await store.vectorSearch(query, model: "m", for: ana, limit: 5)
        let exact = vectors.map { ($0.key, zip($0.value, query).reduce(Float(0)) { $0 + $1.0 * $1.1 }) }
            .sorted { $0.1 > $1.1 }.prefix(5)
        #expect(hits.map(\.record.id) == exact.map(\.0))
    }

    @Test(
        "migration 10 gives each vector its codes row's rowid, keeps a vector without codes, and search finds the same"
    )
    func alignsVectorRowids() async throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let path = folder.url.appendingPathComponent("maia.sqlite").path
        var generator = SeededGenerator(seed: 10)
        var vectors: [String: [Float]] = [:]
        do {
            let old = try SQLiteConnection(path: path)
            try SQLiteSchema.migrate(old, upTo: 9)
            try old.execute("INSERT INTO users (id, created_at) VALUES ('ana', 0)")
            for number in 0..<40 {
                vectors["m\(number)"] = unit(&generator)
                try old.query(
                    "INSERT INTO messages (id, user_id, role, content, created_at) VALUES (?, 'ana', 'user', ?, ?)",
                    [.text("m\(number)"), .text("message \(number)"), .integer(Int64(number))]
                )
            }
            // Codes in the opposite order from the floats, so that no vector starts with its codes' rowid; "m0"
            // gets no codes at all.
            for number in 0..<40 {
                try old.query(
                    "INSERT INTO vectors (message_id, user_id, model, dimensions, data) VALUES (?, 'ana', 'm', 384, ?)",
                    [.text("m\(number)"), .blob(vectors["m\(number)"]!.littleEndianBytes)]
                )
            }
            for number in (1..<40).reversed() {
                let packed = VectorIndex.pack(vectors["m\(number)"]!)
                try old.query(
                    "INSERT INTO vector_codes (message_id, user_id, model, codes, scale) VALUES (?, 'ana', 'm', ?, ?)",
                    [.text("m\(number)"), .blob(packed.bytes), .real(Double(packed.scale))]
                )
            }
        }
        let store = try SQLiteStore(path: path)
        let stored = try await store.vectors(for: ana, model: "m")
        #expect(Dictionary(uniqueKeysWithValues: stored.map { ($0.messageID, $0.values) }) == vectors, "no data lost")
        try await store.saveVectors([StoredVector(messageID: "m5", userID: ana, model: "m", values: vectors["m5"]!)])
        let connection = try SQLiteConnection(path: path)
        // Codes rowids are positive: 0 stands for none.
        var rows: [String: (vector: Int64, codes: Int64)] = [:]
        try connection.query(
            """
            SELECT v.message_id, v.rowid, COALESCE(c.rowid, 0) FROM vectors v
            LEFT JOIN vector_codes c ON c.message_id = v.message_id AND c.model = v.model
            """
        ) { rows[$0.text(0)] = ($0.integer(1), $0.integer(2)) }
        #expect(rows.count == 40)
        #expect(rows.filter { $0.key != "m0" }.allSatisfy { $0.value.vector == $0.value.codes }, "\(rows)")
        #expect(rows["m0"].map { $0.codes == 0 && $0.vector < 0 } == true, "kept below every codes rowid")
        for _ in 0..<5 {
            let query = unit(&generator)
            let hits = try await store.vectorSearch(query, model: "m", for: ana, limit: 5)
            let exact = vectors.filter { $0.key != "m0" }
                .map { ($0.key, zip($0.value, query).reduce(Float(0)) { $0 + $1.0 * $1.1 }) }
                .sorted { $0.1 > $1.1 }.prefix(5)
            #expect(hits.map(\.record.id) == exact.map(\.0))
            for (hit, truth) in zip(hits, exact) { #expect(abs(hit.score - Double(truth.1)) < 1e-5) }
        }
    }

    @Test("a query's scan of the codes serves its time list too, and is not reused once vectors are added or replaced")
    func sharedScan() async throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let path = folder.url.appendingPathComponent("maia.sqlite").path
        var generator = SeededGenerator(seed: 21)
        let store = try SQLiteStore(path: path)
        let other = try SQLiteStore(path: path)
        let start = Date(timeIntervalSince1970: 1_700_000_000)
        let records = try await store.append(
            (0..<200).map {
                NewMessage(role: .user, content: "message \($0)", createdAt: start.addingTimeInterval(Double($0)))
            },
            for: ana
        )
        try await store.saveVectors(
            records.map { StoredVector(messageID: $0.id, userID: ana, model: "m", values: unit(&generator)) }
        )
        let query = unit(&generator)
        let all = DateInterval(start: start, duration: 1_000)
        // The time list after the vector list (the second reads the first's scan) finds what a new process finds.
        let nearest = try await store.vectorSearch(query, model: "m", for: ana, limit: 10)
        let during = try await store.vectorSearch(query, model: "m", for: ana, limit: 10, createdIn: all, among: 50)
        let fresh = try SQLiteStore(path: path)
        #expect(
            during.map(\.record.id)
                == (try await fresh.vectorSearch(
                    query,
                    model: "m",
                    for: ana,
                    limit: 10,
                    createdIn: all,
                    among: 50
                )).map(\.record.id)
        )
        #expect(
            nearest.map(\.record.id)
                == (try await fresh.vectorSearch(query, model: "m", for: ana, limit: 10)).map(\.record.id)
        )
        // A vector equal to the query, added by this store, then by another connection, then stored again for an
        // older message: each is found first by the same query.
        for (writer, content) in [(store, "added here"), (other, "added by another connection")] {
            let added = try await writer.append([NewMessage(role: .user, content: content)], for: ana)
            try await writer.saveVectors([StoredVector(messageID: added[0].id, userID: ana, model: "m", values: query)])
            #expect(
                try await store.vectorSearch(query, model: "m", for: ana, limit: 1).first?.record.content == content
            )
        }
        try await store.saveVectors([StoredVector(messageID: records[3].id, userID: ana, model: "m", values: query)])
        let hits = try await store.vectorSearch(query, model: "m", for: ana, limit: 3)
        #expect(hits.contains { $0.record.id == records[3].id } && hits.count == 3)
    }

    @Test("a vector stored again for a message replaces the old one in a loaded index, from this or another connection")
    func replacedVectors() async throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let path = folder.url.appendingPathComponent("maia.sqlite").path
        var generator = SeededGenerator(seed: 3)
        let server = try SQLiteStore(path: path)
        let command = try SQLiteStore(path: path)
        let records = try await server.append(
            (0..<50).map { NewMessage(role: .user, content: "message \($0)") },
            for: ana
        )
        try await server.saveVectors(
            records.map { StoredVector(messageID: $0.id, userID: ana, model: "m", values: unit(&generator)) }
        )
        for (writer, record) in [(server, records[7]), (command, records[31])] {
            let query = unit(&generator)
            // Loads (or brings up to date) the index before the replacement.
            #expect(try await server.vectorSearch(query, model: "m", for: ana, limit: 1).first?.record.id != record.id)
            try await writer.saveVectors([StoredVector(messageID: record.id, userID: ana, model: "m", values: query)])
            let hits = try await server.vectorSearch(query, model: "m", for: ana, limit: 50)
            #expect(hits.first?.record.id == record.id && abs((hits.first?.score ?? 0) - 1) < 1e-5)
            #expect(
                hits.count == 50 && Set(hits.map(\.record.id)).count == 50,
                "the old vector is gone, not a duplicate"
            )
        }
    }

    @Test("the time list's search reads the rows created in the interval among the nearest by codes, of its user only")
    func searchInInterval() async throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let store = try SQLiteStore(path: folder.url.appendingPathComponent("maia.sqlite").path)
        var generator = SeededGenerator(seed: 8)
        let start = Date(timeIntervalSince1970: 1_700_000_000)
        var vectors: [String: (vector: [Float], createdAt: Date)] = [:]
        for user in [ana, bob] {
            let records = try await store.append(
                (0..<300).map {
                    NewMessage(
                        role: .user,
                        content: "day \($0)",
                        createdAt: start.addingTimeInterval(Double($0) * 86_400)
                    )
                },
                for: user
            )
            let stored = records.map {
                StoredVector(messageID: $0.id, userID: user, model: "m", values: unit(&generator))
            }
            try await store.saveVectors(stored)
            if user == ana {
                for (record, vector) in zip(records, stored) { vectors[record.id] = (vector.values, record.createdAt) }
            }
        }
        let interval = DateInterval(start: start.addingTimeInterval(100 * 86_400), duration: 99 * 86_400)
        let query = unit(&generator)
        let inside = Set(vectors.filter { interval.contains($0.value.createdAt) }.keys)
        // Among all of ana's rows, every row inside is a candidate (the order is TimeListSearchTests' subject).
        let all = try await store.vectorSearch(query, model: "m", for: ana, limit: 200, createdIn: interval, among: 300)
        #expect(Set(all.map(\.record.id)) == inside)
        // Among fewer, only rows inside the interval, ana's, best first.
        let some = try await store.vectorSearch(query, model: "m", for: ana, limit: 10, createdIn: interval, among: 60)
        #expect(!some.isEmpty && some.count <= 10)
        #expect(some.allSatisfy { $0.record.userID == ana && interval.contains($0.record.createdAt) })
        #expect(some.map(\.score) == some.map(\.score).sorted(by: >))
        #expect(
            try await store.vectorSearch(query, model: "m", for: ana, limit: 0, createdIn: interval, among: 300).isEmpty
        )
        let never = DateInterval(start: start.addingTimeInterval(-10 * 86_400), duration: 86_400)
        #expect(
            try await store.vectorSearch(query, model: "m", for: ana, limit: 10, createdIn: never, among: 300).isEmpty
        )
    }

    @Test("the codes are read in the (user, model) index's order without sorting, and the shortlist by rowid")
    func queryPlans() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let path = folder.url.appendingPathComponent("maia.sqlite").path
        _ = try SQLiteStore(path: path)
        let connection = try SQLiteConnection(path: path)
        func plan(_ sql: String, _ parameters: [SQLiteValue]) throws -> String {
            var steps: [String] = []
            try connection.query("EXPLAIN QUERY PLAN " + sql, parameters) { steps.append($0.text(3)) }
            return steps.joined(separator: "; ")
        }
        let load = try plan(
            "SELECT rowid, codes, scale FROM vector_codes WHERE user_id = ? AND model = ? AND rowid > ? ORDER BY rowid",
            [.text("ana"), .text("m"), .integer(0)]
        )
        #expect(load.contains("vector_codes_by_user_model") && !load.contains("TEMP B-TREE"), "\(load)")
        let floats = try plan(
            """
            SELECT c.message_id, v.data FROM vector_codes c CROSS JOIN vectors v
            ON v.message_id = c.message_id AND +v.user_id = c.user_id AND +v.model = c.model
            WHERE c.rowid IN (?, ?) AND +c.user_id = ? AND +c.model = ?
            """,
            [.integer(1), .integer(2), .text("ana"), .text("m")]
        )
        #expect(
            floats.contains("INTEGER PRIMARY KEY") && floats.contains("sqlite_autoindex_vectors")
                && !floats.contains("by_user_model"),
            "\(floats)"
        )
    }

    /// Every stored vector has exactly the codes `VectorIndex.pack` makes of it.
    @Test("migration 8 keeps every vector and its codes' rowids, and then a message may hold a vector per model")
    func migratesToVectorPerModel() async throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let path = folder.url.appendingPathComponent("maia.sqlite").path
        var generator = SeededGenerator(seed: 9)
        let vectors = try version5Database(at: path, messages: 100, &generator)
        var rowids: [String: Int64] = [:]
        do {
            let old = try SQLiteConnection(path: path)
            try SQLiteSchema.migrate(old, upTo: 7)
            try old.query("SELECT message_id, rowid FROM vector_codes") { rowids[$0.text(0)] = $0.integer(1) }
        }
        let store = try SQLiteStore(path: path)
        try expectCodes(of: vectors, in: path)
        var after: [String: Int64] = [:]
        try SQLiteConnection(path: path).query("SELECT message_id, rowid FROM vector_codes") {
            after[$0.text(0)] = $0.integer(1)
        }
        #expect(after == rowids && after.count == 100)
        #expect(try await store.vectors(for: ana, model: "m").count == 100)
        let other = unit(&generator)
        try await store.saveVectors([
            StoredVector(messageID: "m7", userID: ana, model: "m#reply-context", values: other)
        ])
        #expect(try await store.vectors(for: ana, model: "m").first { $0.messageID == "m7" }?.values == vectors["m7"])
        // One search over both: m7 is found by its new reply-context vector, once.
        let hits = try await store.vectorSearch(other, model: "m", for: ana, limit: 5)
        #expect(hits.first?.record.id == "m7" && abs((hits.first?.score ?? 0) - 1) < 1e-5)
        #expect(hits.count == 5 && Set(hits.map(\.record.id)).count == 5)
    }

    /// A database at schema version 5 (vectors without codes) holding `messages` messages of ana with random vectors
    /// of model "m"; returns the vectors by message id.
    private func version5Database(
        at path: String,
        messages: Int,
        _ generator: inout SeededGenerator
    ) throws -> [String: [Float]] {
        var vectors: [String: [Float]] = [:]
        let old = try SQLiteConnection(path: path)
        try SQLiteSchema.migrate(old, upTo: 5)
        try old.execute("INSERT INTO users (id, created_at) VALUES ('ana', 0)")
        for number in 0..<messages {
            let vector = unit(&generator)
            vectors["m\(number)"] = vector
            try old.query(
                "INSERT INTO messages (id, user_id, role, content, created_at) VALUES (?, 'ana', 'user', ?, ?)",
                [.text("m\(number)"), .text("message \(number)"), .integer(Int64(number))]
            )
            try old.query(
                "INSERT INTO vectors (message_id, user_id, model, dimensions, data) VALUES (?, 'ana', 'm', 384, ?)",
                [.text("m\(number)"), .blob(vector.littleEndianBytes)]
            )
        }
        return vectors
    }

    private func expectCodes(of vectors: [String: [Float]], in path: String) throws {
        let connection = try SQLiteConnection(path: path)
        var stored: [String: (codes: [UInt8], scale: Double)] = [:]
        try connection.query("SELECT message_id, codes, scale FROM vector_codes") { row in
            stored[row.text(0)] = (row.blob(1), row.real(2))
        }
        #expect(stored.count == vectors.count)
        for (id, vector) in vectors {
            let packed = VectorIndex.pack(vector)
            #expect(stored[id]?.codes == packed.bytes && stored[id].map { Float($0.scale) } == packed.scale, "\(id)")
        }
    }
}
