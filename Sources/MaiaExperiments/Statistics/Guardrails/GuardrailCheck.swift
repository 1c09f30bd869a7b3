public import Foundation
public import MaiaMemory

/// Decides from an experiment's rows whether a guardrail is breached: the always-valid (mSPRT) interval of
/// candidate − control lies wholly above the tolerated increase. Because the interval is valid at every look,
/// checking after every turn does not make a false rollback likelier than α (5%) over the experiment's whole life.
///
/// Pure: it reads arrays and decides; the caller sets the share to 0, records ``GuardrailBreach/reason`` and
/// raises the metric. The quantile guardrail runs a bootstrap, so call it off the cooperative pool on large
/// experiments.
public struct GuardrailCheck: Sendable, Hashable {
    public var thresholds: GuardrailThresholds
    public var options: AnalysisOptions

    public init(thresholds: GuardrailThresholds = GuardrailThresholds(), options: AnalysisOptions = AnalysisOptions()) {
        self.thresholds = thresholds
        self.options = options
    }

    /// Every guardrail's state over all the turns of the experiment.
    public func evaluate(turns: [ExperimentTurnRow], feedback: [FeedbackRow], now: Date) -> [GuardrailStatus] {
        let outcomes = UnitOutcome.outcomes(
            turns: turns,
            feedback: feedback,
            now: now,
            returnWindow: options.returnWindow
        )
        let control = outcomes.filter { $0.arm == .control }
        let candidate = outcomes.filter { $0.arm == .candidate }
        return Guardrail.allCases.map { guardrail in
            status(
                guardrail,
                MetricComparison.compare(guardrail.metric, control: control, candidate: candidate, options: options)
            )
        }
    }

    /// Every guardrail's state from an analysis already made (the report), without recomputing.
    public func evaluate(_ analysis: ExperimentAnalysis) -> [GuardrailStatus] {
        Guardrail.allCases.compactMap { guardrail in
            analysis.overall.comparison(guardrail.metric).map { status(guardrail, $0) }
        }
    }

    /// The first breached guardrail, in ``Guardrail`` order; `nil` when none is breached significantly.
    public func firstBreach(turns: [ExperimentTurnRow], feedback: [FeedbackRow], now: Date) -> GuardrailBreach? {
        evaluate(turns: turns, feedback: feedback, now: now).lazy.compactMap(\.breach).first
    }

    private func status(_ guardrail: Guardrail, _ comparison: MetricComparison) -> GuardrailStatus {
        let tolerance = thresholds.tolerance(guardrail)
        let arms = min(comparison.control.units, comparison.candidate.units)
        guard let interval = comparison.sequential, arms >= options.sequential.minimumUnitsPerArm else {
            return GuardrailStatus(guardrail: guardrail, tolerance: tolerance, comparison: comparison, breach: nil)
        }
        guard interval.lower > tolerance else {
            return GuardrailStatus(guardrail: guardrail, tolerance: tolerance, comparison: comparison, breach: nil)
        }
        let breach = GuardrailBreach(
            guardrail: guardrail,
            tolerance: tolerance,
            estimate: interval.estimate,
            lowerBound: interval.lower,
            control: comparison.control.value,
            candidate: comparison.candidate.value,
            units: comparison.control.units + comparison.candidate.units
        )
        return GuardrailStatus(guardrail: guardrail, tolerance: tolerance, comparison: comparison, breach: breach)
    }
}

/// One guardrail's state: its comparison, and the breach when there is one.
public struct GuardrailStatus: Sendable, Hashable {
    public let guardrail: Guardrail
    public let tolerance: Double
    public let comparison: MetricComparison
    public let breach: GuardrailBreach?

    /// Whether the arms are large enough for the guardrail to decide anything yet.
    public func isArmed(minimumUnitsPerArm: Int) -> Bool {
        min(comparison.control.units, comparison.candidate.units) >= minimumUnitsPerArm
    }
}

/// A significant breach: how much worse the candidate is and how sure, in a sentence the rollback records.
public struct GuardrailBreach: Sendable, Hashable {
    public let guardrail: Guardrail
    public let tolerance: Double
    /// candidate − control.
    public let estimate: Double
    /// The always-valid interval's lower bound, above ``tolerance``.
    public let lowerBound: Double
    public let control: Double?
    public let candidate: Double?
    public let units: Int

    /// Why the experiment was rolled back, e.g. "guardrail error_rate: candidate 6.1% vs control 2.0% (+4.1
    /// points, always-valid 95% lower bound +2.3 > tolerated +1.0) over 1840 units". No user data.
    public var reason: String {
        let isRate = guardrail.metric.isRate
        func value(_ number: Double?) -> String {
            guard let number else { return "—" }
            return isRate ? String(format: "%.1f%%", number * 100) : String(format: "%.0f ms", number)
        }
        func change(_ number: Double) -> String {
            isRate ? String(format: "%+.1f points", number * 100) : String(format: "%+.0f ms", number)
        }
        return "guardrail \(guardrail.rawValue): candidate \(value(candidate)) vs control \(value(control)) "
            + "(\(change(estimate)), always-valid 95% lower bound \(change(lowerBound)) > tolerated "
            + "\(change(tolerance))) over \(units) units"
    }
}
