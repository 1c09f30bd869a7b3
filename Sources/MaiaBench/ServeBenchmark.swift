import ArgumentParser
import AsyncHTTPClient
import Foundation
import MaiaCore
import MaiaTesting
import NIOCore
import NIOHTTP1
import Synchronization

/// `maia-bench serve`: the time `maia serve` adds to a turn over the agent's own time, at several numbers of
/// concurrent clients.
///
/// A real `maia serve` process (the `maia` binary beside this one: build both in release) runs on SQLite with a
/// loopback Claude that replays a recorded Messages API stream and a loopback embeddings server, so neither model
/// time nor MiniLM is measured. Each client sends `POST /v1/turns` one after another, each turn in a new session
/// for its own user. The server reports the agent's own time per turn in `Server-Timing: agent;dur=…`; the
/// overhead is the client's latency minus that, so it counts HTTP parsing, auth, limits, JSON encoding, the
/// loopback round trip and any queueing for the CPU — the client runs on the same machine.
struct ServeBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Overhead maia serve adds over the agent's own time per turn, p50/p99 at 1, 64 and 512 clients."
    )

    @Option(help: "Comma-separated numbers of concurrent clients.")
    var clients: String = "1,64,512"

    @Option(help: "Timed turns per level (after a warm-up of one turn per client).")
    var turns: Int = 2000

    @Option(help: "How long the loopback Claude waits before answering, in milliseconds (a real model's time).")
    var providerMs: Int = 0

    @Option(help: "The maia binary (default: the one beside maia-bench).")
    var maia: String?

    func validate() throws {
        guard (0...600_000).contains(providerMs) else {
            throw ValidationError("--provider-ms must be a whole number from 0 to 600000")
        }
        guard turns > 0 else { throw ValidationError("--turns must be a positive whole number, e.g. 2000") }
        guard (0...600_000).contains(providerMs) else {
            throw ValidationError("--provider-ms must be a whole number from 0 to 600000")
        }
        guard !levels.isEmpty, levels.allSatisfy({ (1...4096).contains($0) }) else {
            throw ValidationError("--clients must be whole numbers from 1 to 4096 separated by commas, e.g. 1,64,512")
        }
    }

    private var levels: [Int] {
        clients.split(separator: ",", omittingEmptySubsequences: false).map {
            Int($0.trimmingCharacters(in: .whitespaces)) ?? 0
        }
    }

    func run() async throws {
        let stream = try Self.recordedStream()
        let delay = Duration.milliseconds(providerMs)
        let claude: LoopbackHTTPServer.Responder = { _ in
            LoopbackHTTPServer.Response(
                headers: [("content-type", "text/event-stream")],
                chunks: [stream],
                chunkDelay: delay
            )
        }
        try await LoopbackHTTPServer.with(claude) { claude in
            try await LoopbackHTTPServer.with(Self.embeddings) { embeddings in
                let folder = FileManager.default.temporaryDirectory.appendingPathComponent("maia-bench-serve-\(UUID())")
                try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
                defer { try? FileManager.default.removeItem(at: folder) }
                let server = try await ServedMaia.start(
                    binary: maia ?? Self.sibling("maia"),
                    folder: folder,
                    environment: [
                        "ANTHROPIC_API_KEY": "sk-ant-bench", "ANTHROPIC_BASE_URL": claude.baseURL.absoluteString,
                        "MAIA_EMBEDDINGS_URL": embeddings.baseURL.absoluteString,
                        "MAIA_DB": folder.appendingPathComponent("bench.sqlite").path,
                        "MAIA_TURNS_PER_MINUTE": "100000",
                    ]
                )
                defer { server.stop() }
                try await measure(server)
            }
        }
    }

    private func measure(_ server: ServedMaia) async throws {
        var configuration = HTTPClient.Configuration()
        configuration.connectionPool.concurrentHTTP1ConnectionsPerHostSoftLimit = levels.max() ?? 1
        let client = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
        do {
            try await table(client, server)
        } catch {
            try? await client.shutdown()
            throw error
        }
        try await client.shutdown()
    }

    private func table(_ client: HTTPClient, _ server: ServedMaia) async throws {
        print(
            "| clients | turns | errors | turns/s | latency p50 ms | p99 | agent p50 ms | p99 | overhead p50 ms | p99 |"
        )
        print("|---|---|---|---|---|---|---|---|---|---|")
        for level in levels {
            progress("\(level) clients: warming up")
            _ = try await load(client, server, clients: level, turns: level)
            progress("\(level) clients: \(turns) turns")
            let clock = ContinuousClock()
            let start = clock.now
            let samples = try await load(client, server, clients: level, turns: turns)
            let seconds =
                Double(start.duration(to: clock.now).components.seconds)
                + Double(start.duration(to: clock.now).components.attoseconds) / 1e18
            let ok = samples.compactMap { $0 }
            func cell(_ values: [Double], _ p: Double) -> String { BenchStatistics.percentile(values, p, "%.3f") }
            let latency = ok.map(\.latency)
            let agent = ok.map(\.agent)
            let overhead = ok.map { $0.latency - $0.agent }
            print(
                "| \(level) | \(samples.count) | \(samples.count - ok.count) | \(String(format: "%.0f", Double(ok.count) / seconds)) | "
                    + "\(cell(latency, 0.5)) | \(cell(latency, 0.99)) | \(cell(agent, 0.5)) | \(cell(agent, 0.99)) | "
                    + "\(cell(overhead, 0.5)) | \(cell(overhead, 0.99)) |"
            )
        }
        print("maia serve peak RSS: \(server.peakRSSMegabytes().map { String(format: "%.0f MB", $0) } ?? "unknown")")
    }

    /// Hands out `turns` turns to the workers, one at a time.
    final class TurnBudget: Sendable {
        private let left: Mutex<Int>

        init(_ turns: Int) { left = Mutex(turns) }

        func take() -> Bool {
            left.withLock { left in
                guard left > 0 else { return false }
                left -= 1
                return true
            }
        }
    }

    struct Sample: Sendable {
        let latency: Double
        let agent: Double
    }

    /// `turns` turns shared among `clients` workers; a failed turn is `nil`.
    private func load(_ client: HTTPClient, _ server: ServedMaia, clients: Int, turns: Int) async throws -> [Sample?] {
        let remaining = TurnBudget(turns)
        return try await withThrowingTaskGroup(of: [Sample?].self) { group in
            for worker in 0..<clients {
                group.addTask {
                    var samples: [Sample?] = []
                    while remaining.take() {
                        samples.append(await Self.turn(client, server, user: "bench-\(worker)"))
                    }
                    return samples
                }
            }
            return try await group.reduce(into: []) { $0 += $1 }
        }
    }

    private static func turn(_ client: HTTPClient, _ server: ServedMaia, user: String) async -> Sample? {
        var request = HTTPClientRequest(url: server.baseURL + "/v1/turns")
        request.method = .POST
        request.headers.add(name: "content-type", value: "application/json")
        request.headers.add(name: "x-maia-user", value: user)
        let body: JSONValue = [
            "session_id": .string("s-\(UUID().uuidString.lowercased())"),
            "message": "I finally told my sister how I feel about the move.",
        ]
        request.body = .bytes(ByteBuffer(string: body.jsonText))
        let clock = ContinuousClock()
        let start = clock.now
        do {
            let response = try await client.execute(request, timeout: .seconds(600))
            _ = try await response.body.collect(upTo: 1 << 20)
            let elapsed = start.duration(to: clock.now)
            guard response.status == .ok, let agent = agentMilliseconds(response.headers["server-timing"].first) else {
                return nil
            }
            let latency = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
            return Sample(latency: latency, agent: agent)
        } catch {
            return nil
        }
    }

    /// The `dur` of the `agent` metric in a Server-Timing header.
    static func agentMilliseconds(_ header: String?) -> Double? {
        guard let header, let metric = header.split(separator: ",").first(where: { $0.hasPrefix("agent") }),
            let duration = metric.split(separator: ";").first(where: { $0.hasPrefix("dur=") })
        else { return nil }
        return Double(duration.dropFirst(4))
    }

    /// A Messages API stream recorded from Claude (the fixture the engine tests replay).
    static func recordedStream() throws -> [UInt8] {
        let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Tests/Fixtures/engines/anthropic-text.sse")
        return Array(try Data(contentsOf: file))
    }

    /// An OpenAI-style embeddings server answering every text with the same unit vector.
    static let embeddings: LoopbackHTTPServer.Responder = { request in
        let count = JSONValue(parsing: request.text)?["input"]?.arrayValue?.count ?? 1
        let rows = (0..<count).map { #"{"object":"embedding","index":\#($0),"embedding":[0.6,0.8,0,0,0,0,0,0]}"# }
        return .json(#"{"object":"list","model":"bench","data":[\#(rows.joined(separator: ","))]}"#)
    }

    static func sibling(_ name: String) -> String {
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent(name).path
    }

    private func progress(_ message: String) {
        FileHandle.standardError.write(Data("[maia-bench] serve: \(message)\n".utf8))
    }
}
