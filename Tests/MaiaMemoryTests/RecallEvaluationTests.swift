import Foundation
import MaiaEmbedding
import MaiaMemory
import MaiaTesting
import Testing

/// Retrieval quality must not regress: the floors are the recall measured with `maia-bench recall` on 2026-11-25
/// (README, docs/storage.md), rounded down a little so that float noise in near-ties cannot fail the test.
@Suite("Retrieval quality on the multilingual evaluation set")
struct RecallEvaluationTests {
    @Test("recall@5 and recall@10 of each mode stay at or above the measured floors", .timeLimit(.minutes(5)))
    func floors() async throws {
        let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/recall-set.json")
        let set = try RecallSet(contentsOf: fixture)
        #expect(Set(set.languages.map(\.language)) == ["en", "fr", "de", "es", "hi", "pt", "it", "th"])
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let results = try await RecallEvaluation.run(set, embedder: try MiniLMEmbedder(), folder: folder.url)
        let all = Dictionary(uniqueKeysWithValues: results.filter { $0.language == "all" }.map { ($0.mode, $0) })
        let hybrid = try #require(all[.hybrid])
        let vector = try #require(all[.vector])
        let keyword = try #require(all[.keyword])
        #expect(hybrid.questions == 80)
        // Message ids are random UUIDs and many fixture messages share a timestamp, so ties between them fall
        // differently in each run: recall@5 measured 0.55 to 0.6 across runs of the same code.
        #expect(hybrid.recallAt5 >= 0.55 && hybrid.recallAt10 >= 0.8, "\(hybrid)")
        #expect(vector.recallAt5 >= 0.5 && vector.recallAt10 >= 0.65, "\(vector)")
        #expect(keyword.recallAt5 >= 0.55 && keyword.recallAt10 >= 0.725, "\(keyword)")
        // Fusion is the point of hybrid search: it must find at least what either signal finds alone.
        #expect(hybrid.recallAt10 >= max(vector.recallAt10, keyword.recallAt10))
        // The cross-lingual pairs, their own line: MiniLM is English-only, so this is its baseline (measured 2026-12-04:
        // hybrid 0.458, vector 0.500 at 10), far below the 0.8 that multilingual-e5 reaches (MultilingualEmbedderTests).
        let crossLingual = results.filter { $0.language == RecallEvaluation.crossLingualLabel }
        let crossHybrid = try #require(crossLingual.first { $0.mode == .hybrid })
        let crossVector = try #require(crossLingual.first { $0.mode == .vector })
        #expect(crossLingual.count == 3 && crossHybrid.questions == set.crossLingual.count)
        #expect(crossHybrid.recallAt10 >= 0.4 && crossVector.recallAt10 >= 0.45, "\(crossHybrid) \(crossVector)")
    }
}
