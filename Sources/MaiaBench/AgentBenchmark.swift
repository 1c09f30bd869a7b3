import ArgumentParser
import Foundation
import MaiaAgent
import MaiaCore
import MaiaEngines
import MaiaMemory
import MaiaTesting

/// `maia-bench agent`: the agent's own time per turn, model time excluded, on SQLite with many stored memories.
///
/// One user gets `size` messages (words drawn from a companion vocabulary, 1% breakthroughs) with 384-d vectors;
/// then `PersonalOracleAgent.respond` is timed over a zero-latency scripted engine, so what is measured is the
/// history read, analysis, prompt assembly and budgeting, tool execution and the one-transaction write. The query
/// embedder is a bag-of-words hash (model time excluded, as for generation); the vector and keyword searches inside
/// `query_mem0` are also timed alone, since the vector scan grows with the number of memories.
struct AgentBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "agent",
        abstract: "Agent overhead per turn (model time excluded) p50/p95 at several numbers of stored memories."
    )

    @Option(help: "Comma-separated numbers of stored messages for the user.")
    var sizes: String = "10000,100000"

    @Option(help: "Timed turns per measurement, after 50 warm-up turns.")
    var turns: Int = 200

    func validate() throws {
        guard turns > 0 else { throw ValidationError("--turns must be positive") }
        guard !parsedSizes.isEmpty, parsedSizes.allSatisfy({ $0 > 0 }) else {
            throw ValidationError("--sizes must be positive whole numbers separated by commas, e.g. 10000,100000")
        }
    }

    private var parsedSizes: [Int] {
        sizes.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
    }

    /// Untimed turns first: right after the bulk load SQLite is still checkpointing its write-ahead log.
    static let warmUp = 50

    static let vocabulary =
        ("sister mother father work tired stuck anxious calm river garden morning night dream fire water earth air "
        + "moving lisbon pottery studio spring winter breath fear joy grief clarity realised ready change home job "
        + "friend call letter music walk sea mountain book silence anger love trust lost found rest body heart")
        .split(separator: " ").map(String.init)

    /// Fourteen words drawn from `vocabulary`: about a quarter of the messages contain any one word.
    static func sentence(_ generator: inout SeededGenerator) -> String {
        (0..<14).map { _ in vocabulary[Int(generator.next() % UInt64(vocabulary.count))] }.joined(separator: " ")
    }

    func run() async throws {
        var lines = ["| stored | per turn | p50 ms | p95 ms |", "|---|---|---|---|"]
        for size in parsedSizes {
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("maia-bench-\(UUID())")
            defer { try? FileManager.default.removeItem(at: folder) }
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let store = try SQLiteStore(path: folder.appendingPathComponent("bench.sqlite").path)
            let embedder = BagOfWordsEmbedder(modelID: "bench-bag-of-words", dimensions: 384)
            let user = UserID("bench")!
            progress("agent: storing \(size) messages with vectors")
            try await fill(store, embedder: embedder, user: user, count: size)
            let search = MemorySearch(store: store, embedder: embedder)
            // Turn i asks `queries[i % 2]`: two queries of three common words each, so that no search repeats the one
            // before it (the store keeps the last query's scan while its index is unchanged).
            let queries = [
                "what did I say about my sister moving to lisbon",
                "what did I say about my mother moving to the garden",
            ]

            let shapes: [(String, (Int) -> [ToolCall])] = [
                ("no tool call: history, prompt, write", { _ in [] }),
                ("lookup_supabase(20)", { _ in [call("lookup_supabase", ["user_id": "bench", "limit": 20])] }),
                (
                    "lookup_supabase + query_mem0 (typical)",
                    { turn in
                        [
                            call("lookup_supabase", ["user_id": "bench", "limit": 20]),
                            call("query_mem0", ["user_id": "bench", "query": .string(queries[turn % 2])]),
                        ]
                    }
                ),
                (
                    "get_enriched_context + symbolic_archetype",
                    { turn in
                        [
                            call(
                                "get_enriched_context",
                                ["user_id": "bench", "semantic_query": .string(queries[turn % 2])]
                            ),
                            call("symbolic_archetype", ["user_id": "bench"]),
                        ]
                    }
                ),
            ]
            for (name, calls) in shapes {
                progress("agent: \(size) stored, \(name)")
                let latencies = try await timeTurns(store: store, search: search, user: user, calls: calls)
                lines.append(row(size, name, latencies))
            }
            progress("agent: \(size) stored, searches alone")
            let vectors = try await embedder.embed(queries)
            // Each search alone at 5 results, then at the fusion's depth (20 for 5 results): what query_mem0's hybrid
            // search runs before the fusion.
            for (limit, label) in [(5, "alone"), (20, "at depth 20")] {
                lines.append(
                    row(
                        size,
                        "inside query_mem0: vector search \(label)",
                        try await timeCalls { call in
                            _ = try await store.vectorSearch(
                                vectors[call % 2],
                                model: embedder.modelID,
                                for: user,
                                limit: limit
                            )
                        }
                    )
                )
                lines.append(
                    row(
                        size,
                        "inside query_mem0: keyword search \(label)",
                        try await timeCalls { call in
                            _ = try await store.keywordSearch(queries[call % 2], for: user, limit: limit)
                        }
                    )
                )
            }
            lines.append(
                row(
                    size,
                    "inside query_mem0: hybrid search alone (embed, vector + keyword, fusion)",
                    try await timeCalls { call in _ = try await search.search(queries[call % 2], for: user, limit: 5) }
                )
            )
        }
        print(lines.joined(separator: "\n"))
    }

    private func call(_ name: String, _ arguments: JSONValue) -> ToolCall {
        ToolCall(id: UUID().uuidString, name: name, arguments: arguments)
    }

    /// Times `turns` answers of an agent whose engine calls `calls` (if any) and then answers at once.
    private func timeTurns(
        store: SQLiteStore,
        search: MemorySearch,
        user: UserID,
        calls: (Int) -> [ToolCall]
    ) async throws -> [Double] {
        let total = turns + Self.warmUp
        var scripts: [ScriptedEngine.Script] = []
        for turn in 0..<total {
            let calls = calls(turn)
            if !calls.isEmpty { scripts.append(.toolCalls(calls)) }
            scripts.append(.text("Earth lies fallow before it bears fruit; what would rest look like this week?"))
        }
        let engine = ScriptedEngine(name: "bench", model: "meta-llama/Llama-3.1-8B-Instruct", scripts: scripts)
        let agent = PersonalOracleAgent(
            store: store,
            search: search,
            engines: [
                EngineSlot(engine: engine, parameters: GenerationParameters(maxTokens: 1024), parallelTools: false)
            ]
        )
        var latencies: [Double] = []
        for index in 0..<total {
            let input = TurnInput(
                user: user,
                session: SessionID("bench-session"),
                message: "I feel stuck since my sister left; I keep thinking about home and what comes next (\(index))."
            )
            let began = ContinuousClock.now
            let outcome = try await agent.respond(input)
            let elapsed = ContinuousClock.now - began
            guard outcome.kind == .answer, outcome.run?.toolResults.allSatisfy({ !$0.isError }) != false else {
                throw ValidationError("a benchmark turn did not complete as scripted: \(outcome.kind)")
            }
            if index >= Self.warmUp { latencies.append(Self.milliseconds(elapsed)) }
        }
        return latencies
    }

    /// Times `turns` calls of `body` (given the call's number) after `warmUp` untimed ones.
    private func timeCalls(_ body: (Int) async throws -> Void) async throws -> [Double] {
        for call in 0..<Self.warmUp { try await body(call) }
        var latencies: [Double] = []
        for call in 0..<turns {
            let began = ContinuousClock.now
            try await body(call)
            latencies.append(Self.milliseconds(ContinuousClock.now - began))
        }
        return latencies
    }

    private func row(_ size: Int, _ what: String, _ latencies: [Double]) -> String {
        let sorted = latencies.sorted()
        func percentile(_ p: Double) -> String {
            String(format: "%.2f", sorted[min(sorted.count - 1, Int(Double(sorted.count - 1) * p))])
        }
        return "| \(size) | \(what) | \(percentile(0.5)) | \(percentile(0.95)) |"
    }

    private static func milliseconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15
    }

    private func progress(_ message: String) {
        FileHandle.standardError.write(Data("[maia-bench] \(message)\n".utf8))
    }

    /// Stores `count` messages a second apart in older sessions in batches of 1000, and embeds them as the product
    /// does (the outbox drainer: each message's vector, and each reply's reply-context vector).
    private func fill(_ store: SQLiteStore, embedder: BagOfWordsEmbedder, user: UserID, count: Int) async throws {
        var generator = SeededGenerator(seed: 7)
        let start = Date(timeIntervalSince1970: 1_700_000_000)
        for batchStart in stride(from: 0, to: count, by: 1000) {
            let messages = (batchStart..<min(count, batchStart + 1000)).map { index in
                let content = Self.sentence(&generator)
                return NewMessage(
                    role: index % 2 == 0 ? .user : .maia,
                    content: content,
                    sessionID: SessionID("old-\(index / 40)"),
                    createdAt: start.addingTimeInterval(Double(index)),
                    isBreakthrough: index % 100 == 0
                )
            }
            _ = try await store.append(messages, for: user)
        }
        let report = try await OutboxDrainer(store: store, embedder: embedder, batchSize: 500).drain()
        guard report.failed == 0 else {
            throw ValidationError("\(report.failed) benchmark message(s) were not embedded")
        }
    }
}
