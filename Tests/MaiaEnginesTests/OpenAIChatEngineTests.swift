import Foundation
import MaiaCore
import MaiaEngines
import MaiaHTTP
import MaiaTesting
import Testing

@Suite("OpenAI-compatible engine over loopback HTTP")
struct OpenAIChatEngineTests {
    static let key = "hf_test_token_abcdef"

    func engine(
        _ server: LoopbackHTTPServer,
        _ sleeps: SleepRecorder,
        mode: EngineCapabilities.ToolCallingMode = .native,
        path: String = "/v1"
    ) -> OpenAIChatEngine {
        OpenAIChatEngine(
            .init(
                baseURL: server.baseURL.appendingPathComponent(path),
                model: "meta-llama/Llama-3.1-8B-Instruct:novita",
                apiKey: Self.key,
                capabilities: EngineCapabilities(toolCalling: mode)
            ),
            options: EngineTestSupport.options(sleeps)
        )
    }

    @Test("streams llama.cpp text with bearer auth, stream_options and the :provider model id")
    func text() async throws {
        let sleeps = SleepRecorder()
        let responder: LoopbackHTTPServer.Responder = { _ in try! EngineTestSupport.stream("openai-text-llamacpp.sse") }
        try await LoopbackHTTPServer.with(responder) {
            server in
            let (events, error) = await EngineTestSupport.run(engine(server, sleeps))
            #expect(error == nil)
            #expect(events == StreamFixtures.openAI[0].events)
            let request = try #require(await server.requests.first)
            #expect(request.path == "/v1/chat/completions")
            #expect(request.header("authorization") == "Bearer \(Self.key)")
            let body = try EngineTestSupport.body(request)
            #expect(body["stream"] == true)
            #expect(body["stream_options"]?["include_usage"] == true)
            #expect(body["model"] == "meta-llama/Llama-3.1-8B-Instruct:novita")
        }
    }

    @Test("a base URL without /v1 gets it added")
    func baseWithoutVersion() async throws {
        let sleeps = SleepRecorder()
        let responder: LoopbackHTTPServer.Responder = { _ in try! EngineTestSupport.stream("openai-text-llamacpp.sse") }
        try await LoopbackHTTPServer.with(responder) {
            server in
            _ = await EngineTestSupport.run(engine(server, sleeps, path: ""))
            #expect(await server.requests.first?.path == "/v1/chat/completions")
        }
    }

