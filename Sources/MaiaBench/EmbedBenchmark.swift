import ArgumentParser
import Foundation
import MaiaEmbedding

/// `maia-bench embed`: sentences per second of ``MiniLMEmbedder`` at batch 1 and batch 32 on the reference
/// fixture's sentences; with `--e5`, also of ``E5Embedder`` and of the two joined.
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

    @Option(help: "Cores one embed call may use (default: all active processors).")
    var threads: Int?

    @Flag(
        help:
            "Also multilingual-e5-small in-process and MiniLM + e5 joined (the multilingual embedder), same sentences."
    )
    var e5 = false

    func validate() throws {
        guard rounds > 0 else { throw ValidationError("--rounds must be positive") }
        if let threads, threads < 1 { throw ValidationError("--threads must be positive") }
    }

    func run() async throws {
        let sentences = try Self.sentences(in: fixture)
        let folder = model.map(ModelFolder.init(path:)) ?? MiniLMEmbedder.defaultFolder()
        let single = try MiniLMEmbedder(folder: folder, batchSize: 1, threads: threads)
        let batched = try MiniLMEmbedder(folder: folder, batchSize: 32, threads: threads)
        print("sentences: \(sentences.count), rounds: \(rounds)")

        // Batch 1: one call per sentence, as a turn embeds one message.
        var singles: [[Float]] = []
        let batch1 = try await measure(count: sentences.count) {
            singles = []
            for sentence in sentences { singles += try await single.embed([sentence]) }
        }
        print(String(format: "RESULT swift batch=1 %.1f sentences/s (%.1f per CPU-second)", batch1.wall, batch1.cpu))
        // Batch 32: one call with everything; the embedder sorts by length and runs batches of 32.
        var batches: [[Float]] = []
        let batch32 = try await measure(count: sentences.count) {
            batches = try await batched.embed(sentences)
        }
        print(String(format: "RESULT swift batch=32 %.1f sentences/s (%.1f per CPU-second)", batch32.wall, batch32.cpu))
        let references = try Self.embeddings(in: fixture)
        let worst = zip(singles + batches, references + references).map { Self.cosine($0, $1) }.min() ?? .nan
        print(String(format: "cosine with the fixture, min over batch 1 and 32: %.6f", worst))
        guard e5 else { return }
        let file = E5Embedder.defaultFile()
        let e5Single = try E5Embedder(file: file, batchSize: 1, threads: threads)
        let e5Batched = try E5Embedder(file: file, batchSize: 32, threads: threads)
        let compared: [(String, any Embedder, any Embedder)] = [
            ("e5", e5Single, e5Batched),
            (
                "minilm+e5", try JoinedEmbedder(single, e5Single, weight: 0.65),
                try JoinedEmbedder(batched, e5Batched, weight: 0.65)
            ),
        ]
        for (name, one, many) in compared {
            let rate1 = try await measure(count: sentences.count) {
                for sentence in sentences { _ = try await one.embed([sentence]) }
            }
            print(
                String(format: "RESULT \(name) batch=1 %.1f sentences/s (%.1f per CPU-second)", rate1.wall, rate1.cpu)
            )
            let rate32 = try await measure(count: sentences.count) { _ = try await many.embed(sentences) }
            print(
                String(
                    format: "RESULT \(name) batch=32 %.1f sentences/s (%.1f per CPU-second)",
                    rate32.wall,
                    rate32.cpu
                )
            )
        }
    }

    /// Runs `body` once to warm up, then `rounds` times; returns sentences per wall-clock second and per
    /// second of this process's CPU time (all threads) over the timed rounds.
    private func measure(count: Int, _ body: () async throws -> Void) async throws -> (wall: Double, cpu: Double) {
        try await body()
        let clock = ContinuousClock()
        let cpuStart = Self.cpuSeconds()
        let elapsed = try await clock.measure {
            for _ in 0..<rounds { try await body() }
        }
        let cpu = Self.cpuSeconds() - cpuStart
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        return (Double(count * rounds) / seconds, Double(count * rounds) / cpu)
    }

    #if canImport(Glibc)
    private static let RUSAGE_SELF_WHO = __rusage_who_t(RUSAGE_SELF.rawValue)
    #else
    private static let RUSAGE_SELF_WHO = RUSAGE_SELF
    #endif

    /// User plus system CPU time of this process so far.
    private static func cpuSeconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF_WHO, &usage)
        let user = Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) * 1e-6
        let system = Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) * 1e-6
        return user + system
    }

    private static func cosine(_ a: [Float], _ b: [Float]) -> Double {
        var dot = 0.0
        var normA = 0.0
        var normB = 0.0
        for (x, y) in zip(a, b) {
            dot += Double(x) * Double(y)
            normA += Double(x) * Double(x)
            normB += Double(y) * Double(y)
        }
        return dot / (normA.squareRoot() * normB.squareRoot())
    }

    private struct Fixture: Decodable {
        struct Sentence: Decodable {
            let text: String
            let embedding: [Float]
        }
        let sentences: [Sentence]
    }

    /// The reference `embedding` of every sentence in the fixture at `path`.
    private static func embeddings(in path: String) throws -> [[Float]] {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        return try JSONDecoder().decode(Fixture.self, from: data).sentences.map(\.embedding)
    }

    /// The `text` of every sentence in the fixture at `path`.
    private static func sentences(in path: String) throws -> [String] {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw ValidationError("cannot read the fixture \(path): run from the repository root or pass --fixture")
        }
        return try JSONDecoder().decode(Fixture.self, from: data).sentences.map(\.text)
    }
}
