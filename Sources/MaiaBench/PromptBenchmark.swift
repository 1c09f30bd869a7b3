import ArgumentParser
import Foundation
import MaiaAgent
import MaiaCore
import MaiaEmbedding
import MaiaEngines
import MaiaExperiments
import MaiaHTTP
import MaiaMemory
import MaiaTesting

/// `maia-bench prompt`: the keyless default (SmolLM2 behind llama.cpp, SQLite, MiniLM) answering the seed's four
/// scenarios with the full prompt and tools ("before": the prompt written for Claude) and with the compact prompt
/// and prefetched memory ("after"), alternating in the same run on the same server: prompt tokens as llama.cpp
/// counts them, time to first token and total latency.
struct PromptBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "prompt",
        abstract: "Keyless first-turn prompt size, TTFT and latency: full vs compact profile, same run."
    )

    @Option(help: "Rounds over the four scenarios per profile.")
    var rounds = 3

    @Option(help: "LLAMA_MAX_TOKENS for the answers.")
    var maxTokens = 96

    @Option(help: "llama.cpp threads (the keyless default is 1 in tests; the CLI uses all cores).")
    var threads = 2

    func validate() throws {
        guard rounds > 0, maxTokens > 0, threads > 0 else {
            throw ValidationError("--rounds, --max-tokens and --threads must be positive")
        }
    }

    func run() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("maia-bench-\(UUID())")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let store = try SQLiteStore(path: folder.appendingPathComponent("bench.sqlite").path)
        let embedder = try MiniLMEmbedder()
        _ = try await ShadowSeed.plant(into: store)
        _ = try await OutboxDrainer(store: store, embedder: embedder).drain()
        let search = MemorySearch(store: store, embedder: embedder)
        let transport = AsyncHTTPTransport()
        var server = LocalModel.configuration(contextSize: 8192)
        server.threads = threads
        let llama = LocalLlamaServer(server, transport: transport)
        let engine = LocalLlamaEngine(server: llama, options: HTTPEngineOptions(transport: transport))
        func agent(_ profile: PromptProfile) -> PersonalOracleAgent {
            var configuration = PersonalOracleAgent.Configuration()
            configuration.memoryPrefetch = profile == .compact ? .auto : .never
            let slot = EngineSlot(
                engine: engine,
                parameters: GenerationParameters(maxTokens: maxTokens, temperature: 0),
                parallelTools: false,
                profile: profile
            )
            return PersonalOracleAgent(store: store, search: search, engines: [slot], configuration: configuration)
        }
        let agents: [(String, PersonalOracleAgent)] = [
            ("before (full)", agent(.full)), ("after (compact)", agent(.compact)),
        ]
        var samples: [String: [(tokens: Int, ttft: Double, total: Double)]] = [:]
        do {
            for round in 0..<rounds {
                for (index, scenario) in ShadowPromptSet.scenarios.enumerated() {
                    for (name, agent) in agents {
                        progress("round \(round + 1)/\(rounds), scenario \(index + 1), \(name)")
                        // A fresh session per turn: every answer is a first turn.
                        let outcome = try await agent.respond(
                            TurnInput(
                                user: ShadowSeed.users[0],
                                session: SessionID(UUID().uuidString),
                                message: scenario
                            )
                        )
                        guard let run = outcome.run else {
                            throw ValidationError("scenario \(index + 1) got no model answer")
                        }
                        samples[name, default: []].append(
                            (
                                run.usage.inputTokens, (run.timeToFirstToken ?? run.latency).seconds,
                                run.latency.seconds
                            )
                        )
                    }
                }
            }
        } catch {
            await llama.stop()
            throw error
        }
        await llama.stop()
        print(
            "| prompt | prompt tokens p50 (all calls) | TTFT p50 s | TTFT p95 s | total p50 s | total p95 s | turns |"
        )
        print("|---|---|---|---|---|---|---|")
        for (name, _) in agents {
            let rows = samples[name] ?? []
            print(
                "| \(name) | \(percentile(rows.map { Double($0.tokens) }, 0.5, "%.0f")) | "
                    + "\(percentile(rows.map(\.ttft), 0.5)) | \(percentile(rows.map(\.ttft), 0.95)) | "
                    + "\(percentile(rows.map(\.total), 0.5)) | \(percentile(rows.map(\.total), 0.95)) | \(rows.count) |"
            )
        }
    }

    private func percentile(_ values: [Double], _ p: Double, _ format: String = "%.2f") -> String {
        BenchStatistics.percentile(values, p, format)
    }

    private func progress(_ message: String) {
        FileHandle.standardError.write(Data("[maia-bench] prompt: \(message)\n".utf8))
    }
}

extension Duration {
    fileprivate var seconds: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }
}
