import MaiaCore
import MaiaEngines
import Testing

@Suite("Non-streaming response decoders")
struct ResponseDecoderTests {
    private func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

    private func code(_ body: () throws -> [EngineEvent]) -> EngineError? {
        do {
            _ = try body()
            return nil
        } catch {
            return error as? EngineError
        }
    }

    @Test("Anthropic message: text before parallel tool_use blocks, thinking skipped, usage with cache, stop reason")
    func anthropicMessage() throws {
        let body = #"""
            {"id":"msg_01Aq9w938a90dw8q","type":"message","role":"assistant","model":"claude-3-5-sonnet-20241022",
             "content":[{"type":"thinking","thinking":"…","signature":"sig"},
                        {"type":"text","text":"I'll check both."},
                        {"type":"tool_use","id":"toolu_01","name":"lookup_supabase","input":{"user_id":"u1","limit":20}},
                        {"type":"tool_use","id":"toolu_02","name":"recall_breakthroughs","input":{}}],
             "stop_reason":"tool_use","stop_sequence":null,
             "usage":{"input_tokens":2095,"output_tokens":503,"cache_creation_input_tokens":10,"cache_read_input_tokens":900}}
            """#
        let events = try AnthropicMessageDecoder.events(from: bytes(body))
        #expect(
            events == [
                .textDelta("I'll check both."),
                .toolCall(
                    ToolCall(id: "toolu_01", name: "lookup_supabase", arguments: ["user_id": "u1", "limit": 20])
                ),
                .toolCall(ToolCall(id: "toolu_02", name: "recall_breakthroughs", arguments: [:])),
                .usage(
                    TokenUsage(
                        inputTokens: 2095,
                        outputTokens: 503,
                        cacheReadInputTokens: 900,
                        cacheCreationInputTokens: 10
                    )
                ),
                .finish(.toolUse),
            ]
        )
    }

    @Test("Anthropic error body and unknown stop reasons")
    func anthropicErrors() throws {
        let error = code {
            try AnthropicMessageDecoder.events(
                from: bytes(
                    #"{"type":"error","error":{"type":"rate_limit_error","message":"Number of request tokens has exceeded your per-minute rate limit"},"request_id":"req_011CSHoEeqs5C35K2UUqR7Fy"}"#
                )
            )
        }
        #expect(error?.code == .rateLimited)
        let paused = try AnthropicMessageDecoder.events(
            from: bytes(
                #"{"type":"message","content":[],"stop_reason":"pause_turn","usage":{"input_tokens":1,"output_tokens":0}}"#
            )
        )
        #expect(paused.last == .finish(.other("pause_turn")))
    }

    @Test("OpenAI completion: string arguments, usage, finish reason")
    func openAICompletion() throws {
        let body = #"""
            {"id":"chatcmpl-abc","object":"chat.completion","created":1732540000,"model":"meta-llama/Llama-3.1-8B-Instruct",
             "choices":[{"index":0,"message":{"role":"assistant","content":null,"tool_calls":[
               {"id":"call_1","type":"function","function":{"name":"query_mem0","arguments":"{\"user_id\": \"u1\", \"query\": \"sleep\"}"}}]},
               "logprobs":null,"finish_reason":"tool_calls"}],
             "usage":{"prompt_tokens":300,"completion_tokens":25,"total_tokens":325}}
            """#
        #expect(
            try OpenAIChatCompletionDecoder.events(from: bytes(body)) == [
                .toolCall(ToolCall(id: "call_1", name: "query_mem0", arguments: ["user_id": "u1", "query": "sleep"])),
                .usage(TokenUsage(inputTokens: 300, outputTokens: 25)),
                .finish(.toolUse),
            ]
        )
    }

    @Test("TGI completion quirks: id \"0\", arguments as an object, no content key, description null, finish stop")
    func tgiCompletion() throws {
        let body = #"""
            {"object":"chat.completion","id":"","created":1732540003,"model":"meta-llama/Llama-3.1-8B-Instruct",
             "system_fingerprint":"2.0.4-sha-f426a33",
             "choices":[{"index":0,"message":{"role":"assistant","tool_calls":[{"id":"0","type":"function",
               "function":{"description":null,"name":"get_weather","arguments":{"location":"Paris","format":"celsius"}}}]},
               "logprobs":null,"finish_reason":"eos_token"}],
             "usage":{"prompt_tokens":19,"completion_tokens":25,"total_tokens":44}}
            """#
        #expect(
            try OpenAIChatCompletionDecoder.events(from: bytes(body)) == [
                .toolCall(
                    ToolCall(id: "0", name: "get_weather", arguments: ["location": "Paris", "format": "celsius"])
                ),
                .usage(TokenUsage(inputTokens: 19, outputTokens: 25)),
                .finish(.toolUse),
            ]
        )
    }

    @Test("OpenAI-style error bodies: nested, TGI string with error_type, vLLM flat")
    func openAIErrors() {
        let nested = code {
            try OpenAIChatCompletionDecoder.events(
                from: bytes(
                    #"{"error":{"message":"Invalid API key","type":"invalid_request_error","param":null,"code":401}}"#
                )
            )
        }
        #expect(nested?.code == .authenticationFailed)
        let tgi = code {
            try OpenAIChatCompletionDecoder.events(
                from: bytes(
                    #"{"error":"Input validation error: `temperature` must be strictly positive","error_type":"validation"}"#
                )
            )
        }
        #expect(tgi?.code == .invalidRequest)
        #expect(tgi?.providerErrorType == "validation")
        let flat = code {
            try OpenAIChatCompletionDecoder.events(
                from: bytes(
                    #"{"object":"error","message":"The model `llama` does not exist.","type":"NotFoundError","param":null,"code":404}"#
                )
            )
        }
        #expect(flat?.code == .modelNotFound)
        #expect(
            code { try OpenAIChatCompletionDecoder.events(from: bytes(#"{"choices":[]}"#)) }?.code == .malformedResponse
        )
    }

    @Test("TGI /generate with details: text, usage, finish; eom as last token means a tool call")
    func tgiGenerate() throws {
        let body = #"""
            {"generated_text":"{\"name\": \"get_weather\", \"parameters\": {\"city\": \"Paris\"}}",
             "details":{"finish_reason":"eos_token","generated_tokens":18,"seed":null,"prefill":[],
               "tokens":[{"id":128010,"text":"<|python_tag|>","logprob":-0.1,"special":true},
                         {"id":128008,"text":"<|eom_id|>","logprob":-0.01,"special":true}]}}
            """#
        #expect(
            try TextGenerationDecoder.events(from: bytes(body)) == [
                .textDelta(#"{"name": "get_weather", "parameters": {"city": "Paris"}}"#),
                .usage(TokenUsage(inputTokens: 0, outputTokens: 18)),
                .finish(.toolUse),
            ]
        )
        let length = try TextGenerationDecoder.events(
            from: bytes(#"{"generated_text":"Hi","details":{"finish_reason":"length","generated_tokens":2}}"#)
        )
        #expect(length.last == .finish(.maxTokens))
    }

    @Test("legacy HF array body and the 503 cold start body with estimated_time")
    func legacyHuggingFace() throws {
        #expect(
            try TextGenerationDecoder.events(from: bytes(#"[{"generated_text":"Hello there"}]"#)) == [
                .textDelta("Hello there"), .finish(.other("unspecified")),
            ]
        )
        let loading = code {
            try TextGenerationDecoder.events(
                from: bytes(
                    #"{"error":"Model meta-llama/Llama-3.1-8B-Instruct is currently loading","estimated_time":20.0}"#
                )
            )
        }
        #expect(loading?.code == .modelLoading)
        #expect(loading?.retryAfter == .seconds(20))
        let noEstimate = code {
            try TextGenerationDecoder.events(from: bytes(#"{"error":"Model x is currently loading"}"#))
        }
        #expect(noEstimate?.code == .modelLoading)
        #expect(noEstimate?.retryAfter == nil)
        let generation = code {
            try TextGenerationDecoder.events(from: bytes(#"{"error":"CUDA out of memory","error_type":"generation"}"#))
        }
        #expect(generation?.code == .providerError)
    }
}
