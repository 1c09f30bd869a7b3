import Foundation
import MaiaCore
import MaiaEngines
import MaiaHTTP
import MaiaTesting
import Testing

@Suite("Claude engine over loopback HTTP")
struct ClaudeEngineTests {
    static let key = "sk-ant-test-0123456789"

    func engine(_ server: LoopbackHTTPServer, _ sleeps: SleepRecorder) -> ClaudeEngine {
        ClaudeEngine(
            .init(apiKey: Self.key, baseURL: server.baseURL, model: "claude-3-5-sonnet-20241022"),
            options: EngineTestSupport.options(sleeps)
        )
    }

    @Test("streams text with headers, model and stream flag on the wire")
    func text() async throws {
        let sleeps = SleepRecorder()
        let responder: LoopbackHTTPServer.Responder = { _ in try! EngineTestSupport.stream("anthropic-text.sse") }
        try await LoopbackHTTPServer.with(responder) { server in
            let (events, error) = await EngineTestSupport.run(engine(server, sleeps))
            #expect(error == nil)
            #expect(events == StreamFixtures.anthropic[0].events)
            let request = try #require(await server.requests.first)
            #expect(request.method == "POST")
            #expect(request.path == "/v1/messages")
            #expect(request.header("x-api-key") == Self.key)
            #expect(request.header("anthropic-version") == "2023-06-01")
            #expect(request.header("content-type") == "application/json")
            let body = try EngineTestSupport.body(request)
            #expect(body["stream"] == true)
            #expect(body["model"] == "claude-3-5-sonnet-20241022")
        }
    }

    @Test("parallel tool calls split across 3-byte chunks; tools and tool results go in native format")
    func toolCalls() async throws {
        let sleeps = SleepRecorder()
        let responder: LoopbackHTTPServer.Responder = { _ in
            try! EngineTestSupport.stream("anthropic-tool-use.sse", every: 3)
        }
        try await LoopbackHTTPServer.with(responder) { server in
            let (events, error) = await EngineTestSupport.run(engine(server, sleeps), EngineTestSupport.toolTurn)
            #expect(error == nil)
            #expect(events == StreamFixtures.anthropic[1].events)
            #expect(EngineTestSupport.calls(events).count == 2)
            let body = try EngineTestSupport.body(try #require(await server.requests.first))
            #expect(body["tools"]?[0]?["name"] == "lookup_supabase")
            #expect(body["tools"]?[0]?["input_schema"]?["type"] == "object")
            #expect(body["system"] == "You are MAIA.")
            let messages = try #require(body["messages"]?.arrayValue)
            #expect(messages[1]["content"]?[0]?["type"] == "tool_use")
            #expect(messages[1]["content"]?[0]?["id"] == "toolu_0")
            #expect(messages[2]["role"] == "user")
            #expect(messages[2]["content"]?[0]?["type"] == "tool_result")
            #expect(messages[2]["content"]?[0]?["tool_use_id"] == "toolu_0")
        }
    }

    @Test("a mid-stream overloaded error delivers the text before it and is never retried")
    func midStreamError() async throws {
        let sleeps = SleepRecorder()
        let responder: LoopbackHTTPServer.Responder = { _ in try! EngineTestSupport.stream("anthropic-overloaded.sse") }
        try await LoopbackHTTPServer.with(responder) {
            server in
            let (events, error) = await EngineTestSupport.run(engine(server, sleeps))
            #expect(events == StreamFixtures.anthropic[2].events)
            #expect(error?.code == .overloaded)
            #expect(await server.requests.count == 1)
            #expect(await sleeps.delays.isEmpty)
        }
    }

    @Test("429 waits the retry-after delay, then succeeds")
    func rateLimited() async throws {
        let sleeps = SleepRecorder()
        let calls = Counter()
        let responder: LoopbackHTTPServer.Responder = { _ in
            if await calls.next() == 0 {
                return .json(
                    #"{"type":"error","error":{"type":"rate_limit_error","message":"Number of requests has exceeded your rate limit"}}"#,
                    status: 429,
                    headers: [("retry-after", "7")]
                )
            }
            return try! EngineTestSupport.stream("anthropic-text.sse")
        }
        try await LoopbackHTTPServer.with(responder) { server in
            let (events, error) = await EngineTestSupport.run(engine(server, sleeps))
            #expect(error == nil)
            #expect(events == StreamFixtures.anthropic[0].events)
            #expect(await server.requests.count == 2)
            #expect(await sleeps.delays == [.seconds(7)])
        }
    }

    @Test("529 is retried with backoff until the retries run out")
    func overloadedStatus() async throws {
        let sleeps = SleepRecorder()
        let responder: LoopbackHTTPServer.Responder = { _ in
            .json(#"{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}"#, status: 529)
        }
        try await LoopbackHTTPServer.with(responder) { server in
            let (events, error) = await EngineTestSupport.run(engine(server, sleeps))
            #expect(events.isEmpty)
            #expect(error?.code == .overloaded)
            #expect(error?.httpStatus == 529)
            #expect(await server.requests.count == 3)
            let delays = await sleeps.delays
            #expect(delays.count == 2)
            #expect(delays.allSatisfy { $0 > .zero && $0 <= .seconds(8) })
        }
    }

    @Test("401 names the key as the cause, is not retried, and never contains the key")
    func badKey() async throws {
        let sleeps = SleepRecorder()
        let responder: LoopbackHTTPServer.Responder = { _ in
            .json(
                #"{"type":"error","error":{"type":"authentication_error","message":"invalid x-api-key"}}"#,
                status: 401
            )
        }
        try await LoopbackHTTPServer.with(responder) { server in
            let (_, error) = await EngineTestSupport.run(engine(server, sleeps))
            let failure = try #require(error)
            #expect(failure.code == .authenticationFailed)
            #expect(!failure.description.contains(Self.key))
            #expect(!String(describing: failure).contains(Self.key))
            #expect(await server.requests.count == 1)
        }
    }

    @Test("unknown model and a too-long prompt get their own codes")
    func badModelAndContext() async throws {
        let sleeps = SleepRecorder()
        let responder: LoopbackHTTPServer.Responder = { request in
            request.text.contains("claude-nope")
                ? .json(
                    #"{"type":"error","error":{"type":"not_found_error","message":"model: claude-nope"}}"#,
                    status: 404
                )
                : .json(
                    #"{"type":"error","error":{"type":"invalid_request_error","message":"prompt is too long: 210000 tokens > 200000 maximum"}}"#,
                    status: 400
                )
        }
        try await LoopbackHTTPServer.with(responder) { server in
            let unknown = ClaudeEngine(
                .init(apiKey: Self.key, baseURL: server.baseURL, model: "claude-nope"),
                options: EngineTestSupport.options(sleeps)
            )
            #expect(await EngineTestSupport.run(unknown).error?.code == .modelNotFound)
            #expect(await EngineTestSupport.run(engine(server, sleeps)).error?.code == .contextTooLong)
            #expect(await server.requests.count == 2)
        }
    }
}

/// Counts calls across concurrent requests.
actor Counter {
    private var value = 0

    func next() -> Int {
        defer { value += 1 }
        return value
    }
}
