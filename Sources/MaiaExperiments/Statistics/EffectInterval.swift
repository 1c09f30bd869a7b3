/// A difference between the arms (candidate minus control) with a 95% interval around it.
public struct EffectInterval: Sendable, Hashable {
    /// The estimated difference, candidate minus control.
    public let estimate: Double
    public let lower: Double
    public let upper: Double
    /// The estimate's standard error, which the sequential test builds on.
    public let standardError: Double

    /// Creates an interval; `lower` and `upper` need not be symmetric around `estimate` (Newcombe, bootstrap).
    public init(estimate: Double, lower: Double, upper: Double, standardError: Double) {
        self.estimate = estimate
        self.lower = lower
        self.upper = upper
        self.standardError = standardError
    }

    /// Whether the interval holds `value`.
    public func contains(_ value: Double) -> Bool { lower <= value && value <= upper }
}

/// The two-sided 95% normal quantile, 1.959964….
let z95 = 1.959_963_984_540_054
