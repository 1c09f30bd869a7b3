import Foundation
import MaiaCore
import MaiaTesting
import Testing

@testable import MaiaMemory

/// Texts a model cannot read embed alike (MiniLM turns every Thai word into one unknown token), so equal vector
/// scores are common; they must rank the same way in every process, not in the order of the random message ids.
@Suite("Equal vector scores (SQLite)")
struct VectorTieOrderTests {
    @Test("equal scores rank newest stored first, in a fresh process too")
    func newestFirst() async throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let path = folder.url.appendingPathComponent("maia.sqlite").path
        let user = UserID("ana")!
        let same = (0..<384).map { Float($0 % 2 == 0 ? 1 : -1) / Float(384).squareRoot() }
        var ids: [String] = []
        do {
            let store = try SQLiteStore(path: path)
            for index in 0..<30 {
                let record = try await store.append([NewMessage(role: .user, content: "message \(index)")], for: user)
                try await store.saveVectors(
                    record.map { StoredVector(messageID: $0.id, userID: user, model: "m", values: same) }
                )
                ids += record.map(\.id)
            }
        }
        let store = try SQLiteStore(path: path)
        let hits = try await store.vectorSearch(same, model: "m", for: user, limit: 10)
        #expect(hits.map(\.record.id) == Array(ids.reversed().prefix(10)))
        #expect(Set(hits.map(\.score)).count == 1, "the scores are equal: \(hits.map(\.score))")
    }

    @Test("rescoring keeps the candidates' order among equal scores")
    func rescoreIsStable() {
        let query: [Float] = [1, 0]
        let candidates = [("c", [Float(0), 1]), ("a", [1, 0]), ("d", [1, 0]), ("b", [1, 0])].map {
            (id: $0.0, vector: $0.1)
        }
        #expect(VectorIndex.rescore(query, candidates, limit: 3).map(\.id) == ["a", "d", "b"])
    }
}
