import ArgumentParser
import Foundation
import MaiaAgent
import MaiaCore
import MaiaEngines
import MaiaExperiments
import MaiaHTTP
import MaiaMemory
import MaiaTesting

/// What live shadow mode costs the primary turn: latency of `PersonalOracleAgent.respond` (prepare, model call
/// over loopback HTTP, one-transaction SQLite write) with shadow off and on. The candidate is a slower loopback
/// server, so shadow work is still running while later turns are answered.
struct ShadowBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "shadow",
        abstract: "Primary turn latency p50/p95 with live shadow mode off and on (loopback engines)."
    )

    @Option(help: "Turns measured per mode.")
    var turns = 400

    static func body(_ text: String, events: Int) -> [UInt8] {
        let chunk =
            #"data: {"id":"c","object":"chat.completion.chunk","choices":[{"index":0,"delta":{"content":"\#(text) "},"finish_reason":null}]}"#
            + "\n\n"
        let tail =
            #"data: {"id":"c","object":"chat.completion.chunk","choices":[{"index":0,"delta":{},"finish_reason":"stop"}],"usage":{"prompt_tokens":900,"completion_tokens":40}}"#
            + "\n\ndata: [DONE]\n\n"
        return Array((String(repeating: chunk, count: events) + tail).utf8)
    }

    func run() async throws {
        let primaryBody = Self.body("here", events: 20)
        let candidateBody = Self.body("there", events: 20)
        let primary: LoopbackHTTPServer.Responder = { _ in
            .init(headers: [("content-type", "text/event-stream")], chunks: [primaryBody])
        }
        // The candidate streams in four pieces 5 ms apart: about 20 ms a turn, longer than the primary's.
        let candidate: LoopbackHTTPServer.Responder = { _ in
            let quarter = candidateBody.count / 4
            let pieces = (0..<4).map {
                Array(candidateBody[($0 * quarter)..<($0 == 3 ? candidateBody.count : ($0 + 1) * quarter)])
            }
            return .init(headers: [("content-type", "text/event-stream")], chunks: pieces, chunkDelay: .milliseconds(5))
        }
        let folder = try TemporaryDirectory(prefix: "maia-bench-shadow")
        defer { folder.remove() }
        try await LoopbackHTTPServer.with(primary) { primaryServer in
            try await LoopbackHTTPServer.with(candidate) { candidateServer in
                try await measure(primaryServer, candidateServer, folder)
            }
        }
    }

    private func measure(
        _ primaryServer: LoopbackHTTPServer,
        _ candidateServer: LoopbackHTTPServer,
        _ folder: TemporaryDirectory
    )
        async throws
    {
        let transport = AsyncHTTPTransport()
        func slot(_ server: LoopbackHTTPServer, _ model: String) -> EngineSlot {
            EngineSlot(
                engine: OpenAIChatEngine(
                    .init(baseURL: server.baseURL, model: model),
                    options: .init(transport: transport)
                ),
                parameters: GenerationParameters(maxTokens: 256),
                parallelTools: false
            )
        }
        let store = try SQLiteStore(path: folder.url.appendingPathComponent("maia.sqlite").path)
        let search = MemorySearch(store: store, embedder: BagOfWordsEmbedder())
        let shadow = LiveShadow(
            candidate: ShadowEngine(slot: slot(candidateServer, "candidate"), timeout: .seconds(30)),
            log: try ShadowLog(path: folder.url.appendingPathComponent("shadow.jsonl").path),
            queue: ShadowQueue(capacity: 4)
        )
        let off = PersonalOracleAgent(store: store, search: search, engines: [slot(primaryServer, "primary")])
        let on = PersonalOracleAgent(
            store: store,
            search: search,
            engines: [slot(primaryServer, "primary")],
            observer: shadow
        )
        let user = UserID("bench-user")!
        let clock = ContinuousClock()
        var timings: [Bool: [Double]] = [false: [], true: []]
        // Warm-up, then alternate the modes turn by turn so that drift (caches, SQLite growth) hits both equally.
        for index in 0..<(turns + 20) * 2 {
            let shadowed = index % 2 == 1
            let agent = shadowed ? on : off
            let input = TurnInput(user: user, session: SessionID("bench"), message: "I feel stuck, turn \(index).")
            let elapsed = try await clock.measure { _ = try await agent.respond(input) }
            if index >= 40 { timings[shadowed]?.append(elapsed.milliseconds) }
        }
        await shadow.queue.drain(within: .seconds(30))
        let offStats = Percentiles(timings[false] ?? [])
        let onStats = Percentiles(timings[true] ?? [])
        let counts = shadow.queue.counts
        print(
            String(
                format: "primary turn, shadow off: p50 %.3f ms, p95 %.3f ms (%d turns)",
                offStats.p50 ?? 0,
                offStats.p95 ?? 0,
                offStats.count
            )
        )
        print(
            String(
                format: "primary turn, shadow on:  p50 %.3f ms, p95 %.3f ms (%d turns); Δp50 %.3f ms, Δp95 %.3f ms",
                onStats.p50 ?? 0,
                onStats.p95 ?? 0,
                onStats.count,
                (onStats.p50 ?? 0) - (offStats.p50 ?? 0),
                (onStats.p95 ?? 0) - (offStats.p95 ?? 0)
            )
        )
        print("shadow work: \(counts.finished) compared and logged, \(counts.dropped) dropped (queue of 4 full)")
        let prepared = try await off.prepare(
            TurnInput(user: user, session: SessionID("bench"), message: "Hook cost"),
            text: "Hook cost",
            analysis: TurnAnalysis.of("Hook cost")
        )
        try await hookCost(prepared, slot(candidateServer, "candidate"), folder)
    }

    /// The time the hook itself adds to a turn's path: `turnPrepared` plus the outcome hand-over, when the work is
    /// accepted (a task is started) and when the queue is full (dropped).
    private func hookCost(
        _ turn: PersonalOracleAgent.PreparedTurn,
        _ candidate: EngineSlot,
        _ folder: TemporaryDirectory
    )
        async throws
    {
        let log = try ShadowLog(path: folder.url.appendingPathComponent("hook.jsonl").path)
        let input = TurnInput(user: turn.executor.user, session: nil, message: "Hook cost")
        let analysis = TurnAnalysis.of("Hook cost")
        let clock = ContinuousClock()
        for (label, capacity) in [("accepted", 1_000_000), ("dropped", 1)] {
            // A candidate that stalls keeps the queue of one full, so every later call takes the drop path.
            let engine =
                capacity == 1 ? EngineSlot(engine: Stalled(), parameters: .init(), parallelTools: false) : candidate
            let shadow = LiveShadow(
                candidate: ShadowEngine(slot: engine, timeout: .seconds(60)),
                log: log,
                queue: ShadowQueue(capacity: capacity)
            )
            var total = Duration.zero
            let calls = 2000
            for _ in 0..<calls {
                total += clock.measure { shadow.turnPrepared(turn, input: input, analysis: analysis)(nil) }
            }
            await shadow.queue.drain(within: .milliseconds(100))
            print(
                String(
                    format: "hook on the turn's path, work %@: %.2f µs per turn (%d turns)",
                    label,
                    total.milliseconds * 1000 / Double(calls),
                    calls
                )
            )
        }
    }
}

/// A candidate that never answers until cancelled.
private struct Stalled: ReasoningEngine {
    let name = "stalled"
    let model = "stalled"
    let capabilities = EngineCapabilities()

    func stream(_ request: EngineRequest) -> EngineEventStream {
        .producing { _ in try await Task.sleep(for: .seconds(3600)) }
    }
}
