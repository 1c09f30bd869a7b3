import MaiaCore

/// Decodes a non-streaming OpenAI-style chat completion (PROTOCOLS.md §2.2, §3) into engine events: text, tool
/// calls, usage, finish.
///
/// Tolerates the servers' differences: TGI's `id: "0"`, arguments as an object instead of a string, and a
/// tool-call message without a `content` key; arguments that are not valid JSON are kept as `.string(raw)`.
/// Error bodies (`{"error": {...}}`, `{"error": "text"}`, vLLM's flat `{"object": "error"}`) throw.
public enum OpenAIChatCompletionDecoder {
    /// The events in `body`, a completion or error body.
    public static func events(from body: [UInt8]) throws -> [EngineEvent] {
        guard let payload = StrictJSONParser.parse(body) else {
            throw ProviderErrorMapping.malformed("the response body is not JSON")
        }
        if let error = ProviderErrorMapping.error(in: payload) { throw error }
        guard let choice = payload["choices"]?.arrayValue?.first, let message = choice["message"] else {
            throw ProviderErrorMapping.malformed("the completion has no choices")
        }
        var events: [EngineEvent] = []
        if let text = message["content"]?.stringValue, !text.isEmpty { events.append(.textDelta(text)) }
        var accumulator = OpenAIToolCallAccumulator()
        for (position, call) in (message["tool_calls"]?.arrayValue ?? []).enumerated() {
            var fragment = call.objectValue ?? [:]
            fragment["index"] = .number(Double(position))
            accumulator.add(.object(fragment))
        }
        let calls = try accumulator.completed()
        events += calls.map { .toolCall($0) }
        if case .object? = payload["usage"] { events.append(.usage(OpenAIChatStreamDecoder.usage(payload["usage"]))) }
        var reason =
            choice["finish_reason"]?.stringValue.map(OpenAIChatStreamDecoder.finishReason) ?? .other("unspecified")
        if !calls.isEmpty, reason == .endTurn { reason = .toolUse }
        events.append(.finish(reason))
        return events
    }
}
