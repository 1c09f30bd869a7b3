public import Foundation

/// The knobs of an experiment analysis; the defaults are what `maia experiment report` and the guardrails use.
public struct AnalysisOptions: Sendable, Hashable {
    /// The always-valid test behind every decision.
    public var sequential: SequentialTest
    /// Bootstrap resamples for quantile intervals.
    public var bootstrapReplicates: Int
    /// The bootstrap's seed: the same rows give the same report.
    public var seed: UInt64
    /// How long after its first turn a unit has to come back to count as returned.
    public var returnWindow: TimeInterval

    public init(
        sequential: SequentialTest = SequentialTest(),
        bootstrapReplicates: Int = 1000,
        seed: UInt64 = 12,
        returnWindow: TimeInterval = 7 * 86_400
    ) {
        self.sequential = sequential
        self.bootstrapReplicates = bootstrapReplicates
        self.seed = seed
        self.returnWindow = returnWindow
    }
}
