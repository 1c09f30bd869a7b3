import Foundation
import MaiaMemory

/// What `maia experiment report` shows: the sample-ratio check first (a broken split invalidates everything below
/// it), the guardrails, then every metric's difference with its intervals and sequential decision, overall and per
/// language. Aggregates only: no message, reply or user id is carried into a report.
public struct ExperimentReport: Sendable, Hashable {
    public let analysis: ExperimentAnalysis
    public let guardrails: [GuardrailStatus]
    /// Units each arm needs before a decision or a guardrail may fire.
    public let minimumUnitsPerArm: Int

    /// The report of `analysis`, its guardrails judged by `check` (with the same options the analysis used).
    public init(_ analysis: ExperimentAnalysis, check: GuardrailCheck) {
        self.analysis = analysis
        guardrails = check.evaluate(analysis)
        minimumUnitsPerArm = check.options.sequential.minimumUnitsPerArm
    }

    /// Whether there is nothing to report: no exposure and no turn.
    public var isEmpty: Bool {
        let exposures = analysis.exposures
        return exposures.control + exposures.candidate + exposures.forcedControl + exposures.forcedCandidate == 0
            && analysis.period == nil
    }

    /// The first breached guardrail, if any.
    public var breach: GuardrailBreach? { guardrails.lazy.compactMap(\.breach).first }

    /// The sample-ratio banner, one sentence.
    var sampleRatioBanner: (alarm: Bool, text: String) {
        let exposures = analysis.exposures
        let counts = "control \(exposures.control), candidate \(exposures.candidate)"
        let forced = exposures.forcedControl + exposures.forcedCandidate
        let forcedNote = forced > 0 ? " (\(forced) forced unit\(forced == 1 ? "" : "s") left out)" : ""
        guard let test = analysis.sampleRatio else {
            return (
                false,
                "Sample ratio not tested: \(counts)\(forcedNote) against a candidate share of "
                    + "\(ExperimentFormat.share(analysis.splitPercent)) — nothing to test (no unforced exposure, or a "
                    + "share of 0% or 100%; pass --split P to test the share the exposures were made under)."
            )
        }
        let expected = test.expected.map { String(format: "%.0f", $0) }.joined(separator: " / ")
        let p = ExperimentFormat.pValue(test.pValue)
        if test.isMismatch {
            return (
                true,
                "SAMPLE RATIO MISMATCH: \(counts)\(forcedNote), expected \(expected) for a "
                    + "\(ExperimentFormat.share(analysis.splitPercent)) candidate share (χ² = "
                    + "\(String(format: "%.1f", test.statistic)), p = \(p) < 0.001). Assignment or exposure logging is "
                    + "broken: do not trust any number below until it is explained."
            )
        }
        return (
            false,
            "Sample ratio OK: \(counts)\(forcedNote), expected \(expected) for a "
                + "\(ExperimentFormat.share(analysis.splitPercent)) candidate share (p = \(p))."
        )
    }

    /// The state line: status, share and the last change.
    var stateLine: String {
        let state = analysis.state
        var text =
            "Status \(state.status.rawValue), candidate share \(ExperimentFormat.share(state.percent)), "
            + "changed by \(state.changedBy) at \(ReportFormat.minute(state.changedAt)) UTC"
        if let reason = state.reason { text += ": \(reason)" }
        return text + "."
    }

    /// The period and size line.
    var overview: String {
        let all = analysis.overall
        var text = "\(all.controlUnits + all.candidateUnits) units and \(all.controlTurns + all.candidateTurns) turns"
        if let period = analysis.period {
            text += " from \(ReportFormat.minute(period.lowerBound)) to \(ReportFormat.minute(period.upperBound)) UTC"
        }
        return text + "; analysed \(ReportFormat.minute(analysis.now)) UTC."
    }
}

extension ReportTable {
    /// One row per metric: both arms, the difference with its 95% interval, the always-valid interval, the decision.
    static func metrics(_ segment: ExperimentAnalysis.Segment) -> ReportTable {
        ReportTable(
            header: ["metric", "control", "candidate", "difference (95% CI)", "always-valid 95%", "decision"],
            rows: segment.comparisons.map { comparison in
                let metric = comparison.metric
                return [
                    metric.label,
                    ExperimentFormat.armValue(comparison.control, metric),
                    ExperimentFormat.armValue(comparison.candidate, metric),
                    ExperimentFormat.difference(comparison.difference, metric),
                    ExperimentFormat.interval(comparison.sequential, metric),
                    ExperimentFormat.decision(comparison.decision),
                ]
            }
        )
    }

    /// One row per guardrail: tolerance, difference, always-valid interval, state.
    static func guardrails(_ report: ExperimentReport) -> ReportTable {
        ReportTable(
            header: ["guardrail", "tolerated increase", "difference", "always-valid 95%", "state"],
            rows: report.guardrails.map { status in
                let metric = status.guardrail.metric
                let state =
                    if status.breach != nil {
                        "BREACHED"
                    } else if !status.isArmed(minimumUnitsPerArm: report.minimumUnitsPerArm) {
                        "waiting for \(report.minimumUnitsPerArm) units per arm"
                    } else {
                        "ok"
                    }
                return [
                    status.guardrail.rawValue,
                    ExperimentFormat.change(status.tolerance, metric),
                    ExperimentFormat.change(status.comparison.difference?.estimate, metric),
                    ExperimentFormat.interval(status.comparison.sequential, metric),
                    state,
                ]
            }
        )
    }

    /// One row per language: units and turns per arm, and the decisions that are not "continue".
    static func languages(_ segments: [ExperimentAnalysis.Segment]) -> ReportTable {
        ReportTable(
            header: ["language", "units (control / candidate)", "turns (control / candidate)", "decided"],
            rows: segments.map { segment in
                let decided = segment.comparisons.filter { $0.decision != .continue }
                    .map { "\($0.metric.rawValue): \(ExperimentFormat.decision($0.decision))" }
                return [
                    segment.key, "\(segment.controlUnits) / \(segment.candidateUnits)",
                    "\(segment.controlTurns) / \(segment.candidateTurns)",
                    decided.isEmpty ? "nothing yet" : decided.joined(separator: ", "),
                ]
            }
        )
    }
}
