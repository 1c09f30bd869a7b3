/// A whole completion, collected from an engine's event stream.
public struct EngineResult: Sendable, Hashable {
    /// The model that answered.
    public var model: String
    /// The answer's text (all text deltas joined).
    public var text: String
    /// The tool calls, in the order they completed.
    public var toolCalls: [ToolCall]
    /// The provider's final token counts.
    public var usage: TokenUsage
    /// Why the model stopped.
    public var finishReason: FinishReason
    /// The cost in US dollars from the `ModelCatalog`, or `nil` when the model is not in the catalog.
    ///
    /// Cache reads and writes are priced as ordinary input tokens (the catalog has no cache prices), which
    /// overstates Anthropic's discounted cache reads; this errs on the side of a higher estimate.
    public var costUSD: Double?
    /// Time from the start of the call to the end of the stream.
    public var latency: Duration
    /// Time from the start of the call to the first text or tool call; `nil` when there was neither.
    public var timeToFirstToken: Duration?

    /// Creates a result.
    public init(
        model: String,
        text: String,
        toolCalls: [ToolCall],
        usage: TokenUsage,
        finishReason: FinishReason,
        costUSD: Double?,
        latency: Duration,
        timeToFirstToken: Duration?
    ) {
        self.model = model
        self.text = text
        self.toolCalls = toolCalls
        self.usage = usage
        self.finishReason = finishReason
        self.costUSD = costUSD
        self.latency = latency
        self.timeToFirstToken = timeToFirstToken
    }
}
