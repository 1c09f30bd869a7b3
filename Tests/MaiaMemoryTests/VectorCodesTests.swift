import Foundation
import MaiaCore
import MaiaTesting
import Testing

@testable import MaiaMemory

/// The vector index loads persisted 4-bit codes, not every float vector; rows stored before the codes existed
/// (migration 6) are packed from their floats when loaded, with the same results.
@Suite("Persisted vector codes (SQLite)")
struct VectorCodesTests {
    let ana = UserID("ana")!
    let bob = UserID("bob")!

    private func unit(_ generator: inout SeededGenerator) -> [Float] {
        let values = (0..<384).map { _ in Float.random(in: -1...1, using: &generator) }
        let norm = values.reduce(0) { $0 + $1 * $1 }.squareRoot()
        return values.map { $0 / norm }
    }

    @Test("codes are stored with each vector; rows without them are packed when loaded; results and owners match")
    func storedAndLegacyRows() async throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let path = folder.url.appendingPathComponent("maia.sqlite").path
        var generator = SeededGenerator(seed: 11)
        var vectors: [String: [Float]] = [:]
        var anaIDs: [String] = []
        var queries: [[Float]] = []
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
            queries = (0..<5).map { _ in unit(&generator) }
        }
        let connection = try SQLiteConnection(path: path)
        var stored: [(id: String, codes: [UInt8], scale: Double)] = []
        try connection.query("SELECT message_id, codes, code_scale FROM vectors") { row in
            stored.append((row.text(0), row.blob(1), row.real(2)))
        }
        #expect(stored.count == 600)
        for row in stored {
            let packed = VectorIndex.pack(try #require(vectors[row.id]))
            #expect(row.codes == packed.bytes && Float(row.scale) == packed.scale)
        }

        func results() async throws -> [[String]] {
            let store = try SQLiteStore(path: path)
            var found: [[String]] = []
            for query in queries {
                let hits = try await store.vectorSearch(query, model: "m", for: ana, limit: 10)
                #expect(hits.allSatisfy { $0.record.userID == ana }, "only ana's messages")
                found.append(hits.map(\.record.id))
            }
            return found
        }
        let withCodes = try await results()
        // What a database written before migration 6 holds: vectors without codes.
        try connection.execute("UPDATE vectors SET codes = NULL, code_scale = NULL WHERE user_id = 'ana'")
        let legacy = try await results()
        #expect(withCodes == legacy && withCodes.allSatisfy { $0.count == 10 })
        // Exact ranking of the shortlist: the first hit is the nearest of ana's vectors.
        for (query, found) in zip(queries, withCodes) {
            let nearest = anaIDs.max { a, b in
                zip(vectors[a]!, query).reduce(Float(0)) { $0 + $1.0 * $1.1 }
                    < zip(vectors[b]!, query).reduce(Float(0)) { $0 + $1.0 * $1.1 }
            }
            #expect(found.first == nearest)
        }
    }
}
