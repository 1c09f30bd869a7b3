/// What an engine's server can do, so that callers adapt by data instead of special cases.
public struct EngineCapabilities: Sendable, Hashable {
    /// How tools reach the model and calls come back.
    public var toolCalling: ToolCallingMode
    /// Whether the server streams tokens.
    public var streaming: Bool

    /// Creates a capability set.
    public init(toolCalling: ToolCallingMode = .native, streaming: Bool = true) {
        self.toolCalling = toolCalling
        self.streaming = streaming
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