    @Test("vLLM parallel tool calls split across 3-byte chunks; tools and tool results in native format")
    func toolCalls() async throws {
        let sleeps = SleepRecorder()
        let responder: LoopbackHTTPServer.Responder = { _ in
            try! EngineTestSupport.stream("openai-tool-calls-vllm.sse", every: 3)
        }
        try await LoopbackHTTPServer.with(responder) { server in
            let (events, error) = await EngineTestSupport.run(engine(server, sleeps), EngineTestSupport.toolTurn)
            #expect(error == nil)
            #expect(events == StreamFixtures.openAI[1].events)
            let body = try EngineTestSupport.body(try #require(await server.requests.first))
            #expect(body["tools"]?[0]?["type"] == "function")
            #expect(body["tools"]?[0]?["function"]?["name"] == "lookup_supabase")
            let messages = try #require(body["messages"]?.arrayValue)
            #expect(messages[0]["role"] == "system")
            #expect(messages[2]["tool_calls"]?[0]?["id"] == "toolu_0")
            #expect(messages[2]["tool_calls"]?[0]?["function"]?["arguments"] == #"{"user_id":"u1"}"#)
            #expect(messages[3]["role"] == "tool")
            #expect(messages[3]["tool_call_id"] == "toolu_0")
        }
    }

    @Test("vLLM without --enable-auto-tool-choice is a misconfigured server, not retried")
    func vllmMissingToolFlag() async throws {
        let sleeps = SleepRecorder()
        let responder: LoopbackHTTPServer.Responder = { _ in
            .json(
                #"{"object":"error","message":"\"auto\" tool choice requires --enable-auto-tool-choice and --tool-call-parser to be set","type":"BadRequestError","param":null,"code":400}"#,
                status: 400
            )
        }
        try await LoopbackHTTPServer.with(responder) { server in
            let (_, error) = await EngineTestSupport.run(engine(server, sleeps), EngineTestSupport.toolTurn)
            #expect(error?.code == .serverMisconfigured)
            #expect(error?.message.contains("--enable-auto-tool-choice") == true)
            #expect(await server.requests.count == 1)
        }
    }

    @Test("400 for an unknown model on the router and 401 for a bad token")
    func badModelAndKey() async throws {
        let sleeps = SleepRecorder()
        let responder: LoopbackHTTPServer.Responder = { request in
            request.header("authorization") == "Bearer \(Self.key)"
                ? .json(
                    #"{"error":{"message":"The requested model 'meta-llama/Llama-3.1-8B' is not a chat model.","type":"invalid_request_error","code":"model_not_supported"}}"#,
                    status: 400
                )
                : .json(#"{"error":"Invalid credentials in Authorization header"}"#, status: 401)
        }
        try await LoopbackHTTPServer.with(responder) { server in
            #expect(await EngineTestSupport.run(engine(server, sleeps)).error?.code == .invalidRequest)
            let other = OpenAIChatEngine(
                .init(baseURL: server.baseURL, model: "m", apiKey: "hf_wrong_secret"),
                options: EngineTestSupport.options(sleeps)
            )
            let error = try #require(await EngineTestSupport.run(other).error)
            #expect(error.code == .authenticationFailed)
            #expect(!error.description.contains("hf_wrong_secret"))
        }
    }

    @Test("a vLLM error frame mid-stream ends the stream after the text before it")
    func midStreamError() async throws {
        let sleeps = SleepRecorder()
        let fixture = try #require(StreamFixtures.openAI.first { $0.file == "openai-error-vllm-flat.sse" })
        let responder: LoopbackHTTPServer.Responder = { _ in try! EngineTestSupport.stream(fixture.file) }
        try await LoopbackHTTPServer.with(responder) { server in
            let (events, error) = await EngineTestSupport.run(engine(server, sleeps))
            #expect(events == fixture.events)
            #expect(error?.code == fixture.errorCode)
            #expect(await server.requests.count == 1)
        }
    }

    @Test("in-prompt mode sends no tools, renders them in the system prompt and never streams call text")
    func inPromptCalls() async throws {
        let sleeps = SleepRecorder()
        let sse = Self.sse([
            "Sure, let me check. ", "{\"na", "me\": \"lookup_", "supabase\", \"parameters\": {\"user_id\": \"u1\"}}",
        ])
        let responder: LoopbackHTTPServer.Responder = { _ in EngineTestSupport.stream(text: sse, every: 4) }
        try await LoopbackHTTPServer.with(responder) { server in
            let (events, error) = await EngineTestSupport.run(
                engine(server, sleeps, mode: .inPrompt),
                EngineTestSupport.toolTurn
            )
            #expect(error == nil)
            let text = EngineTestSupport.text(events)
            #expect(text == "Sure, let me check. ")
            #expect(!text.contains("lookup_supabase"))
            #expect(EngineTestSupport.calls(events).map(\.name) == ["lookup_supabase"])
            #expect(EngineTestSupport.calls(events).first?.arguments == ["user_id": "u1"])
            #expect(events.last == .finish(.toolUse))
            let body = try EngineTestSupport.body(try #require(await server.requests.first))
            #expect(body["tools"] == nil)
            #expect(body["messages"]?[0]?["content"]?.stringValue?.contains("lookup_supabase") == true)
            #expect(body["messages"]?.arrayValue?.contains { $0["role"] == "tool" } == false)
        }
    }

    @Test("in-prompt mode streams plain prose as it arrives")
    func inPromptProse() async throws {
        let sleeps = SleepRecorder()
        let sse = Self.sse(["Hello", " there,", " friend."])
        let responder: LoopbackHTTPServer.Responder = { _ in EngineTestSupport.stream(text: sse, every: 1000) }
        try await LoopbackHTTPServer.with(responder) { server in
            let (events, error) = await EngineTestSupport.run(engine(server, sleeps, mode: .inPrompt))
            #expect(error == nil)
            #expect(
                events.prefix(3) == [.textDelta("Hello"), .textDelta(" there,"), .textDelta(" friend.")]
            )
            #expect(events.last == .finish(.endTurn))
        }
    }

    @Test("a fenced call in in-prompt mode becomes a call, with no fence text shown")
    func inPromptFence() async throws {
        let sleeps = SleepRecorder()
        let sse = Self.sse(["```json\n{\"name\": \"lookup_supabase\",", " \"parameters\": {\"user_id\": \"u1\"}}\n```"])
        let responder: LoopbackHTTPServer.Responder = { _ in EngineTestSupport.stream(text: sse, every: 3) }
        try await LoopbackHTTPServer.with(responder) { server in
            let (events, _) = await EngineTestSupport.run(engine(server, sleeps, mode: .inPrompt))
            #expect(EngineTestSupport.text(events).isEmpty)
            #expect(EngineTestSupport.calls(events).count == 1)
        }
    }

    /// An OpenAI-style event stream of content deltas, with a usage chunk and `[DONE]`.
    static func sse(_ deltas: [String]) -> String {
        var text = ""
        for delta in deltas {
            let content = JSONValue.string(delta).jsonText
            text += #"data: {"id":"c","object":"chat.completion.chunk","choices":[{"index":0,"delta":{"content":"#
            text += content + "},\"finish_reason\":null}]}\n\n"
        }
        text +=
            #"data: {"id":"c","object":"chat.completion.chunk","choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}"#
        text += "\n\n"
        text +=
            #"data: {"id":"c","object":"chat.completion.chunk","choices":[],"usage":{"prompt_tokens":40,"completion_tokens":12,"total_tokens":52}}"#
        text += "\n\ndata: [DONE]\n\n"
        return text
    }
}
