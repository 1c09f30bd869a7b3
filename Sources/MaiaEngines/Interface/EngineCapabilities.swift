/// What an engine's server can do, so that callers adapt by data instead of special cases.
public struct EngineCapabilities: Sendable, Hashable {
    /// How tools reach the model and calls come back.
    public var toolCalling: ToolCallingMode
    /// Whether the server streams tokens.
    public var streaming: Bool
    /// Names the server when it answers one request at a time (llama.cpp's server interrupts a running request
    /// when another arrives); `nil` when requests may overlap.
    public var exclusiveServer: String?

    /// Creates a capability set.
    public init(toolCalling: ToolCallingMode = .native, streaming: Bool = true, exclusiveServer: String? = nil) {
        self.toolCalling = toolCalling
        self.streaming = streaming
        self.exclusiveServer = exclusiveServer
    }

    /// Whether an engine with these capabilities and one with `other` are the same one-request-at-a-time server,
    /// so that they must never be asked at the same time.
    public func sharesExclusiveServer(with other: EngineCapabilities) -> Bool {
        exclusiveServer != nil && exclusiveServer == other.exclusiveServer
    }

    /// How tool definitions are delivered and calls recovered.
    public enum ToolCallingMode: Sendable, Hashable {
        /// The server takes `tools` in the request and returns structured calls.
        case native
        /// The server ignores `tools` (its chat template drops them): the engine renders the definitions into the
        /// system prompt and parses calls out of the generated text.
        case inPrompt
    }
}
