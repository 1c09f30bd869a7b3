/// Sampling settings for one call. Engines send only what is set, in their own field names.
public struct GenerationParameters: Sendable, Hashable {
    /// The most tokens to generate (`max_tokens`, `max_new_tokens`).
    public var maxTokens: Int
    /// Sampling temperature; `nil` leaves the provider's default.
    public var temperature: Double?
    /// Strings that end generation when produced (`stop_sequences`, `stop`).
    public var stop: [String]

    /// Creates generation parameters; the defaults are the seed's `LLAMA_MAX_TOKENS` and no temperature.
    public init(maxTokens: Int = 2048, temperature: Double? = nil, stop: [String] = []) {
        self.maxTokens = maxTokens
        self.temperature = temperature
        self.stop = stop
    }
}

/// Whether the model may, must or must not call a tool.
public enum ToolChoice: String, Sendable, Hashable {
    /// The model decides (the default when tools are given).
    case auto
    /// The model must not call a tool; engines then do not send the tools at all.
    case none
    /// The model must call some tool.
    case required
}
