import ArgumentParser
import Foundation
import MaiaEmbedding
import MaiaMemory
import MaiaTesting

/// `maia-bench recall`: retrieval quality (recall@5, recall@10) of hybrid, vector-only and keyword-only search with
/// the real MiniLM embedder on SQLite, over the hand-written multilingual set (see docs/storage.md).
struct RecallBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "recall",
        abstract: "Recall@5 and recall@10 of each search mode on the multilingual evaluation set."
    )

    @Option(help: "The evaluation set.")
    var fixture = "Tests/Fixtures/recall-set.json"

    @Option(help: "The model folder (default: MAIA_MODELS_DIR or $MAIA_CACHE/models, as the embedder resolves it).")
    var model: String?

    func run() async throws {
        let set: RecallSet
        do {
            set = try RecallSet(contentsOf: URL(fileURLWithPath: fixture))
        } catch {
            throw ValidationError("cannot read the evaluation set \(fixture): \(error)")
        }
        let embedder = try MiniLMEmbedder(folder: model.map(ModelFolder.init(path:)) ?? MiniLMEmbedder.defaultFolder())
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("maia-recall-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let results = try await RecallEvaluation.run(set, embedder: embedder, folder: folder)
        print("| language | mode | questions | recall@5 | recall@10 |\n|---|---|---|---|---|")
        for result in results {
            print(
                "| \(result.language) | \(result.mode.rawValue) | \(result.questions) | "
                    + String(format: "%.3f | %.3f |", result.recallAt5, result.recallAt10)
            )
        }
    }
}
