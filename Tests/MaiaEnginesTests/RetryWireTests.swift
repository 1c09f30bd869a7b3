import Foundation
import MaiaCore
import MaiaEngines
import MaiaHTTP
import MaiaTesting
import Synchronization
import Testing

/// The README's retry promise, through the wire: every retried status and every connection failure before any text,
/// for Claude and for the OpenAI-compatible engines, against loopback servers.
@Suite("Retries over loopback HTTP, per status and per connection failure")
struct RetryWireTests {
    /// The two wire protocols with retries: Anthropic Messages and OpenAI chat completions.
    enum Dialect: String, CaseIterable, CustomStringConvertible {
        case claude, openAI
        var description: String { rawValue }

        static let key = "sk-secret-wire-key-0123456789"

        func engine(_ baseURL: URL, _ options: HTTPEngineOptions) -> any ReasoningEngine {
            switch self {
            case .claude:
                ClaudeEngine(
                    .init(apiKey: Self.key, baseURL: baseURL, model: "claude-3-5-sonnet-20241022"),
                    options: options
                )
            case .openAI:
                OpenAIChatEngine(
                    .init(baseURL: baseURL, model: "meta-llama/Llama-3.1-8B-Instruct", apiKey: Self.key),
                    options: options
                )
            }
        }

        /// The fixture of a successful reply and its text.
        var success: LoopbackHTTPServer.Response {
            try! EngineTestSupport.stream(self == .claude ? "anthropic-text.sse" : "openai-text-llamacpp.sse")
        }
        var successText: String { self == .claude ? "Hello, café ☕ 🌊!\nHow are you?" : "Hello there — ça va? 🌱" }

