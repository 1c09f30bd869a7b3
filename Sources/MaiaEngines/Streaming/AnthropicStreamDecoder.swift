import MaiaCore

/// Decodes the Anthropic Messages streaming format (PROTOCOLS.md §1.6) into engine events.
///
/// `message_start` and `message_delta` give usage (cumulative counts, merged field by field, emitted as running
/// totals); text deltas are emitted as they come; `input_json_delta` fragments are buffered per block `index`
/// and parsed strictly at `content_block_stop` (an empty buffer is the block's initial `input`, normally `{}`);
/// `message_stop` emits the finish reason. `ping`, unknown events, unknown blocks (thinking) and unknown deltas are
/// skipped. A mid-stream `error` event throws (`overloaded_error` → `.overloaded`); a body that ends before
/// `message_stop` throws `.truncatedStream`.
public struct AnthropicStreamDecoder: StreamEventDecoder {
    private enum Block {
        case text
        case toolUse(id: String, name: String, initialInput: JSONValue, json: String)
        case other
    }

    private var usage = TokenUsage()
    private var stopReason: FinishReason?
    private var blocks: [Int: Block] = [:]
    private var stopped = false

    /// Creates a decoder for one response.
    public init() {}

    public mutating func decode(_ event: ServerSentEvent) throws -> [EngineEvent] {
        guard !stopped, !event.data.isEmpty else { return [] }
        guard let payload = StrictJSONParser.parse(event.data) else {
            throw ProviderErrorMapping.malformed("an event's data is not JSON")
        }
        switch payload["type"]?.stringValue ?? event.event ?? "" {
        case "message_start":
            mergeUsage(payload["message"]?["usage"])
            return [.usage(usage)]
        case "content_block_start":
            return try startBlock(payload)
        case "content_block_delta":
            return try delta(payload)
        case "content_block_stop":
            return try stopBlock(payload)
        case "message_delta":
            if let reason = payload["delta"]?["stop_reason"]?.stringValue { stopReason = Self.finishReason(reason) }
            mergeUsage(payload["usage"])
            return [.usage(usage)]
        case "message_stop":
            stopped = true
            return [.finish(stopReason ?? .other("unspecified"))]
        case "error":
            throw ProviderErrorMapping.error(
                type: payload["error"]?["type"]?.stringValue,
                message: payload["error"]?["message"]?.stringValue
            )
        default:
            return []
        }
    }

    public mutating func finish() throws -> [EngineEvent] {
        guard stopped else {
            throw EngineError(code: .truncatedStream, message: "The Anthropic stream ended before message_stop.")
        }
        return []
    }

    private func index(_ payload: JSONValue) throws -> Int {
        guard let number = payload["index"]?.numberValue, number >= 0, number < 1_000_000 else {
            throw ProviderErrorMapping.malformed("a content block event has no index")
        }
        return Int(number)
    }

    private mutating func startBlock(_ payload: JSONValue) throws -> [EngineEvent] {
        let position = try index(payload)
        let block = payload["content_block"]
        switch block?["type"]?.stringValue {
        case "text":
            blocks[position] = .text
            let text = block?["text"]?.stringValue ?? ""
            return text.isEmpty ? [] : [.textDelta(text)]
        case "tool_use":
            guard let id = block?["id"]?.stringValue, let name = block?["name"]?.stringValue else {
                throw ProviderErrorMapping.malformed("a tool_use block has no id or name")
            }
            blocks[position] = .toolUse(id: id, name: name, initialInput: block?["input"] ?? [:], json: "")
            return []
        default:
            blocks[position] = .other
            return []
        }
    }

    private mutating func delta(_ payload: JSONValue) throws -> [EngineEvent] {
        let position = try index(payload)
        let delta = payload["delta"]
        switch delta?["type"]?.stringValue {
        case "text_delta":
            guard case .text? = blocks[position], let text = delta?["text"]?.stringValue, !text.isEmpty else {
                return []
            }
            return [.textDelta(text)]
        case "input_json_delta":
            guard case .toolUse(let id, let name, let initial, let json)? = blocks[position] else { return [] }
            let fragment = delta?["partial_json"]?.stringValue ?? ""
            blocks[position] = .toolUse(id: id, name: name, initialInput: initial, json: json + fragment)
            return []
        default:
            return []
        }
    }

    private mutating func stopBlock(_ payload: JSONValue) throws -> [EngineEvent] {
        let position = try index(payload)
        defer { blocks[position] = nil }
        guard case .toolUse(let id, let name, let initial, let json)? = blocks[position] else { return [] }
        let arguments: JSONValue
        if json.allSatisfy(\.isWhitespace) {
            arguments = initial
        } else {
            guard let parsed = StrictJSONParser.parse(json), case .object = parsed else {
                throw ProviderErrorMapping.malformed("a tool_use block's input is not a JSON object")
            }
            arguments = parsed
        }
        return [.toolCall(ToolCall(id: id, name: name, arguments: arguments))]
    }

    private mutating func mergeUsage(_ value: JSONValue?) {
        guard let value else { return }
        func count(_ key: String) -> Int? {
            value[key]?.numberValue.flatMap { $0 >= 0 && $0 < 1e15 ? Int($0) : nil }
        }
        if let input = count("input_tokens") { usage.inputTokens = input }
        if let output = count("output_tokens") { usage.outputTokens = output }
        if let read = count("cache_read_input_tokens") { usage.cacheReadInputTokens = read }
        if let creation = count("cache_creation_input_tokens") { usage.cacheCreationInputTokens = creation }
    }

    /// Anthropic's `stop_reason` as a finish reason; unknown values are kept as `.other`.
    static func finishReason(_ reason: String) -> FinishReason {
        switch reason {
        case "end_turn": .endTurn
        case "max_tokens": .maxTokens
        case "tool_use": .toolUse
        case "stop_sequence": .stopSequence
        case "refusal": .refusal
        default: .other(reason)
        }
    }
}
