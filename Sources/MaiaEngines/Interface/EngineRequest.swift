public import MaiaCore

/// Everything an engine needs for one call: the same value for every provider.
public struct EngineRequest: Sendable, Hashable {
    /// The system prompt; empty for none.
    public var system: String
    /// The conversation so far, oldest first, ending with the turn the model answers.
    public var messages: [ChatMessage]
    /// Tools the model may call.
    public var tools: [ToolDefinition]
    /// Whether the model may, must or must not call a tool.
    public var toolChoice: ToolChoice
    /// Sampling settings.
    public var parameters: GenerationParameters

    /// Creates a request.
    public init(
        system: String = "",
        messages: [ChatMessage],
        tools: [ToolDefinition] = [],
        toolChoice: ToolChoice = .auto,
        parameters: GenerationParameters = GenerationParameters()
    ) {
        self.system = system
        self.messages = messages
        self.tools = tools
        self.toolChoice = toolChoice
        self.parameters = parameters
    }

    /// The tools to offer the model: none when `toolChoice` is `.none`.
    public var offeredTools: [ToolDefinition] {
        toolChoice == .none ? [] : tools
    }
}
