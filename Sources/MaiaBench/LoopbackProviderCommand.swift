import ArgumentParser
import Foundation
import MaiaTesting

/// A scripted engine as a process: replays one recorded provider stream on 127.0.0.1 for every request, until the
/// process is signalled. `scripts/cluster-test.sh` runs one beside each `maia serve` replica, and throughput runs of
/// `maia serve` use it so that what they measure is MAIA, not a model.
struct LoopbackProviderCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "loopback-provider",
        abstract: "Serve a recorded SSE stream (e.g. an Anthropic Messages reply) on 127.0.0.1 until killed.",
        discussion: "Prints the base URL on its first line of output, e.g. http://127.0.0.1:41234."
    )

    @Option(help: "The recorded response body, e.g. Tests/Fixtures/engines/anthropic-text.sse.") var fixture: String
    @Option(help: "Milliseconds before each event of the stream, to stand in for a model generating.")
    var eventDelayMs: Int = 0

    func validate() throws {
        guard FileManager.default.isReadableFile(atPath: fixture) else {
            throw ValidationError("--fixture must be a readable file (got \(fixture))")
        }
        guard (0...10_000).contains(eventDelayMs) else {
            throw ValidationError("--event-delay-ms must be from 0 to 10000 (got \(eventDelayMs))")
        }
    }

    func run() async throws {
        let text = try String(contentsOfFile: fixture, encoding: .utf8)
        // One chunk per server-sent event, so that the delay paces the stream as a model would.
        let events = text.components(separatedBy: "\n\n").filter { !$0.isEmpty }.map { Array(($0 + "\n\n").utf8) }
        let delay = Duration.milliseconds(eventDelayMs)
        let responder: LoopbackHTTPServer.Responder = { _ in
            LoopbackHTTPServer.Response(
                headers: [("content-type", "text/event-stream")],
                chunks: events,
                chunkDelay: delay
            )
        }
        try await LoopbackHTTPServer.with(responder) { server in
            print(server.baseURL.absoluteString)
            fflush(nil)
            // Serves until SIGTERM or SIGINT, whose default action ends the process; there is nothing to flush.
            while true { try await Task.sleep(for: .seconds(3600)) }
        }
    }
}
