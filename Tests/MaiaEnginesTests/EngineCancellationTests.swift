import Foundation
import MaiaCore
import MaiaEngines
import MaiaHTTP
import MaiaTesting
import Testing

@Suite("Engine cancellation over loopback HTTP")
struct EngineCancellationTests {
    @Test("cancelling the consuming task closes the connection while the server is still streaming")
    func cancellationClosesConnection() async throws {
        let sleeps = SleepRecorder()
        let chunk =
            #"data: {"id":"c","object":"chat.completion.chunk","choices":[{"index":0,"delta":{"content":"la "},"finish_reason":null}]}"#
        let slow = LoopbackHTTPServer.Response(
            headers: [("content-type", "text/event-stream")],
            // Ten minutes of stream: only a cancelled client closes the connection within the poll below.
            chunks: Array(repeating: Array((chunk + "\n\n").utf8), count: 30_000),
            chunkDelay: .milliseconds(20)
        )
        let responder: LoopbackHTTPServer.Responder = { _ in slow }
        try await LoopbackHTTPServer.with(responder) { server in
            let engine = OpenAIChatEngine(
                .init(baseURL: server.baseURL, model: "m"),
                options: EngineTestSupport.options(sleeps)
            )
            let (firstEvents, firstEvent) = AsyncStream.makeStream(of: Void.self)
            let consumer = Task {
                var count = 0
                for try await _ in engine.stream(EngineRequest(messages: [.user("Hi")])) {
                    count += 1
                    if count == 1 { firstEvent.yield() }
                }
                return count
            }
            for await _ in firstEvents { break }
            consumer.cancel()
            let count = try? await consumer.value
            #expect((count ?? 0) < 30_000)
            var closed = 0
            // Polled for up to two minutes: a loaded machine may take seconds to run the cancellation.
            for _ in 0..<1_200 {
                closed = await server.closedConnections
                if closed > 0 { break }
                try await Task.sleep(for: .milliseconds(100))
            }
            #expect(closed == 1)
            #expect(await server.requests.count == 1)
        }
    }
}
