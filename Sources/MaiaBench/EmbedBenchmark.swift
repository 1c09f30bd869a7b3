import ArgumentParser
import Foundation
import MaiaEmbedding

/// `maia-bench embed`: sentences per second of ``MiniLMEmbedder`` at batch 1 and batch 32 on the reference
/// fixture's sentences.
struct EmbedBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "embed",
        abstract: "Embedding throughput (sentences/s) at batch 1 and batch 32 on the fixture's sentences."
    )

    @Option(help: "The reference fixture whose sentences are embedded.")
    var fixture = "Tests/Fixtures/minilm-reference.json"

    @Option(help: "The model folder (default: MAIA_MODELS_DIR or $MAIA_CACHE/models, as the embedder resolves it).")
    var model: String?

    @Option(help: "Passes over all sentences per batch size, after one warm-up pass.")
    var rounds = 5

    func validate() throws {
        guard rounds > 0 else { throw ValidationError("--rounds must be positive") }
    }

    func run() async throws {
        let sentences = try Self.sentences(in: fixture)
        let folder = model.map(ModelFolder.init(path:)) ?? MiniLMEmbedder.defaultFolder()
        let single = try MiniLMEmbedder(folder: folder, batchSize: 1)
        let batched = try MiniLMEmbedder(folder: folder, batchSize: 32)
        print("sentences: \(sentences.count), rounds: \(rounds)")

        // Batch 1: one call per sentence, as a turn embeds one message.
        let batch1 = try await measure(count: sentences.count) {
            for sentence in sentences { _ = try await single.embed([sentence]) }
        }
        print(String(format: "RESULT swift batch=1 %.1f sentences/s", batch1))
        // Batch 32: one call with everything; the embedder sorts by length and runs batches of 32.
        let batch32 = try await measure(count: sentences.count) {
            _ = try await batched.embed(sentences)
        }
        print(String(format: "RESULT swift batch=32 %.1f sentences/s", batch32))
    }

    /// Runs `body` once to warm up, then `rounds` times; returns sentences per second over the timed rounds.
    private func measure(count: Int, _ body: () async throws -> Void) async throws -> Double {
        try await body()
        let clock = ContinuousClock()
        let elapsed = try await clock.measure {
            for _ in 0..<rounds { try await body() }
        }
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        return Double(count * rounds) / seconds
    }

    /// The `text` of every sentence in the fixture at `path`.
    private static func sentences(in path: String) throws -> [String] {
        struct Fixture: Decodable {
            struct Sentence: Decodable { let text: String }
            let sentences: [Sentence]
        }
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw ValidationError("cannot read the fixture \(path): run from the repository root or pass --fixture")
        }
        return try JSONDecoder().decode(Fixture.self, from: data).sentences.map(\.text)
    }
}
