/// One typed event of a streamed completion.
///
/// Order: text deltas and tool calls as the model produces them, `usage` whenever the provider reports counts
/// (each carries running totals, so the last one wins), and exactly one `finish` at the end.
public enum EngineEvent: Sendable, Hashable {
    /// A piece of the answer's text.
    case textDelta(String)
    /// A tool call whose arguments are complete.
    case toolCall(ToolCall)
    /// Token counts so far, as the provider counted them.
    case usage(TokenUsage)
    /// The model stopped, and why.
    case finish(FinishReason)
}

/// Token counts reported by the provider, or estimated by the engine when the provider gives none (then
/// `isEstimated` says so; counts are never guessed from characters).
public struct TokenUsage: Sendable, Hashable {
    /// Prompt tokens neither read from nor written to a prompt cache.
    public var inputTokens: Int
    /// Generated tokens.
    public var outputTokens: Int
    /// Prompt tokens read from the provider's cache.
    public var cacheReadInputTokens: Int
    /// Prompt tokens written to the provider's cache.
    public var cacheCreationInputTokens: Int
    /// Whether the counts are the engine's estimate rather than the provider's own (a llama.cpp server that sends
    /// no usage while streaming).
    public var isEstimated: Bool

    /// Creates token counts.
    public init(
        inputTokens: Int = 0,
        outputTokens: Int = 0,
        cacheReadInputTokens: Int = 0,
        cacheCreationInputTokens: Int = 0,
        isEstimated: Bool = false
    ) {
        self.inputTokens = inputTokens
        self.outputTokens = outputTokens
        self.cacheReadInputTokens = cacheReadInputTokens
        self.cacheCreationInputTokens = cacheCreationInputTokens
        self.isEstimated = isEstimated
    }

    /// Every prompt token: uncached plus cache reads plus cache writes.
    public var totalInputTokens: Int {
        inputTokens + cacheReadInputTokens + cacheCreationInputTokens
    }
}

/// Why the model stopped.
public enum FinishReason: Sendable, Hashable {
    /// The model finished its answer.
    case endTurn
    /// The output reached `maxTokens`.
    case maxTokens
    /// The model stopped to have tools run.
    case toolUse
    /// A stop string was produced.
    case stopSequence
    /// The provider refused or filtered the answer.
    case refusal
    /// Any other reason, as the provider spelled it.
    case other(String)
}
