import MaiaCore

/// Decodes a non-streaming Anthropic Messages response (PROTOCOLS.md §1.3) into engine events, in the order a
/// stream would give them: text, tool calls, usage, finish. Unknown block types (thinking, server tools) are
/// skipped; an error body throws.
public enum AnthropicMessageDecoder {
    /// The events in `body`, a response or error body.
    public static func events(from body: [UInt8]) throws -> [EngineEvent] {
        guard let payload = StrictJSONParser.parse(body) else {
            throw ProviderErrorMapping.malformed("the response body is not JSON")
        }
        if payload["type"] == .string("error") {
            throw ProviderErrorMapping.error(
                type: payload["error"]?["type"]?.stringValue,
                message: payload["error"]?["message"]?.stringValue
            )
        }
        guard payload["type"] == .string("message"), let blocks = payload["content"]?.arrayValue else {
            throw ProviderErrorMapping.malformed("the response is not a message")
        }
        var events: [EngineEvent] = []
        for block in blocks {
            switch block["type"]?.stringValue {
            case "text":
                if let text = block["text"]?.stringValue, !text.isEmpty { events.append(.textDelta(text)) }
            case "tool_use":
                guard let id = block["id"]?.stringValue, let name = block["name"]?.stringValue,
                    case .object? = block["input"]
                else { throw ProviderErrorMapping.malformed("a tool_use block lacks its id, name or input object") }
                events.append(.toolCall(ToolCall(id: id, name: name, arguments: block["input"] ?? [:])))
            default:
                continue
            }
        }
        let usage = payload["usage"]
        func count(_ key: String) -> Int {
            usage?[key]?.numberValue.flatMap { $0 >= 0 && $0 < 1e15 ? Int($0) : nil } ?? 0
        }
        events.append(
            .usage(
                TokenUsage(
                    inputTokens: count("input_tokens"),
                    outputTokens: count("output_tokens"),
                    cacheReadInputTokens: count("cache_read_input_tokens"),
                    cacheCreationInputTokens: count("cache_creation_input_tokens")
                )
            )
        )
        let reason = payload["stop_reason"]?.stringValue
        events.append(.finish(reason.map(AnthropicStreamDecoder.finishReason) ?? .other("unspecified")))
        return events
    }
}