        /// An error body in the provider's shape with `message`.
        func errorBody(_ message: String, status: Int) -> LoopbackHTTPServer.Response {
            switch self {
            case .claude:
                .json(#"{"type":"error","error":{"type":"api_error","message":"\#(message)"}}"#, status: status)
            case .openAI:
                .json(#"{"error":{"message":"\#(message)","type":"server_error"}}"#, status: status)
            }
        }

        /// The first bytes of a stream that carry no text: Anthropic's `message_start` and `ping`, OpenAI's role
        /// chunk and a keep-alive comment.
        var headerOnlyStart: [UInt8] {
            switch self {
            case .claude:
                Array(
                    (#"event: message_start\#ndata: {"type":"message_start","message":{"id":"msg_1","type":"message","role":"assistant","content":[],"model":"claude-3-5-sonnet-20241022","usage":{"input_tokens":9,"output_tokens":1}}}\#n\#n"#
                        + "event: ping\ndata: {\"type\":\"ping\"}\n\n").utf8
                )
            case .openAI:
                Array(
                    (": keep-alive\n\n"
                        + #"data: {"id":"c1","object":"chat.completion.chunk","model":"m","choices":[{"index":0,"delta":{"role":"assistant","content":null},"finish_reason":null}]}\#n\#n"#)
                        .utf8
                )
            }
        }

        /// The first bytes of a stream that carry the text "Partial".
        var partialText: [UInt8] {
            switch self {
            case .claude:
                headerOnlyStart
                    + Array(
                        (#"event: content_block_start\#ndata: {"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}\#n\#n"#
                            + #"event: content_block_delta\#ndata: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Partial"}}\#n\#n"#)
                            .utf8
                    )
            case .openAI:
                headerOnlyStart
                    + Array(
                        #"data: {"id":"c1","object":"chat.completion.chunk","model":"m","choices":[{"index":0,"delta":{"content":"Partial"},"finish_reason":null}]}\#n\#n"#
                            .utf8
                    )
            }
        }
    }

    static func options(_ sleeps: SleepRecorder, announced: Announcements = Announcements()) -> HTTPEngineOptions {
        HTTPEngineOptions(
            transport: AsyncHTTPTransport(),
            retryPolicy: RetryPolicy(maxRetries: 2),
            // Generous: a loaded machine running the whole suite can starve the loopback server for a minute, and
            // a cut stream must be seen as cut, not as a timeout.
            timeout: .seconds(600),
            redactor: SecretRedactor(secrets: [Dialect.key]),
            announce: { announced.add($0) },
            sleep: sleeps.sleep
        )
    }

    /// Answers the first request with `first`, every later one with the dialect's success.
    static func once(_ first: LoopbackHTTPServer.Response, then dialect: Dialect) -> LoopbackHTTPServer.Responder {
        let calls = Counter()
        return { _ in await calls.next() == 0 ? first : dialect.success }
    }

    @Test(
        "each retried status (408, 409, 429, 500, 502, 503, 504, 529) is retried once, then the reply streams",
        arguments: Dialect.allCases,
        [408, 409, 429, 500, 502, 503, 504, 529]
    )
    func retriedStatus(dialect: Dialect, status: Int) async throws {
        let sleeps = SleepRecorder()
        try await LoopbackHTTPServer.with(Self.once(dialect.errorBody("try again", status: status), then: dialect)) {
            server in
            let (events, error) = await EngineTestSupport.run(dialect.engine(server.baseURL, Self.options(sleeps)))
            #expect(error == nil, "\(dialect) \(status): \(String(describing: error))")
            #expect(EngineTestSupport.text(events) == dialect.successText)
            #expect(await server.requests.count == 2)
            #expect(await sleeps.delays.count == 1)
        }
    }

    @Test("a status that will not change (400, 401, 404) is not retried", arguments: Dialect.allCases, [400, 401, 404])
    func notRetried(dialect: Dialect, status: Int) async throws {
        let sleeps = SleepRecorder()
        try await LoopbackHTTPServer.with(Self.once(dialect.errorBody("no", status: status), then: dialect)) { server in
            let (events, error) = await EngineTestSupport.run(dialect.engine(server.baseURL, Self.options(sleeps)))
            #expect(events.isEmpty)
            #expect(error?.httpStatus == status)
            #expect(await server.requests.count == 1)
        }
    }

    @Test("a cold start (body with estimated_time) is retried after the estimated time", arguments: Dialect.allCases)
    func coldStart(dialect: Dialect) async throws {
        let sleeps = SleepRecorder()
        let loading = LoopbackHTTPServer.Response.json(
            #"{"error":"Model meta-llama/Llama-3.1-8B-Instruct is currently loading","estimated_time":4.5}"#,
            status: 503
        )
        try await LoopbackHTTPServer.with(Self.once(loading, then: dialect)) { server in
            let (events, error) = await EngineTestSupport.run(dialect.engine(server.baseURL, Self.options(sleeps)))
            #expect(error == nil)
            #expect(EngineTestSupport.text(events) == dialect.successText)
            #expect(await sleeps.delays == [.milliseconds(4500)])
        }
    }

    @Test("a connection reset before any response is retried", arguments: Dialect.allCases)
    func reset(dialect: Dialect) async throws {
        let sleeps = SleepRecorder()
        try await LoopbackHTTPServer.with(Self.once(.reset, then: dialect)) { server in
            let (events, error) = await EngineTestSupport.run(dialect.engine(server.baseURL, Self.options(sleeps)))
            #expect(error == nil, "\(String(describing: error))")
            #expect(EngineTestSupport.text(events) == dialect.successText)
            #expect(await server.requests.count == 2)
        }
    }

    /// Without the transport's own connection retries switched off, async-http-client keeps reconnecting until the
    /// request's deadline and the failure is a timeout (`timedOut`) after a minute; a refused port must fail as
    /// `connectionFailed` after the engine's own retries, so that the next engine can answer.
    @Test(
        "a refused connection is retried by the engine, then fails as a connection failure, not a timeout",
        .timeLimit(.minutes(2)),
        arguments: Dialect.allCases
    )
    func refused(dialect: Dialect) async throws {
        let sleeps = SleepRecorder()
        let url = try refusedLoopbackURL()
        let (events, error) = await EngineTestSupport.run(dialect.engine(url, Self.options(sleeps)))
        #expect(events.isEmpty)
        #expect(error?.code == .connectionFailed, "\(String(describing: error))")
        #expect(error?.message.contains("refused") == true, "\(String(describing: error))")
        #expect(await sleeps.delays.count == 2)
    }

    @Test(
        "a stream that breaks after its headers but before any text is retried; only the retry's events arrive",
        arguments: Dialect.allCases
    )
    func brokenBeforeText(dialect: Dialect) async throws {
        let sleeps = SleepRecorder()
        let broken = LoopbackHTTPServer.Response(
            headers: [("content-type", "text/event-stream")],
            chunks: [dialect.headerOnlyStart],
            fault: .closeAfterChunks
        )
        try await LoopbackHTTPServer.with(Self.once(broken, then: dialect)) { server in
            let (events, error) = await EngineTestSupport.run(dialect.engine(server.baseURL, Self.options(sleeps)))
            #expect(error == nil, "\(String(describing: error))")
            let expected = dialect == .claude ? StreamFixtures.anthropic[0].events : StreamFixtures.openAI[0].events
            #expect(events == expected)
            #expect(await server.requests.count == 2)
        }
    }

    @Test(
        "a stream cut after text is not retried: the text arrives once, then truncatedStream",
        arguments: Dialect.allCases
    )
    func cutMidReply(dialect: Dialect) async throws {
        let sleeps = SleepRecorder()
        let cut = LoopbackHTTPServer.Response(
            headers: [("content-type", "text/event-stream")],
            chunks: [dialect.partialText],
            fault: .closeAfterChunks
        )
        try await LoopbackHTTPServer.with(Self.once(cut, then: dialect)) { server in
            let (events, error) = await EngineTestSupport.run(dialect.engine(server.baseURL, Self.options(sleeps)))
            #expect(EngineTestSupport.text(events) == "Partial")
            #expect(error?.code == .truncatedStream)
            #expect(await server.requests.count == 1)
        }
    }

    @Test("a provider that echoes the API key in its error gets the key redacted", arguments: Dialect.allCases)
    func echoedKeyRedacted(dialect: Dialect) async throws {
        let sleeps = SleepRecorder()
        let responder: LoopbackHTTPServer.Responder = { request in
            let sent = request.header("x-api-key") ?? request.header("authorization") ?? ""
            return dialect.errorBody("invalid key: \(sent)", status: 401)
        }
        try await LoopbackHTTPServer.with(responder) { server in
            let engine = dialect.engine(server.baseURL, Self.options(sleeps))
            let (_, error) = await EngineTestSupport.run(engine)
            let failure = try #require(error)
            #expect(failure.code == .authenticationFailed)
            #expect(!failure.description.contains(Dialect.key))
            #expect(failure.description.contains(SecretRedactor.marker))
            let health: EngineHealth =
                switch engine {
                case let claude as ClaudeEngine: await claude.checkHealth()
                case let openAI as OpenAIChatEngine: await openAI.checkHealth()
                default: EngineHealth(ok: false, reachable: false, detail: "unexpected engine")
                }
            #expect(health.detail == "HTTP 401: authenticationFailed")
            #expect(!(health.remedy ?? "").contains(Dialect.key))
        }
    }

    @Test("a wait of several seconds is announced as it starts, with the status and the real delay")
    func longWaitAnnounced() async throws {
        let sleeps = SleepRecorder()
        let announced = Announcements()
        let limited = LoopbackHTTPServer.Response.json(
            #"{"type":"error","error":{"type":"rate_limit_error","message":"slow down"}}"#,
            status: 429,
            headers: [("retry-after", "12")]
        )
        try await LoopbackHTTPServer.with(Self.once(limited, then: .claude)) { server in
            let engine = Dialect.claude.engine(server.baseURL, Self.options(sleeps, announced: announced))
            let (_, error) = await EngineTestSupport.run(engine)
            #expect(error == nil)
            #expect(announced.all == ["127.0.0.1 failed (rateLimited, HTTP 429); waiting 12 s before retry 1 of 2"])
        }
    }
}

/// Collects announcements from any thread.
final class Announcements: Sendable {
    private let lines = Mutex<[String]>([])
    func add(_ line: String) { lines.withLock { $0.append(line) } }
    var all: [String] { lines.withLock { $0 } }
}
