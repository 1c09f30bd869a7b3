import Foundation

/// The mixture sequential probability ratio test (mSPRT) with a normal mixture over the effect (Robbins 1970;
/// Johari, Pekelis and Walsh 2017, "Always valid inference"), the test Optimizely, Eppo and Statsig run: its interval
/// holds the true difference at every moment of the experiment at once with probability ≥ 1 − α, so a team may look
/// every day — or every minute — and stop the first time it excludes 0 without inflating false positives.
///
/// For an estimate Δ̂ with variance V and a N(0, τ²) mixture over the true difference, the likelihood ratio against
/// "no difference" is √(V / (V + τ²)) · exp(τ² Δ̂² / (2V(V + τ²))); rejecting when it reaches 1/α gives the interval
/// Δ̂ ± √( V(V + τ²)/τ² · (2 log(1/α) + log(1 + τ²/V)) ).
///
/// τ² is fixed in advance (in units of the metric's per-unit variance): it is chosen so that the interval is
/// narrowest when the experiment has ``targetUnits`` units (Howard et al. 2021, §3.5), the sample size at which a
/// decision is expected.
public struct SequentialTest: Sendable, Hashable {
    /// What a look at the data decides.
    public enum Decision: String, Sendable, Hashable, Codable {
        /// The interval still holds 0 (or there are too few units to look): keep collecting.
        case `continue`
        /// The candidate is significantly better on this metric.
        case candidateBetter = "candidate_better"
        /// The candidate is significantly worse on this metric.
        case candidateWorse = "candidate_worse"
    }

    /// The error rate over the whole experiment, every look included.
    public var alpha: Double
    /// Units (both arms) at which the interval is tightest.
    public var targetUnits: Int
    /// Units each arm needs before any decision: below it the normal approximation is not yet trusted.
    public var minimumUnitsPerArm: Int

    /// A test at level `alpha`, tuned for `targetUnits`, deciding only once each arm has `minimumUnitsPerArm`.
    public init(alpha: Double = 0.05, targetUnits: Int = 10_000, minimumUnitsPerArm: Int = 100) {
        self.alpha = alpha
        self.targetUnits = targetUnits
        self.minimumUnitsPerArm = minimumUnitsPerArm
    }

    /// The always-valid interval around `effect`'s estimate, whose variance is `effect.standardError²` over
    /// `units` units in both arms together.
    public func interval(_ effect: EffectInterval, units: Int) -> EffectInterval {
        let variance = effect.standardError * effect.standardError
        guard variance > 0, units > 0 else {
            return EffectInterval(
                estimate: effect.estimate,
                lower: variance > 0 ? -.infinity : effect.estimate,
                upper: variance > 0 ? .infinity : effect.estimate,
                standardError: effect.standardError
            )
        }
        // Per-unit variance σ² = V·n; the mixture variance is tuned for V at the target size, σ²/target.
        let tau2 = Self.optimalRatio(alpha: alpha) * variance * Double(units) / Double(max(targetUnits, 1))
        let logTerm = 2 * log(1 / alpha) + log1p(tau2 / variance)
        let half = (variance * (variance + tau2) / tau2 * logTerm).squareRoot()
        return EffectInterval(
            estimate: effect.estimate,
            lower: effect.estimate - half,
            upper: effect.estimate + half,
            standardError: effect.standardError
        )
    }

    /// The decision of an always-valid `interval` for a metric where `lowerIsBetter` (errors, latency) or not
    /// (thumbs up, return rate), with `unitsPerArm` the smaller arm's units.
    public func decision(_ interval: EffectInterval, lowerIsBetter: Bool, unitsPerArm: Int) -> Decision {
        guard unitsPerArm >= minimumUnitsPerArm else { return .continue }
        if interval.lower > 0 { return lowerIsBetter ? .candidateWorse : .candidateBetter }
        if interval.upper < 0 { return lowerIsBetter ? .candidateBetter : .candidateWorse }
        return .continue
    }

    /// r = τ²/V minimising the interval's width at the target: argmin (1 + 1/r)(2 log(1/α) + log(1 + r)), found by
    /// golden-section search (about 8.2 at α = 0.05).
    static func optimalRatio(alpha: Double) -> Double {
        let twoLog = 2 * log(1 / alpha)
        func width(_ r: Double) -> Double { (1 + 1 / r) * (twoLog + log1p(r)) }
        var (low, high) = (log(1e-3), log(1e4))
        let golden = (5.0.squareRoot() - 1) / 2
        for _ in 0..<100 {
            let a = high - golden * (high - low)
            let b = low + golden * (high - low)
            if width(exp(a)) < width(exp(b)) { high = b } else { low = a }
        }
        return exp((low + high) / 2)
    }
}
