import MaiaCore

/// Decodes OpenAI-style chat-completion streams (OpenAI, vLLM, TGI Messages, the HF router, Ollama, llama.cpp)
/// into engine events (PROTOCOLS.md §2.4, §3).
///
/// Text deltas are emitted as they come (a role-only or `content: null` first delta emits nothing); tool call
/// fragments are buffered by `OpenAIToolCallAccumulator`; a usage object (including the usage-only chunk with
/// `choices: []`) is kept; at `data: [DONE]` the calls, the usage and the finish reason are emitted. Error frames
/// throw: `{"error": {...}}`, `{"error": "text"}`, vLLM's flat `{"object": "error", ...}` and old llama.cpp's
/// `error:` field. A body that ends without `[DONE]` still completes if a finish reason arrived, otherwise throws
/// `.truncatedStream`. A finish reason of `stop` with tool calls present is reported as `.toolUse` (servers
/// disagree on it; calls are what count).
public struct OpenAIChatStreamDecoder: StreamEventDecoder {
    private var calls = OpenAIToolCallAccumulator()
    private var usage: TokenUsage?
    private var finishReason: String?
    private var done = false

    /// Creates a decoder for one response.
    public init() {}

    public mutating func decode(_ event: ServerSentEvent) throws -> [EngineEvent] {
        guard !done else { return [] }
        if let errorText = event.otherFields["error"] {
            let payload = StrictJSONParser.parse(errorText) ?? .null
            throw ProviderErrorMapping.error(in: ["error": payload.objectValue != nil ? payload : .string(errorText)])
                ?? ProviderErrorMapping.malformed("an error line could not be read")
        }
        let data = event.data.trimmingWhitespace
        if data.isEmpty { return [] }
        if data == "[DONE]" {
            done = true
            return try completion()
        }
        guard let payload = StrictJSONParser.parse(data) else {
            throw ProviderErrorMapping.malformed("a chunk is not JSON")
        }
        if let error = ProviderErrorMapping.error(in: payload) { throw error }
        if case .object? = payload["usage"] { usage = Self.usage(payload["usage"]) }
        var events: [EngineEvent] = []
        for choice in payload["choices"]?.arrayValue ?? [] where (choice["index"]?.numberValue ?? 0) == 0 {
            let delta = choice["delta"]
            if let text = delta?["content"]?.stringValue, !text.isEmpty { events.append(.textDelta(text)) }
            for fragment in delta?["tool_calls"]?.arrayValue ?? [] { calls.add(fragment) }
            if let reason = choice["finish_reason"]?.stringValue { finishReason = reason }
        }
        return events
    }

    public mutating func finish() throws -> [EngineEvent] {
        if done { return [] }
        guard finishReason != nil else {
            throw EngineError(
                code: .truncatedStream,
                message: "The chat stream ended before a finish reason or [DONE]."
            )
        }
        done = true
        return try completion()
    }

    private func completion() throws -> [EngineEvent] {
        let toolCalls = try calls.completed()
        var events: [EngineEvent] = toolCalls.map { .toolCall($0) }
        if let usage { events.append(.usage(usage)) }
        var reason = finishReason.map(Self.finishReason) ?? .other("unspecified")
        if !toolCalls.isEmpty, reason == .endTurn { reason = .toolUse }
        events.append(.finish(reason))
        return events
    }

    /// An OpenAI usage object: `prompt_tokens` (minus `prompt_tokens_details.cached_tokens`, reported as cache
    /// reads) and `completion_tokens`.
    static func usage(_ value: JSONValue?) -> TokenUsage {
        func count(_ number: JSONValue?) -> Int {
            number?.numberValue.flatMap { $0 >= 0 && $0 < 1e15 ? Int($0) : nil } ?? 0
        }
        let prompt = count(value?["prompt_tokens"])
        let cached = min(prompt, count(value?["prompt_tokens_details"]?["cached_tokens"]))
        return TokenUsage(
            inputTokens: prompt - cached,
            outputTokens: count(value?["completion_tokens"]),
            cacheReadInputTokens: cached
        )
    }

    /// An OpenAI-style `finish_reason` as a finish reason; unknown values are kept as `.other`.
    static func finishReason(_ reason: String) -> FinishReason {
        switch reason {
        case "stop", "eos_token", "eos": .endTurn
        case "length": .maxTokens
        case "tool_calls", "function_call": .toolUse
        case "content_filter": .refusal
        case "stop_sequence": .stopSequence
        default: .other(reason)
        }
    }
}

extension String {
    /// The string without leading and trailing spaces, tabs and newlines (no Foundation needed).
    var trimmingWhitespace: String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
            let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })
        else { return "" }
        return String(scalars[first...last])
    }
}
