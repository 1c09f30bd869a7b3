/// What MAIA knows about a model: its limits and prices, used for context budgeting and cost reports.
public struct ModelInfo: Sendable, Hashable {
    /// The provider's model id.
    public var id: String
    /// Total tokens the model attends to (prompt + output).
    public var contextWindow: Int
    /// The most tokens one call may generate.
    public var maxOutputTokens: Int
    /// US dollars per one million prompt tokens.
    public var inputPricePerMillion: Double
    /// US dollars per one million generated tokens.
    public var outputPricePerMillion: Double
    /// Whether the model is known not to call tools reliably (it then gets the compact prompt and prefetched
    /// memory instead of tool instructions).
    public var weakToolUse: Bool

    /// Creates a catalog entry.
    public init(
        id: String,
        contextWindow: Int,
        maxOutputTokens: Int,
        inputPricePerMillion: Double,
        outputPricePerMillion: Double,
        weakToolUse: Bool = false
    ) {
        self.weakToolUse = weakToolUse
        self.id = id
        self.contextWindow = contextWindow
        self.maxOutputTokens = maxOutputTokens
        self.inputPricePerMillion = inputPricePerMillion
        self.outputPricePerMillion = outputPricePerMillion
    }

    /// The cost in US dollars of a call that used these token counts.
    public func cost(inputTokens: Int, outputTokens: Int) -> Double {
        (Double(inputTokens) * inputPricePerMillion + Double(outputTokens) * outputPricePerMillion) / 1_000_000
    }
}

/// Known models. Prices are the seed's cost table (Claude 3.5 Sonnet $3/$15; Llama 3.1 via Hugging Face at the
/// top of the seed's ranges, 8B $0.10 and 70B $0.60 per 1M tokens); a local model costs nothing per token.
public struct ModelCatalog: Sendable {
    /// Entries by model id.
    public private(set) var entries: [String: ModelInfo]

    /// The built-in catalog.
    public static let builtIn = ModelCatalog(entries: [
        ModelInfo(
            id: "claude-3-5-sonnet-20241022",
            contextWindow: 200_000,
            maxOutputTokens: 8192,
            inputPricePerMillion: 3,
            outputPricePerMillion: 15
        ),
        ModelInfo(
            id: "meta-llama/Llama-3.1-8B-Instruct",
            contextWindow: 131_072,
            maxOutputTokens: 4096,
            inputPricePerMillion: 0.10,
            outputPricePerMillion: 0.10
        ),
        ModelInfo(
            id: "meta-llama/Llama-3.1-70B-Instruct",
            contextWindow: 131_072,
            maxOutputTokens: 4096,
            inputPricePerMillion: 0.60,
            outputPricePerMillion: 0.60
        ),
        ModelInfo(
            id: "SmolLM2-135M-Instruct",
            contextWindow: 8192,
            maxOutputTokens: 2048,
            inputPricePerMillion: 0,
            outputPricePerMillion: 0,
            weakToolUse: true
        ),
    ])

    /// Creates a catalog from entries; a later entry with the same id replaces an earlier one.
    public init(entries: [ModelInfo]) {
        self.entries = Dictionary(entries.map { ($0.id, $0) }, uniquingKeysWith: { _, last in last })
    }

    /// The entry for `id`, ignoring a Hugging Face `:provider` suffix.
    public func info(for id: String) -> ModelInfo? {
        if let exact = entries[id] { return exact }
        guard let colon = id.lastIndex(of: ":") else { return nil }
        return entries[String(id[..<colon])]
    }

    /// Adds or replaces an entry (configuration overrides).
    public mutating func register(_ info: ModelInfo) {
        entries[info.id] = info
    }
}
