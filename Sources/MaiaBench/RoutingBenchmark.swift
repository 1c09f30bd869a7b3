import ArgumentParser
import Foundation
import MaiaAgent
import MaiaCore
import MaiaEngines
import MaiaExperiments
import MaiaMemory
import MaiaTesting

/// `maia-bench routing`: the cost of percentage routing — one assignment (hash and split), one selection through the
/// cached stored state, the recorder's hook on a turn's path, and the background write of a turn's rows on SQLite
/// and PostgreSQL.
struct RoutingBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "routing",
        abstract: "Assignment ns per decision; the routing hook and the recording write per turn (p50/p95)."
    )

    @Option(help: "Assignments timed.")
    var decisions: Int = 1_000_000

    @Option(help: "Turns timed (hook and write).")
    var turns: Int = 2000

    @Option(help: "Backends to measure: sqlite, postgres or both.")
    var backend: String = "both"

    @Option(help: "PostgreSQL URL (default: MAIA_BENCH_DATABASE_URL, then MAIA_TEST_DATABASE_URL).")
    var postgresURL: String?

    func run() async throws {
        assignment()
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        if backend == "sqlite" || backend == "both" {
            let store = try SQLiteStore(path: folder.url.appendingPathComponent("bench.sqlite").path)
            try await perTurn("sqlite", store: store, memory: store)
        }
        if backend == "postgres" || backend == "both" {
            let environment = ProcessInfo.processInfo.environment
            guard
                let url = postgresURL ?? environment["MAIA_BENCH_DATABASE_URL"] ?? environment["MAIA_TEST_DATABASE_URL"]
            else {
                throw ValidationError("no PostgreSQL URL: pass --postgres-url or set MAIA_BENCH_DATABASE_URL")
            }
            try await PostgresStore.withStore(configuration: try PostgresStoreConfiguration(url: url)) { store in
                try await perTurn("postgres", store: store, memory: store)
            }
        }
    }

    /// Nanoseconds per `TrafficSplit.assign` over distinct unit ids.
    private func assignment() {
        let units = (0..<decisions).map { "user-\($0)-\($0 &* 2_654_435_761 % 1_000_003)" }
        let split = TrafficSplit(experiment: "llama-rollout", percent: 20, forceCandidate: ["tester"])
        let clock = ContinuousClock()
        var candidates = 0
        let elapsed = clock.measure {
            for unit in units where split.assign(unit).arm == .candidate { candidates += 1 }
        }
        let share = 100 * Double(candidates) / Double(units.count)
        print(
            String(
                format: "assignment: %.0f ns per decision over %d units (%.2f%% candidates at 20%%)",
                elapsed.milliseconds * 1e6 / Double(units.count),
                units.count,
                share
            )
        )
    }

    /// The hook a turn pays (selection, `turnPrepared`, outcome hand-over) and the background write, per turn.
    private func perTurn(_ name: String, store: any ExperimentStore, memory: any MemoryStore) async throws {
        let experiment = "bench-\(UUID().uuidString.prefix(8))"
        let engine = ScriptedEngine(name: "claude", scripts: [])
        let slot = EngineSlot(engine: engine, parameters: GenerationParameters(maxTokens: 64), parallelTools: false)
        let recorder = ExperimentRecorder(store: store, queue: ShadowQueue(capacity: 64))
        let seed = ExperimentState(
            experiment: experiment,
            percent: 50,
            status: .running,
            changedBy: "bench",
            changedAt: Date()
        )
        let selector = RoutingSelector(
            state: ExperimentStateCache(store: store, seed: seed),
            unit: .user,
            candidate: [slot],
            control: [slot],
            recorder: recorder
        )
        let search = MemorySearch(store: memory, embedder: nil)
        let agent = PersonalOracleAgent(store: memory, search: search, engines: [slot])
        let message = "How was your day?"
        let prepared = try await agent.prepare(
            TurnInput(user: UserID("bench")!, session: nil, message: message),
            text: message,
            analysis: TurnAnalysis.of(message)
        )
        let analysis = TurnAnalysis.of(message)
        _ = await selector.select(for: TurnInput(user: UserID("warm-up")!, session: nil, message: message))
        let clock = ContinuousClock()
        var hook: [Double] = []
        var write: [Double] = []
        for index in 0..<turns {
            let input = TurnInput(user: UserID("bench-user-\(index % 500)")!, session: nil, message: message)
            let started = clock.now
            let selection = await selector.select(for: input)
            let done = selection.observer?.turnPrepared(prepared, input: input, analysis: analysis)
            done?(nil)
            hook.append(started.duration(to: clock.now).milliseconds)
            let drained = clock.now
            await recorder.queue.drain(within: .seconds(60))
            write.append(drained.duration(to: clock.now).milliseconds)
        }
        let counts = recorder.queue.counts
        let rows = try await store.experimentTurns(experiment, since: nil).count
        for (label, values) in [("routing hook on the turn's path", hook), ("recording write (background)", write)] {
            let stats = Percentiles(values)
            print(
                String(
                    format: "%@ %@: p50 %.3f ms, p95 %.3f ms (%d turns)",
                    name,
                    label,
                    stats.value(at: 0.5) ?? 0,
                    stats.value(at: 0.95) ?? 0,
                    stats.count
                )
            )
        }
        print("\(name): \(rows) turn rows stored, \(counts.dropped) dropped")
    }
}
