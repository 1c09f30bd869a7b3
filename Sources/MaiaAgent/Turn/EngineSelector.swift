/// Chooses the engines of each turn: a fixed order, or the arm of a routing experiment.
///
/// Selecting has no side effect: what a selection means for an experiment is recorded by its ``EngineSelection/observer``,
/// which sees only turns that reach an engine.
public protocol EngineSelector: Sendable {
    /// The engines that answer `input`, in order, and who watches the turn. Must return quickly: it sits on every
    /// turn's path (a routing selector reads a cached state).
    func select(for input: TurnInput) async -> EngineSelection
}

/// The engines of one turn and who watches it.
public struct EngineSelection: Sendable {
    /// Tried in order: the first answers, the others are fallbacks.
    public var engines: [EngineSlot]
    /// Whether the live shadow observer may run the turn: not when the shadow candidate already answers it.
    public var shadowed: Bool
    /// Sees the turn beside the shadow observer (a routing experiment's recorder); `nil` for none.
    public var observer: (any TurnObserver)?

    /// Creates a selection.
    public init(engines: [EngineSlot], shadowed: Bool = true, observer: (any TurnObserver)? = nil) {
        self.engines = engines
        self.shadowed = shadowed
        self.observer = observer
    }
}

/// The same engines for every turn: the primary, then its fallbacks.
public struct FixedEngines: EngineSelector {
    public let engines: [EngineSlot]

    /// Creates a selector of `engines`, tried in order.
    public init(_ engines: [EngineSlot]) {
        self.engines = engines
    }

    public func select(for input: TurnInput) async -> EngineSelection {
        EngineSelection(engines: engines)
    }
}
