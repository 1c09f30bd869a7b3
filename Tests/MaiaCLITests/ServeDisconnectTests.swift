import Foundation
import MaiaCore
import MaiaTesting
import Testing

@Suite("maia serve when a client goes away mid-turn")
struct ServeDisconnectTests {
    /// Claude's recorded stream up to its first words, then a ping a second for ten minutes: a turn that only ends
    /// early if someone cancels it.
    static let endless: LoopbackHTTPServer.Responder = { _ in
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        let recorded =
            (try? String(
                contentsOf: folder.appendingPathComponent("Fixtures/engines/anthropic-text.sse"),
                encoding: .utf8
            ))
            ?? ""
        let firstWords = recorded.components(separatedBy: "event: content_block_delta").prefix(2).joined(
            separator: "event: content_block_delta"
        )
        let ping = Array("event: ping\ndata: {\"type\": \"ping\"}\n\n".utf8)
        return LoopbackHTTPServer.Response(
            headers: [("content-type", "text/event-stream")],
            chunks: [Array(firstWords.utf8)] + Array(repeating: ping, count: 600),
            chunkDelay: .seconds(1)
        )
    }

    @Test("a client that disconnects during a streamed turn cancels the model call; nothing half-done is stored")
    func disconnectCancelsTheModelCall() async throws {
        let folder = try TemporaryDirectory()
        try await LoopbackHTTPServer.with(Self.endless) { provider in
            let server = try await ServeProcess.start(
                in: folder.url,
                environment: ServeCommandTests.environment(provider, folder.url)
            )
            let seen = await Self.streamUntilFirstWords(server.baseURL)
            #expect(seen.contains("event: reply.delta"), "\(seen)")
            // The provider's stream lasts ten minutes unless MAIA closes it; poll for the close.
            var closed = false
            for _ in 0..<600 where !closed {
                closed = await provider.closedConnections >= 1
                if !closed { try await Task.sleep(for: .milliseconds(200)) }
            }
            #expect(closed, "the model call was not cancelled after the client went away")
            let recent = try await runTool(
                "/usr/bin/curl",
                ["-sS", "\(server.baseURL)/v1/memories/recent", "-H", "X-MAIA-User: ana"]
            )
            #expect(JSONValue(parsing: recent.stdout) == [], "\(recent.stdout)")
            let (status, stderr) = await server.stop()
            #expect(status == 0, "\(stderr.suffix(2000))")
        }
        _ = folder
    }

    /// Starts a streamed turn with curl, reads until the first reply words arrive, then kills curl (the client goes).
    static func streamUntilFirstWords(_ baseURL: String) async -> String {
        await blocking {
            let process = Process()
            let output = Pipe()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/curl")
            process.arguments = [
                "-sSN", "-X", "POST", "\(baseURL)/v1/turns", "-H", "X-MAIA-User: ana", "-H",
                "accept: text/event-stream", "-d", #"{"message":"Tell me a long story"}"#,
            ]
            process.standardOutput = output
            process.standardError = FileHandle.nullDevice
            guard (try? process.run()) != nil else { return "curl did not start" }
            var text = ""
            while !text.contains("event: reply.delta") {
                let chunk = output.fileHandleForReading.nextChunk()
                if chunk.isEmpty { break }
                text += String(decoding: chunk, as: UTF8.self)
            }
            // SIGKILL: a child of the test process may inherit a signal mask that blocks SIGTERM.
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            return text
        }
    }
}
