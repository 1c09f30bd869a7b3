/// A 95% Wilson score interval for a proportion: honest at small samples and at rates near 0 or 1,
/// where the normal approximation gives impossible bounds.
public struct WilsonInterval: Sendable, Hashable {
    /// Lower bound in [0, 1].
    public let lower: Double
    /// Upper bound in [0, 1].
    public let upper: Double

    /// The interval for `successes` out of `trials`; `nil` when there are no trials.
    public init?(successes: Int, trials: Int, z: Double = 1.959_963_984_540_054) {
        guard trials > 0, successes >= 0, successes <= trials else { return nil }
        self.init(rate: Double(successes) / Double(trials), trials: Double(trials), z: z)
    }

    /// The interval for a `rate` over `trials` that may be an effective, non-whole sample size; `nil` when there
    /// are no trials or the rate is outside [0, 1].
    public init?(rate p: Double, trials n: Double, z: Double = 1.959_963_984_540_054) {
        guard n > 0, p >= 0, p <= 1 else { return nil }
        let z2 = z * z
        let centre = (p + z2 / (2 * n)) / (1 + z2 / n)
        let margin = z / (1 + z2 / n) * (p * (1 - p) / n + z2 / (4 * n * n)).squareRoot()
        lower = max(0, centre - margin)
        upper = min(1, centre + margin)
    }
}
