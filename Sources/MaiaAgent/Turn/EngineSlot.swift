public import MaiaEngines

/// An engine with the limits and parameters a turn uses with it.
public struct EngineSlot: Sendable {
    public let engine: any ReasoningEngine
    public let budget: ContextBudget
    public let parameters: GenerationParameters
    /// Whether several tool calls of one answer may run concurrently (Claude's parallel calls); Llama's run in order.
    public let parallelTools: Bool
    let catalog: ModelCatalog

    /// Creates a slot; limits come from `catalog` when it knows the model, else from `fallbackWindow`.
    public init(
        engine: any ReasoningEngine,
        parameters: GenerationParameters,
        parallelTools: Bool,
        catalog: ModelCatalog = .builtIn,
        fallbackWindow: Int = 8192
    ) {
        self.engine = engine
        self.parameters = parameters
        self.parallelTools = parallelTools
        self.catalog = catalog
        let window = catalog.info(for: engine.model)?.contextWindow ?? fallbackWindow
        budget = ContextBudget(contextWindow: window, maxOutputTokens: min(parameters.maxTokens, window / 2))
    }
}
