import Foundation
import MaiaCore
import MaiaEngines
import MaiaHTTP
import MaiaTesting
import Testing

@Suite("TGI generate engine over loopback HTTP")
struct TGIGenerateEngineTests {
    static let renderer = Llama31PromptRenderer(today: PromptFixtures.today)

    func engine(
        _ endpoint: TGIGenerateEngine.Endpoint,
        _ sleeps: SleepRecorder,
        key: String? = nil
    )
        -> TGIGenerateEngine
    {
        TGIGenerateEngine(
            .init(endpoint: endpoint, model: "meta-llama/Llama-3.1-8B-Instruct", apiKey: key, renderer: Self.renderer),
            options: EngineTestSupport.options(sleeps)
        )
    }

    @Test("a tool call streamed token by token becomes one call; the prompt and parameters are explicit")
    func toolCall() async throws {
        let sleeps = SleepRecorder()
        let responder: LoopbackHTTPServer.Responder = { _ in
            try! EngineTestSupport.stream("tgi-generate-stream-tool.sse")
        }
        try await LoopbackHTTPServer.with(responder) {
            server in
            let (events, error) = await EngineTestSupport.run(
                engine(.tgi(server.baseURL), sleeps),
                EngineTestSupport.toolTurn
            )
            #expect(error == nil)
            #expect(EngineTestSupport.text(events).isEmpty)
            #expect(
                EngineTestSupport.calls(events)
                    == [ToolCall(id: "call_0", name: "get_weather", arguments: ["city": "Paris"])]
            )
            #expect(events.contains(.usage(TokenUsage(inputTokens: 312, outputTokens: 18))))
            #expect(events.last == .finish(.toolUse))
            let request = try #require(await server.requests.first)
            #expect(request.path == "/generate_stream")
            let body = try EngineTestSupport.body(request)
            #expect(body["inputs"]?.stringValue == Self.renderer.render(EngineTestSupport.toolTurn))
            #expect(body["parameters"]?["do_sample"] == true)
            #expect(body["parameters"]?["temperature"] == 0.5)
            #expect(body["parameters"]?["return_full_text"] == false)
            #expect(body["parameters"]?["stop"] == ["<|eot_id|>", "<|eom_id|>"])
            #expect(body["parameters"]?["max_new_tokens"] == 256)
        }
    }

    @Test("a TGI error event ends the stream after the text before it")
    func errorEvent() async throws {
        let sleeps = SleepRecorder()
        let responder: LoopbackHTTPServer.Responder = { _ in
            try! EngineTestSupport.stream("tgi-generate-stream-error.sse")
        }
        try await LoopbackHTTPServer.with(responder) {
            server in
            let (events, error) = await EngineTestSupport.run(engine(.tgi(server.baseURL), sleeps))
            #expect(EngineTestSupport.text(events) == "Hello there")
            #expect(error?.code == .providerError)
        }
    }

    @Test("legacy HF cold start: 503 with estimated_time waits that long, then streams")
    func coldStart() async throws {
        let sleeps = SleepRecorder()
        let calls = Counter()
        let responder: LoopbackHTTPServer.Responder = { _ in
            if await calls.next() == 0 {
                return .json(
                    #"{"error":"Model meta-llama/Llama-3.1-8B-Instruct is currently loading","estimated_time":20.0}"#,
                    status: 503
                )
            }
            return try! EngineTestSupport.stream("tgi-generate-stream-tool.sse")
        }
        try await LoopbackHTTPServer.with(responder) { server in
            let url = server.baseURL.appendingPathComponent("models/meta-llama/Llama-3.1-8B-Instruct")
            let (events, error) = await EngineTestSupport.run(engine(.legacyHuggingFace(url), sleeps, key: "hf_x"))
            #expect(error == nil)
            #expect(EngineTestSupport.calls(events).count == 1)
            #expect(await sleeps.delays == [.seconds(20)])
            let requests = await server.requests
            #expect(requests.count == 2)
            #expect(requests[1].path == "/models/meta-llama/Llama-3.1-8B-Instruct")
            #expect(requests[1].header("authorization") == "Bearer hf_x")
            let body = try EngineTestSupport.body(requests[1])
            #expect(body["stream"] == true)
            #expect(body["options"]?["wait_for_model"] == true)
            #expect(body["parameters"]?["return_full_text"] == false)
            #expect(body["parameters"]?["do_sample"] == false)
        }
    }

    @Test("a cold start longer than the bound waits at most 60 s per attempt, then reports the loading model")
    func coldStartBound() async throws {
        let sleeps = SleepRecorder()
        let responder: LoopbackHTTPServer.Responder = { _ in
            .json(#"{"error":"Model x is currently loading","estimated_time":900.0}"#, status: 503)
        }
        try await LoopbackHTTPServer.with(responder) { server in
            let (_, error) = await EngineTestSupport.run(engine(.legacyHuggingFace(server.baseURL), sleeps))
            #expect(error?.code == .modelLoading)
            #expect(await sleeps.delays == [.seconds(60), .seconds(60)])
        }
    }
}
