import Foundation
import MaiaCore
import MaiaEngines
import MaiaHTTP
import MaiaTesting
import Testing

/// Records the delays an engine asked to wait, without waiting.
actor SleepRecorder {
    private(set) var delays: [Duration] = []

    func record(_ delay: Duration) { delays.append(delay) }

    nonisolated var sleep: HTTPEngineOptions.Sleep {
        { delay in await self.record(delay) }
    }
}

/// Shared pieces of the engine tests over loopback HTTP.
enum EngineTestSupport {
    /// The bytes of `Tests/Fixtures/engines/<file>`.
    static func fixture(_ file: String) throws -> [UInt8] {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        return Array(try Data(contentsOf: folder.appendingPathComponent("Fixtures/engines/\(file)")))
    }

    /// `bytes` cut into chunks of `size` bytes, each written and flushed separately by the server.
    static func split(_ bytes: [UInt8], every size: Int) -> [[UInt8]] {
        stride(from: 0, to: bytes.count, by: size).map { Array(bytes[$0..<min($0 + size, bytes.count)]) }
    }

    /// A 200 event stream of fixture `file`, cut every `size` bytes.
    static func stream(_ file: String, every size: Int = 7) throws -> LoopbackHTTPServer.Response {
        LoopbackHTTPServer.Response(
            headers: [("content-type", "text/event-stream")],
            chunks: split(try fixture(file), every: size)
        )
    }

    /// A 200 event stream of `text`.
    static func stream(text: String, every size: Int = 5) -> LoopbackHTTPServer.Response {
        LoopbackHTTPServer.Response(
            headers: [("content-type", "text/event-stream")],
            chunks: split(Array(text.utf8), every: size)
        )
    }

    /// Options over the real async-http-client transport, with retries that do not wait.
    static func options(_ sleeps: SleepRecorder, retries: Int = 2) -> HTTPEngineOptions {
        HTTPEngineOptions(
            transport: AsyncHTTPTransport(),
            retryPolicy: RetryPolicy(maxRetries: retries),
            // Generous: the whole suite on 2 cores can starve the in-process loopback server for half a minute, and
            // a timeout would then add retries that the tests count.
            timeout: .seconds(600),
            sleep: sleeps.sleep
        )
    }

    /// Every event of `engine.stream(request)` and the error that ended it, if any.
    static func run(
        _ engine: some ReasoningEngine,
        _ request: EngineRequest = EngineRequest(messages: [.user("Hello")])
    ) async -> (events: [EngineEvent], error: EngineError?) {
        var events: [EngineEvent] = []
        do {
            for try await event in engine.stream(request) { events.append(event) }
            return (events, nil)
        } catch let error as EngineError {
            return (events, error)
        } catch {
            Issue.record("unexpected error \(error)")
            return (events, nil)
        }
    }

    /// A request's JSON body.
    static func body(_ request: LoopbackHTTPServer.Request) throws -> JSONValue {
        try #require(StrictJSONParser.parse(request.body))
    }

    /// The text of every text delta.
    static func text(_ events: [EngineEvent]) -> String {
        events.map { if case .textDelta(let text) = $0 { text } else { "" } }.joined()
    }

    /// The tool calls among `events`.
    static func calls(_ events: [EngineEvent]) -> [ToolCall] {
        events.compactMap { if case .toolCall(let call) = $0 { call } else { nil } }
    }

    static let lookup = ToolDefinition(
        name: "lookup_supabase",
        description: "Recent messages of the user.",
        parameters: [
            "type": "object",
            "properties": ["user_id": ["type": "string"], "limit": ["type": "integer"]],
            "required": ["user_id"],
        ]
    )

    /// A conversation with a past call and its result, offering one tool.
    static let toolTurn = EngineRequest(
        system: "You are MAIA.",
        messages: [
            .user("What did I say yesterday?"),
            .assistant("", toolCalls: [ToolCall(id: "toolu_0", name: "lookup_supabase", arguments: ["user_id": "u1"])]),
            .toolResult(ToolResult(callID: "toolu_0", name: "lookup_supabase", content: #"[{"content":"hi"}]"#)),
        ],
        tools: [lookup],
        parameters: GenerationParameters(maxTokens: 256, temperature: 0.5)
    )
}

extension JSONValue {
    /// Element `index` of an array, or `nil`.
    subscript(index: Int) -> JSONValue? {
        guard let elements = arrayValue, elements.indices.contains(index) else { return nil }
        return elements[index]
    }
}
