import Foundation

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
    /// The sampling temperature MAIA uses with this model unless `LLAMA_TEMPERATURE` is set; `nil` for the usual
    /// default. Very small models drift into another language when sampled (SmolLM2-135M answers English in
    /// Portuguese at 0.3 and above), so their entries say 0.
    public var temperature: Double?

    /// The temperature a model gets when the catalogue does not name one.
    public static let defaultTemperature = 0.75

    /// Creates a catalog entry.
    public init(
        id: String,
        contextWindow: Int,
        maxOutputTokens: Int,
        inputPricePerMillion: Double,
        outputPricePerMillion: Double,
        weakToolUse: Bool = false,
        temperature: Double? = nil
    ) {
        self.weakToolUse = weakToolUse
        self.temperature = temperature
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

/// Known models: the built-in catalogue file (`Resources/model-catalog.json`, with each price's source), plus a
/// user's own file and per-deployment prices layered on top by the application.
public struct ModelCatalog: Sendable {
    /// Entries by model id.
    public private(set) var entries: [String: ModelInfo]

    /// The built-in catalogue. It ships inside the binary's resource bundle; a missing or broken one is a packaging
    /// bug, so it stops the process with the file's own error rather than pricing every turn as unknown.
    public static let builtIn: ModelCatalog = {
        guard let url = Bundle.module.url(forResource: "model-catalog", withExtension: "json") else {
            fatalError("model-catalog.json is missing from MaiaEngines' resource bundle")
        }
        do throws(ModelCatalogError) {
            return try ModelCatalog(contentsOf: url)
        } catch {
            fatalError(error.description)
        }
    }()

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
