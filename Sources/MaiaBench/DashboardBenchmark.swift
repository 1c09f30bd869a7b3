import ArgumentParser
import AsyncHTTPClient
import Foundation
import MaiaCore
import MaiaExperiments
import MaiaMemory
import MaiaTesting
import NIOCore
import NIOHTTP1

/// How long `GET /dashboard` of a real `maia serve` takes over a large shadow log: the first view (the whole log
/// read and aggregated), repeated views (nothing new: served from the aggregate), a view after 1,000 comparisons
/// were appended (only the new bytes are read), and a filtered view; and the experiment panel's report over a
/// recorded experiment of many units (built as `maia experiment report` builds it). Build both binaries in release.
struct DashboardBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dashboard",
        abstract: "GET /dashboard latency over a shadow log of many comparisons (first, repeated, after appends)."
    )

    @Option(help: "Comparisons in the shadow log.")
    var comparisons = 100_000

    @Option(help: "Repeated views measured.")
    var views = 30

    @Option(help: "Units of the recorded experiment (two turns each).")
    var units = 50_000

    @Option(help: "The maia binary (default: the one beside maia-bench).")
    var maia: String?

    func validate() throws {
        guard (1...10_000_000).contains(comparisons) else {
            throw ValidationError("--comparisons must be a whole number from 1 to 10000000")
        }
        guard (1...10_000).contains(views) else {
            throw ValidationError("--views must be a whole number from 1 to 10000")
        }
        guard (0...1_000_000).contains(units) else {
            throw ValidationError("--units must be a whole number from 0 to 1000000")
        }
    }

    func run() async throws {
        let folder = try TemporaryDirectory(prefix: "maia-bench-dashboard")
        defer { folder.remove() }
        let log = folder.url.appendingPathComponent("shadow.jsonl")
        try Self.write(count: comparisons, from: 0, to: log, append: false)
        let size = (try? FileManager.default.attributesOfItem(atPath: log.path)[.size] as? Int) ?? 0
        let database = folder.url.appendingPathComponent("bench.sqlite").path
        let experiment = try await Self.experimentReport(units: units, database: database)
        let server = try await ServedMaia.start(
            binary: maia ?? ServeBenchmark.sibling("maia"),
            folder: folder.url,
            environment: [
                "ANTHROPIC_API_KEY": "sk-ant-bench", "MAIA_DB": database,
                "LLAMA_SHADOW_LOG_PATH": log.path, "MAIA_MODELS_DIR": folder.url.appendingPathComponent("none").path,
            ]
        )
        defer { server.stop() }
        let client = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup)
        do {
            print("shadow log: \(comparisons) comparisons, \(size / 1_000_000) MB")
            let first = try await Self.view(client, server.baseURL + "/dashboard")
            print(
                String(
                    format: "first view (whole log read and aggregated): %.0f ms, %d KB of HTML",
                    first.ms,
                    first.bytes / 1024
                )
            )
            var repeated: [Double] = []
            for _ in 0..<views { repeated.append(try await Self.view(client, server.baseURL + "/dashboard").ms) }
            print(
                "repeated views: p50 \(BenchStatistics.percentile(repeated, 0.5, "%.1f")) ms, p95 \(BenchStatistics.percentile(repeated, 0.95, "%.1f")) ms (\(views) views)"
            )
            try Self.write(count: 1000, from: comparisons, to: log, append: true)
            let appended = try await Self.view(client, server.baseURL + "/dashboard")
            print(String(format: "view after 1,000 appended comparisons: %.0f ms", appended.ms))
            let filteredFirst = try await Self.view(client, server.baseURL + "/dashboard?language=de&source=batch")
            var filtered: [Double] = []
            for _ in 0..<views {
                filtered.append(try await Self.view(client, server.baseURL + "/dashboard?language=de&source=batch").ms)
            }
            print(
                String(format: "filtered view (language, source): first %.0f ms, then p50 ", filteredFirst.ms)
                    + BenchStatistics.percentile(filtered, 0.5, "%.1f") + " ms"
            )
            print(String(format: "server peak RSS: %.0f MB", server.peakRSSMegabytes() ?? 0))
            print(
                "experiment panel's report (\(units) units, \(units * 2) turns; rebuilt at most every "
                    + "15 s): p50 \(BenchStatistics.percentile(experiment, 0.5, "%.0f")) ms, "
                    + "max \(BenchStatistics.percentile(experiment, 1, "%.0f")) ms (\(experiment.count) builds)"
            )
        } catch {
            try? await client.shutdown()
            throw error
        }
        try await client.shutdown()
    }

    /// Records an experiment of `units` units and times building its report, as the dashboard's experiment panel
    /// does (``ExperimentReport/load``); the server then shows the same experiment.
    private static func experimentReport(units: Int, database: String) async throws -> [Double] {
        guard units > 0 else { return [] }
        let store = try SQLiteStore(path: database)
        try await ExperimentSeed.write(units: units, to: store, now: Date())
        let state = try await ExperimentControl(store: store, experiment: "llama-rollout")
            .start(percent: 50, by: "bench")
        let clock = ContinuousClock()
        var builds: [Double] = []
        for _ in 0..<3 {
            let elapsed = try await clock.measure {
                _ = try await ExperimentReport.load(state: state, from: store, thresholds: GuardrailThresholds())
            }
            builds.append(Double(elapsed.components.attoseconds) / 1e15 + Double(elapsed.components.seconds) * 1000)
        }
        return builds
    }

    private static func view(_ client: HTTPClient, _ url: String) async throws -> (ms: Double, bytes: Int) {
        let clock = ContinuousClock()
        var bytes = 0
        let elapsed = try await clock.measure {
            let response = try await client.execute(HTTPClientRequest(url: url), timeout: .seconds(600))
            guard response.status == .ok else {
                throw ServedMaia.ValidationFailure(message: "GET \(url) answered \(response.status)")
            }
            bytes = try await response.body.collect(upTo: 64 << 20).readableBytes
        }
        return (Double(elapsed.components.attoseconds) / 1e15 + Double(elapsed.components.seconds) * 1000, bytes)
    }

    /// Writes `count` varied comparisons (numbered from `first`) as JSON Lines.
    private static func write(count: Int, from first: Int, to file: URL, append: Bool) throws {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(ISO8601.format(date))
        }
        let start = Date().addingTimeInterval(-30 * 86_400)
        var data = Data()
        let languages = ["en", "de", "pt", "es"]
        for index in first..<(first + count) {
            let failed = index % 23 == 0
            let primary = ShadowAnswer(
                engine: "claude",
                model: "claude-sonnet-4-5",
                response: String(repeating: "A considered reply. ", count: 8),
                inputTokens: 900 + index % 97,
                outputTokens: 120 + index % 61,
                latencyMs: 700 + Double((index * 37) % 1500),
                ttftMs: 250 + Double((index * 13) % 400),
                costUSD: 0.004 + Double(index % 7) * 0.0003
            )
            let candidate = ShadowAnswer(
                engine: "llama",
                model: "llama-3.1-8b-instruct",
                response: failed ? "" : String(repeating: "Another reply. ", count: 8),
                toolCalls: index % 4 == 0
                    ? [ShadowToolCall(name: "query_mem0", arguments: ["query": "work"], resultSize: 40)] : [],
                inputTokens: 950 + index % 97,
                outputTokens: 100 + index % 71,
                latencyMs: failed ? nil : 500 + Double((index * 53) % 2500),
                ttftMs: failed ? nil : 120 + Double((index * 7) % 500),
                error: failed ? "timed out" : nil,
                timedOut: failed,
                checks: index % 11 == 0 ? ["language_mismatch"] : []
            )
            var comparison = ShadowComparison(primary: primary, candidate: candidate)
            let winner: JudgeVerdict.Winner = [.primary, .candidate, .tie][index % 3]
            comparison.judge = JudgeVerdict(
                judge: "claude",
                orders: [
                    .init(primaryFirst: true, winner: winner, rationale: "r"),
                    .init(primaryFirst: false, winner: winner, rationale: "r"),
                ]
            )
            let record = ShadowRecord(
                timestamp: start.addingTimeInterval(Double(index) * 20),
                source: index % 5 == 0 ? .live : .batch,
                userId: "user\(index % 5000)",
                sessionId: nil,
                userMessage: "I feel stuck at work, message \(index).",
                language: languages[index % languages.count],
                primary: primary,
                candidate: candidate,
                comparison: comparison
            )
            data.append(try encoder.encode(record))
            data.append(UInt8(ascii: "\n"))
        }
        if append, let handle = FileHandle(forWritingAtPath: file.path) {
            defer { try? handle.close() }
            try handle.seekToEnd()
            try handle.write(contentsOf: data)
        } else {
            try data.write(to: file)
        }
    }
}
