import MaiaCore

/// Decodes a non-streaming text-generation response: TGI `/generate` (`{"generated_text", "details"?}`), its
/// `/` route and the legacy Hugging Face API (`[{"generated_text"}]`), into engine events (PROTOCOLS.md §5, §6).
///
/// Usage comes from `details` when requested (`generated_tokens`; prompt tokens are only in the
/// `x-prompt-tokens` header, so input is 0 here). A cold start body `{"error": "... is currently loading",
/// "estimated_time": 20.0}` throws `.modelLoading` with `retryAfter`, whatever the HTTP status; other error bodies
/// throw their mapped code.
public enum TextGenerationDecoder {
    /// The events in `body`, a generation or error body.
    public static func events(from body: [UInt8]) throws -> [EngineEvent] {
        guard let parsed = StrictJSONParser.parse(body) else {
            throw ProviderErrorMapping.malformed("the response body is not JSON")
        }
        let payload = parsed.arrayValue?.first ?? parsed
        if case .string(let message)? = payload["error"] {
            if let seconds = payload["estimated_time"]?.numberValue, seconds >= 0, seconds < 86_400 {
                throw EngineError(
                    code: .modelLoading,
                    message: "The model is loading: \(message)",
                    providerErrorType: payload["error_type"]?.stringValue,
                    retryAfter: .milliseconds(Int64(seconds * 1000))
                )
            }
            if message.contains("is currently loading") {
                throw EngineError(code: .modelLoading, message: "The model is loading: \(message)")
            }
        }
        if let error = ProviderErrorMapping.error(in: payload) { throw error }
        guard let text = payload["generated_text"]?.stringValue else {
            throw ProviderErrorMapping.malformed("the response has no generated_text")
        }
        var events: [EngineEvent] = text.isEmpty ? [] : [.textDelta(text)]
        guard let details = payload["details"], case .object = details else {
            events.append(.finish(.other("unspecified")))
            return events
        }
        let generated = details["generated_tokens"]?.numberValue.flatMap { $0 >= 0 && $0 < 1e15 ? Int($0) : nil } ?? 0
        events.append(.usage(TokenUsage(inputTokens: 0, outputTokens: generated)))
        let lastToken = details["tokens"]?.arrayValue?.last?["text"]?.stringValue
        let reason: FinishReason
        switch (details["finish_reason"]?.stringValue, lastToken) {
        case ("length", _): reason = .maxTokens
        case (_, "<|eom_id|>"): reason = .toolUse
        case ("eos_token", _), ("stop_sequence", "<|eot_id|>"): reason = .endTurn
        case ("stop_sequence", _): reason = .stopSequence
        case (let other?, _): reason = .other(other)
        case (nil, _): reason = .other("unspecified")
        }
        events.append(.finish(reason))
        return events
    }
}
