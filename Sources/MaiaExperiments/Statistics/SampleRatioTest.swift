/// Pearson's chi-square goodness-of-fit test of how many units each arm received against the configured split: the
/// sample-ratio-mismatch (SRM) check. A mismatch means assignment, exposure logging or filtering is broken, and
/// every other number of the experiment is suspect until it is explained.
public struct SampleRatioTest: Sendable, Hashable {
    /// The p-value below which a report raises the alarm: strict, because the check runs on every report and a
    /// real split bug gives p-values far smaller than this.
    public static let alarmLevel = 0.001

    /// Units observed per arm, in the order given.
    public let observed: [Int]
    /// Units expected per arm under the configured split.
    public let expected: [Double]
    /// Pearson's statistic Σ (observed − expected)² / expected.
    public let statistic: Double
    public let degreesOfFreedom: Int
    /// P(χ² ≥ statistic): how surprising the counts are if the split works as configured.
    public let pValue: Double

    /// Tests `observed` counts against `shares` (any positive weights; they are normalised). `nil` when there is
    /// nothing to test: no units, a share count that does not match, or fewer than two arms with a positive share
    /// (a split of 0% or 100% has no ratio to check, only whether any unit landed in the empty arm).
    public init?(observed: [Int], shares: [Double]) {
        let total = observed.reduce(0, +)
        let weight = shares.reduce(0, +)
        guard total > 0, observed.count == shares.count, shares.allSatisfy({ $0 >= 0 }),
            shares.count(where: { $0 > 0 }) >= 2, observed.allSatisfy({ $0 >= 0 })
        else { return nil }
        self.observed = observed
        expected = shares.map { Double(total) * $0 / weight }
        degreesOfFreedom = shares.count(where: { $0 > 0 }) - 1
        // A unit in an arm whose share is 0 cannot happen under the split: an infinitely surprising count.
        statistic = zip(observed, expected)
            .reduce(0) { sum, pair in
                let (count, expected) = (Double(pair.0), pair.1)
                if expected == 0 { return count > 0 ? .infinity : sum }
                return sum + (count - expected) * (count - expected) / expected
            }
        pValue = statistic.isFinite ? Distributions.chiSquareSurvival(statistic, degreesOfFreedom: degreesOfFreedom) : 0
    }

    /// Whether the counts are a mismatch at ``alarmLevel``.
    public var isMismatch: Bool { pValue < Self.alarmLevel }
}
