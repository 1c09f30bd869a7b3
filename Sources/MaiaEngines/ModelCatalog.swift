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

/// Known models. Claude: Anthropic's current models (aliases; a dated id such as `claude-sonnet-4-5-20250929`
/// resolves to its alias) with list prices per 1M tokens as of 2025-11, plus the retired 3.5 Sonnet so that old
/// logs keep their cost. Llama 3.1 via Hugging Face at the top of the seed's ranges (8B $0.10, 70B $0.60 per 1M
/// tokens); a local model costs nothing per token.
public struct ModelCatalog: Sendable {
    /// Entries by model id.
    public private(set) var entries: [String: ModelInfo]

    /// The built-in catalog.
    public static let builtIn = ModelCatalog(entries: [
        claude("claude-sonnet-4-5", output: 64_000, input: 3, generated: 15),
        claude("claude-haiku-4-5", output: 64_000, input: 1, generated: 5),
        claude("claude-opus-4-5", output: 64_000, input: 5, generated: 25),
        claude("claude-opus-4-1", output: 32_000, input: 15, generated: 75),
        claude("claude-3-5-sonnet-20241022", output: 8192, input: 3, generated: 15),
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

    private static func claude(_ id: String, output: Int, input: Double, generated: Double) -> ModelInfo {
        ModelInfo(
            id: id,
            contextWindow: 200_000,
            maxOutputTokens: output,
            inputPricePerMillion: input,
            outputPricePerMillion: generated
        )
    }

    /// Creates a catalog from entries; a later entry with the same id replaces an earlier one.
    public init(entries: [ModelInfo]) {
        self.entries = Dictionary(entries.map { ($0.id, $0) }, uniquingKeysWith: { _, last in last })
    }

    /// `id` without an Anthropic `-YYYYMMDD` snapshot date (`claude-sonnet-4-5-20250929` → `claude-sonnet-4-5`),
    /// `nil` when it has none.
    public static func alias(of id: String) -> String? {
        guard let dash = id.lastIndex(of: "-") else { return nil }
        let date = id[id.index(after: dash)...]
        return date.count == 8 && date.allSatisfy(\.isNumber) ? String(id[..<dash]) : nil
    }

    /// The entry for `id`, ignoring a Hugging Face `:provider` suffix or an Anthropic `-YYYYMMDD` snapshot date.
    public func info(for id: String) -> ModelInfo? {
        if let exact = entries[id] { return exact }
        if let colon = id.lastIndex(of: ":") { return entries[String(id[..<colon])] }
        return Self.alias(of: id).flatMap { entries[$0] }
    }

    /// Adds or replaces an entry (configuration overrides).
    public mutating func register(_ info: ModelInfo) {
        entries[info.id] = info
    }
}
