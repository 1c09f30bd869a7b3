import MaiaCore
import MaiaEngines
import Testing

@Suite("Request encoders (golden JSON, sorted keys)")
struct RequestEncoderTests {
    static let schema =
        #"{"properties":{"limit":{"type":"integer"},"user_id":{"type":"string"}},"required":["user_id"],"type":"object"}"#

    static let request = EngineRequest(
        system: "You are MAIA.",
        messages: PromptFixtures.toolTurn.messages + [
            .toolResult(ToolResult(callID: "call_9", name: "query_mem0", content: "timeout", isError: true)),
            .user("Thanks"),
        ],
        tools: [PromptFixtures.lookup],
        parameters: GenerationParameters(maxTokens: 512, temperature: 0.75, stop: ["END"])
    )

    @Test("Anthropic: system on top, tool_use replayed, tool_result blocks first in one user turn, tool_choice object")
    func anthropic() {
        let body = AnthropicRequestEncoder.body(for: Self.request, model: "claude-3-5-sonnet-20241022", stream: true)
        let expected =
            #"{"max_tokens":512,"messages":[{"content":"What did I say yesterday?","role":"user"},"#
            + #"{"content":[{"id":"call_0","input":{"limit":5,"user_id":"u1"},"name":"lookup_supabase","type":"tool_use"}],"#
            + #""role":"assistant"},{"content":[{"content":"[{\"content\":\"hi\"}]","tool_use_id":"call_0","#
            + #""type":"tool_result"},{"content":"timeout","is_error":true,"tool_use_id":"call_9","type":"tool_result"},"#
            + #"{"text":"Thanks","type":"text"}],"role":"user"}],"model":"claude-3-5-sonnet-20241022","#
            + #""stop_sequences":["END"],"stream":true,"system":"You are MAIA.","temperature":0.75,"#
            + #""tool_choice":{"type":"auto"},"tools":[{"description":"Recent messages of the user.","#
            + #""input_schema":\#(Self.schema),"name":"lookup_supabase"}]}"#
        #expect(body.jsonText == expected)
    }

    @Test("Anthropic: required is 'any', none still sends the tools; unset fields are absent")
    func anthropicChoices() {
        var request = EngineRequest(messages: [.user("hi")], tools: [PromptFixtures.lookup], toolChoice: .required)
        #expect(AnthropicRequestEncoder.body(for: request, model: "m")["tool_choice"] == ["type": "any"])
        request.toolChoice = .none
        let body = AnthropicRequestEncoder.body(for: request, model: "m")
        #expect(body["tool_choice"] == ["type": "none"])
        #expect(body["tools"]?.arrayValue?.count == 1)
        let plain = AnthropicRequestEncoder.body(for: EngineRequest(messages: [.user("hi")]), model: "m")
        #expect(plain.jsonText == #"{"max_tokens":2048,"messages":[{"content":"hi","role":"user"}],"model":"m"}"#)
    }

    @Test("OpenAI: system message, tool_calls with string arguments and null content, tool messages, usage in streams")
    func openAI() {
        let body = OpenAIChatRequestEncoder.body(
            for: Self.request,
            model: "meta-llama/Llama-3.1-8B-Instruct",
            stream: true
        )
        let expected =
            #"{"max_tokens":512,"messages":[{"content":"You are MAIA.","role":"system"},"#
            + #"{"content":"What did I say yesterday?","role":"user"},{"content":null,"role":"assistant","tool_calls":"#
            + #"[{"function":{"arguments":"{\"limit\":5,\"user_id\":\"u1\"}","name":"lookup_supabase"},"id":"call_0","#
            + #""type":"function"}]},{"content":"[{\"content\":\"hi\"}]","role":"tool","tool_call_id":"call_0"},"#
            + #"{"content":"Error: timeout","role":"tool","tool_call_id":"call_9"},{"content":"Thanks","role":"user"}],"#
            + #""model":"meta-llama/Llama-3.1-8B-Instruct","stop":["END"],"stream":true,"#
            + #""stream_options":{"include_usage":true},"temperature":0.75,"tools":[{"function":{"#
            + #""description":"Recent messages of the user.","name":"lookup_supabase","parameters":\#(Self.schema)},"#
            + #""type":"function"}]}"#
        #expect(body.jsonText == expected)
    }

    @Test("OpenAI: required is sent, none sends no tools")
    func openAIChoices() {
        var request = EngineRequest(messages: [.user("hi")], tools: [PromptFixtures.lookup], toolChoice: .required)
        #expect(OpenAIChatRequestEncoder.body(for: request, model: "m")["tool_choice"] == "required")
        request.toolChoice = .none
        let body = OpenAIChatRequestEncoder.body(for: request, model: "m")
        #expect(body["tools"] == nil)
        #expect(body["tool_choice"] == nil)
    }

    @Test("TGI /generate: do_sample explicit, stop (not stop_sequences) capped at 4, no prompt echo, details")
    func tgi() {
        let sampled = TextGenerationRequestEncoder.body(
            prompt: "<|begin_of_text|>…",
            parameters: GenerationParameters(maxTokens: 256, temperature: 0.75),
            stop: ["<|eot_id|>", "<|eom_id|>", "a", "b", "c"]
        )
        #expect(
            sampled.jsonText
                == #"{"inputs":"<|begin_of_text|>…","parameters":{"details":true,"do_sample":true,"max_new_tokens":256,"#
                + #""return_full_text":false,"stop":["<|eot_id|>","<|eom_id|>","a","b"],"temperature":0.75}}"#
        )
        let greedy = TextGenerationRequestEncoder.body(
            prompt: "p",
            parameters: GenerationParameters(maxTokens: 8, temperature: 0),
            stop: []
        )
        #expect(
            greedy.jsonText
                == #"{"inputs":"p","parameters":{"details":true,"do_sample":false,"max_new_tokens":8,"#
                + #""return_full_text":false}}"#
        )
        let legacy = TextGenerationRequestEncoder.body(
            prompt: "p",
            parameters: GenerationParameters(maxTokens: 8),
            stop: ["<|eot_id|>"],
            legacyHuggingFace: true
        )
        #expect(
            legacy.jsonText
                == #"{"inputs":"p","options":{"use_cache":false,"wait_for_model":true},"parameters":{"do_sample":false,"#
                + #""max_new_tokens":8,"return_full_text":false,"stop":["<|eot_id|>"]}}"#
        )
    }
}
