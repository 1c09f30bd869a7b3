import MaiaCore

/// Decodes TGI's `/generate_stream` (PROTOCOLS.md §5): one JSON object per event, no `[DONE]`.
///
/// Each non-special token's text is a text delta. Special tokens are dropped except `<|python_tag|>`, which is
/// passed on so that the tool-call parser downstream knows a call follows. The final event (the one with
/// `generated_text`; its `details` only when requested) gives the usage (`input_length`, `generated_tokens`) and the finish reason: `length` → `.maxTokens`,
/// `eos_token` → `.endTurn`, `stop_sequence` → `.stopSequence`, except that a last token of `<|eom_id|>` (the
/// model waits for a tool result) is `.toolUse` and one of `<|eot_id|>` is `.endTurn`. Error events (`{"error", "error_type"}`) throw; a body without the final event throws
/// `.truncatedStream`.
public struct TGIGenerateStreamDecoder: StreamEventDecoder {
    private var lastToken: String?
    private var done = false

    /// Creates a decoder for one response.
    public init() {}

    public mutating func decode(_ event: ServerSentEvent) throws -> [EngineEvent] {
        guard !done else { return [] }
        let data = event.data.trimmingWhitespace
        if data.isEmpty { return [] }
        guard let payload = StrictJSONParser.parse(data) else {
            throw ProviderErrorMapping.malformed("an event is not JSON")
        }
        if let error = ProviderErrorMapping.error(in: payload) { throw error }
        var events: [EngineEvent] = []
        if let token = payload["token"], let text = token["text"]?.stringValue {
            lastToken = text
            if token["special"]?.boolValue == true {
                if text == "<|python_tag|>" { events.append(.textDelta(text)) }
            } else if !text.isEmpty {
                events.append(.textDelta(text))
            }
        }
        // The final event carries the whole `generated_text`; `details` only when the request asked for them.
        var details: JSONValue?
        if case .object? = payload["details"] { details = payload["details"] }
        if details != nil || payload["generated_text"]?.stringValue != nil {
            done = true
            func count(_ key: String) -> Int {
                details?[key]?.numberValue.flatMap { $0 >= 0 && $0 < 1e15 ? Int($0) : nil } ?? 0
            }
            if details != nil {
                events.append(
                    .usage(TokenUsage(inputTokens: count("input_length"), outputTokens: count("generated_tokens")))
                )
            }
            events.append(.finish(finishReason(details?["finish_reason"]?.stringValue)))
        }
        return events
    }

    public mutating func finish() throws -> [EngineEvent] {
        guard done else {
            throw EngineError(code: .truncatedStream, message: "The TGI stream ended before its final event.")
        }
        return []
    }

    private func finishReason(_ reason: String?) -> FinishReason {
        if reason == nil || reason == "eos_token" || reason == "stop_sequence" {
            if lastToken == "<|eom_id|>" { return .toolUse }
            if lastToken == "<|eot_id|>" { return .endTurn }
        }
        switch reason {
        case "length": return .maxTokens
        case "eos_token": return .endTurn
        case "stop_sequence": return .stopSequence
        case let other?: return .other(other)
        case nil: return .other("unspecified")
        }
    }
}
