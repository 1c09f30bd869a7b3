/// Newcombe's hybrid score interval for a difference of two independent proportions (Newcombe 1998, method 10):
/// it combines the two arms' Wilson intervals, so it keeps Wilson's good coverage at small counts and at rates
/// near 0, where the textbook Wald interval for p₁ − p₂ is too narrow.
public enum NewcombeInterval {
    /// The 95% interval of `candidate − control`; `nil` when an arm has no trials.
    public static func difference(candidate: Proportion, control: Proportion) -> EffectInterval? {
        guard let first = candidate.rate, let second = control.rate else { return nil }
        return difference(
            candidate: (first, Double(candidate.total)),
            control: (second, Double(control.total))
        )
    }

    /// The interval from rates and (possibly effective, non-whole) trial counts, for rates of clustered trials
    /// whose variance was shrunk to an effective sample size (Korn and Graubard 1998).
    public static func difference(
        candidate: (rate: Double, trials: Double),
        control: (rate: Double, trials: Double)
    ) -> EffectInterval? {
        guard let one = WilsonInterval(rate: candidate.rate, trials: candidate.trials),
            let two = WilsonInterval(rate: control.rate, trials: control.trials)
        else { return nil }
        let (p1, p2) = (candidate.rate, control.rate)
        let delta = p1 - p2
        let below = ((p1 - one.lower) * (p1 - one.lower) + (two.upper - p2) * (two.upper - p2)).squareRoot()
        let above = ((one.upper - p1) * (one.upper - p1) + (p2 - two.lower) * (p2 - two.lower)).squareRoot()
        let standardError = (p1 * (1 - p1) / candidate.trials + p2 * (1 - p2) / control.trials).squareRoot()
        return EffectInterval(estimate: delta, lower: delta - below, upper: delta + above, standardError: standardError)
    }
}
