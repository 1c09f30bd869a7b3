import MaiaCore
import MaiaEngines

/// The expected decoding of every fixture in `Tests/Fixtures/engines/`.
enum StreamFixtures {
    static let all: [StreamFixture] = anthropic + openAI + tgi

    static let anthropic: [StreamFixture] = [
        StreamFixture(
            file: "anthropic-text.sse",
            dialect: .anthropic,
            events: [
                .usage(TokenUsage(inputTokens: 472, outputTokens: 2, cacheReadInputTokens: 1024)),
                .textDelta("Hello"),
                .textDelta(", café ☕ 🌊!\nHow are you?"),
                .usage(TokenUsage(inputTokens: 472, outputTokens: 15, cacheReadInputTokens: 1024)),
                .finish(.endTurn),
            ]
        ),
        StreamFixture(
            file: "anthropic-tool-use.sse",
            dialect: .anthropic,
            events: [
                .usage(TokenUsage(inputTokens: 1200, outputTokens: 1)),
                .textDelta("I'll look "),
                .textDelta("that up."),
                .toolCall(
                    ToolCall(
                        id: "toolu_01T1x1fJ34qAmk2tNTrN7Up6",
                        name: "lookup_supabase",
                        arguments: ["user_id": "u1", "limit": 20, "note": "café \"quoted\" ☕"]
                    )
                ),
                .toolCall(ToolCall(id: "toolu_02Bq8cWfPzYx3kLmNvRsTuVw", name: "recall_breakthroughs", arguments: [:])),
                .usage(TokenUsage(inputTokens: 1200, outputTokens: 89)),
                .finish(.toolUse),
            ]
        ),
        StreamFixture(
            file: "anthropic-overloaded.sse",
            dialect: .anthropic,
            events: [.usage(TokenUsage(inputTokens: 25, outputTokens: 1)), .textDelta("Let me")],
            errorCode: .overloaded,
            providerErrorType: "overloaded_error"
        ),
    ]

    static let openAI: [StreamFixture] = [
        StreamFixture(
            file: "openai-text-llamacpp.sse",
            dialect: .openAIChat,
            events: [
                .textDelta("Hello"),
                .textDelta(" there — ça va? 🌱"),
                .usage(TokenUsage(inputTokens: 8, outputTokens: 7, cacheReadInputTokens: 4)),
                .finish(.endTurn),
            ]
        ),
        StreamFixture(
            file: "openai-tool-calls-vllm.sse",
            dialect: .openAIChat,
            events: [
                .toolCall(
                    ToolCall(
                        id: "chatcmpl-tool-1a2b3c",
                        name: "lookup_supabase",
                        arguments: ["user_id": "u1", "limit": 5]
                    )
                ),
                .toolCall(
                    ToolCall(
                        id: "chatcmpl-tool-4d5e6f",
                        name: "query_mem0",
                        arguments: ["user_id": "u1", "query": "sleep \"routine\"", "limit": 3]
                    )
                ),
                .usage(TokenUsage(inputTokens: 812, outputTokens: 61)),
                .finish(.toolUse),
            ]
        ),
        StreamFixture(
            file: "openai-ollama-index0.sse",
            dialect: .openAIChat,
            events: [
                .toolCall(
                    ToolCall(id: "call_a1b2c3d4", name: "lookup_supabase", arguments: ["user_id": "u1", "limit": 5])
                ),
                .toolCall(ToolCall(id: "call_e5f6g7h8", name: "recall_breakthroughs", arguments: ["user_id": "u1"])),
                .usage(TokenUsage(inputTokens: 230, outputTokens: 40)),
                .finish(.toolUse),
            ]
        ),
        StreamFixture(
            file: "openai-tgi-messages-tool.sse",
            dialect: .openAIChat,
            events: [
                .toolCall(
                    ToolCall(
                        id: "1",
                        name: "get_weather",
                        arguments: ["location": "Paris, France", "format": "celsius"]
                    )
                ),
                .finish(.toolUse),
            ]
        ),
        StreamFixture(
            file: "openai-tgi-arguments-object.sse",
            dialect: .openAIChat,
            events: [
                .toolCall(
                    ToolCall(id: "0", name: "get_weather", arguments: ["location": "Paris", "format": "celsius"])
                ),
                .finish(.toolUse),
            ]
        ),
        StreamFixture(
            file: "openai-error-tgi-nested.sse",
            dialect: .openAIChat,
            events: [.textDelta("Sure")],
            errorCode: .contextTooLong
        ),
        StreamFixture(
            file: "openai-error-vllm-flat.sse",
            dialect: .openAIChat,
            events: [],
            errorCode: .serverMisconfigured,
            providerErrorType: "BadRequestError"
        ),
        StreamFixture(
            file: "openai-error-llamacpp-line.sse",
            dialect: .openAIChat,
            events: [.textDelta("Hi")],
            errorCode: .providerError,
            providerErrorType: "server_error"
        ),
    ]

    static let tgi: [StreamFixture] = [
        StreamFixture(
            file: "tgi-generate-stream-tool.sse",
            dialect: .tgiGenerate,
            events: [
                "<|python_tag|>", "{\"", "name", "\":", " \"", "get", "_weather", "\",", " \"", "parameters", "\":",
                " {\"", "city", "\":", " \"", "Paris", "\"}}",
            ]
            .map { .textDelta($0) } + [.usage(TokenUsage(inputTokens: 312, outputTokens: 18)), .finish(.toolUse)]
        ),
        StreamFixture(
            file: "tgi-generate-stream-error.sse",
            dialect: .tgiGenerate,
            events: [.textDelta("Hello"), .textDelta(" there")],
            errorCode: .providerError,
            providerErrorType: "generation"
        ),
    ]
}
