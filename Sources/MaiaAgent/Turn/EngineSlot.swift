public import MaiaEngines

/// An engine with the limits and parameters a turn uses with it.
public struct EngineSlot: Sendable {
    public let engine: any ReasoningEngine
    public let budget: ContextBudget
    public let parameters: GenerationParameters
    /// Whether several tool calls of one answer may run concurrently (Claude's parallel calls); Llama's run in order.
    public let parallelTools: Bool
    /// Which system prompt the model gets (from the catalogue entry of its model).
    public let profile: PromptProfile
    let catalog: ModelCatalog

    /// Creates a slot; limits come from `catalog` when it knows the model, else from `fallbackWindow`; the prompt
    /// profile from the catalogue too unless `profile` is given (benchmarks compare both on one model).
    public init(
        engine: any ReasoningEngine,
        parameters: GenerationParameters,
        parallelTools: Bool,
        catalog: ModelCatalog = .builtIn,
        fallbackWindow: Int = 8192,
        profile: PromptProfile? = nil
    ) {
        self.engine = engine
        self.parameters = parameters
        self.parallelTools = parallelTools
        self.catalog = catalog
        let info = catalog.info(for: engine.model)
        self.profile = profile ?? PromptProfile.of(info)
        let window = info?.contextWindow ?? fallbackWindow
        budget = ContextBudget(contextWindow: window, maxOutputTokens: min(parameters.maxTokens, window / 2))
    }
}
