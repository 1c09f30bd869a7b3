import ArgumentParser
import Foundation
import MaiaCore
import MaiaEngines
import MaiaHTTP
import MaiaTesting

/// The engine layer's own cost: overhead per call over loopback HTTP (engine minus a bare transport round trip of
/// the same response), and streaming parse throughput of the SSE decoders on in-memory bodies.
struct EngineBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "engine",
        abstract: "Engine-layer overhead per call over loopback HTTP, and SSE parse throughput."
    )

    func run() async throws {
        try await overhead(calls: 300)
        try await throughput(megabytes: 16)
    }

    private static let chunk =
        #"data: {"id":"c","object":"chat.completion.chunk","choices":[{"index":0,"delta":{"content":"hello "},"finish_reason":null}]}"#
        + "\n\n"
    private static let tail =
        #"data: {"id":"c","object":"chat.completion.chunk","choices":[{"index":0,"delta":{},"finish_reason":"stop"}],"usage":{"prompt_tokens":5,"completion_tokens":20}}"#
        + "\n\ndata: [DONE]\n\n"

    func overhead(calls: Int) async throws {
        let body = Array((String(repeating: Self.chunk, count: 20) + Self.tail).utf8)
        let responder: LoopbackHTTPServer.Responder = { _ in
            LoopbackHTTPServer.Response(headers: [("content-type", "text/event-stream")], chunks: [body])
        }
        try await LoopbackHTTPServer.with(responder) { server in
            let transport = AsyncHTTPTransport()
            let engine = OpenAIChatEngine(
                .init(baseURL: server.baseURL, model: "bench"),
                options: HTTPEngineOptions(transport: transport)
            )
            let request = EngineRequest(messages: [.user("Hello")])
            let raw = HTTPRequest(
                url: engine.chatCompletionsURL,
                headers: [("content-type", "application/json")],
                body: Array(OpenAIChatRequestEncoder.body(for: request, model: "bench", stream: true).jsonText.utf8)
            )
            let clock = ContinuousClock()
            for _ in 0..<20 {
                _ = try await engine.complete(request)
                _ = try await transport.stream(raw).collect()
            }
            var engineTotal = Duration.zero
            var rawTotal = Duration.zero
            for _ in 0..<calls {
                engineTotal += try await clock.measure { _ = try await engine.complete(request) }
                rawTotal += try await clock.measure { _ = try await transport.stream(raw).collect() }
            }
            let engineMicros = engineTotal.milliseconds * 1000 / Double(calls)
            let rawMicros = rawTotal.milliseconds * 1000 / Double(calls)
            print(
                String(
                    format:
                        "engine call over loopback: %.0f µs; bare transport: %.0f µs; engine-layer overhead: %.0f µs per call (%d calls, 21 events each)",
                    engineMicros,
                    rawMicros,
                    engineMicros - rawMicros,
                    calls
                )
            )
        }
    }

    func throughput(megabytes: Int) async throws {
        let openAI =
            Array(repeating: Array(Self.chunk.utf8), count: megabytes << 20 / Self.chunk.utf8.count).flatMap { $0 }
            + Array(Self.tail.utf8)
        try await Self.measure("OpenAI chat SSE", openAI, OpenAIChatStreamDecoder())
        let delta =
            "event: content_block_delta\n"
            + #"data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"hello "}}"#
            + "\n\n"
        let start =
            "event: message_start\n"
            + #"data: {"type":"message_start","message":{"id":"m","type":"message","role":"assistant","model":"x","content":[],"stop_reason":null,"usage":{"input_tokens":5,"output_tokens":1}}}"#
            + "\n\nevent: content_block_start\n"
            + #"data: {"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}"# + "\n\n"
        let end =
            "event: content_block_stop\n" + #"data: {"type":"content_block_stop","index":0}"# + "\n\n"
            + "event: message_delta\n"
            + #"data: {"type":"message_delta","delta":{"stop_reason":"end_turn","stop_sequence":null},"usage":{"output_tokens":9}}"#
            + "\n\nevent: message_stop\n" + #"data: {"type":"message_stop"}"# + "\n\n"
        let anthropic =
            Array(start.utf8)
            + Array(repeating: Array(delta.utf8), count: megabytes << 20 / delta.utf8.count).flatMap { $0 }
            + Array(end.utf8)
        try await Self.measure("Anthropic SSE", anthropic, AnthropicStreamDecoder())
    }

    static func measure<D: StreamEventDecoder>(_ name: String, _ body: [UInt8], _ decoder: D) async throws {
        let chunks = stride(from: 0, to: body.count, by: 4096).map { Array(body[$0..<min($0 + 4096, body.count)]) }
        let clock = ContinuousClock()
        var events = 0
        let elapsed = try await clock.measure {
            for try await _ in InMemoryChunks(chunks: chunks).engineEvents(decodedBy: decoder) { events += 1 }
        }
        let seconds = elapsed.milliseconds / 1000
        let megabytes = Double(body.count) / 1_048_576
        print(
            String(
                format: "%@ decode: %.1f MB/s (%.1f MB, %d events, 4 KiB chunks)",
                name,
                megabytes / seconds,
                megabytes,
                events
            )
        )
    }
}

/// Byte chunks already in memory, as an asynchronous sequence.
struct InMemoryChunks: AsyncSequence {
    typealias Element = [UInt8]
    let chunks: [[UInt8]]

    func makeAsyncIterator() -> Iterator { Iterator(chunks: chunks) }

    struct Iterator: AsyncIteratorProtocol {
        let chunks: [[UInt8]]
        var index = 0

        mutating func next() async -> [UInt8]? {
            guard index < chunks.count else { return nil }
            defer { index += 1 }
            return chunks[index]
        }
    }
}
