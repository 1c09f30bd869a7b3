public import MaiaCore
import MaiaMemory

// The `maia experiment report --json` shape, documented in README ("maia experiment report"). Keys are snake_case;
// an unknown value is `null`, never 0; differences are candidate − control in the metric's units (fractions for
// rates).
extension ExperimentReport {
    /// The report as JSON.
    public func json() -> JSONValue {
        let state = analysis.state
        let exposures = analysis.exposures
        return [
            "experiment": .string(state.experiment),
            "status": .string(state.status.rawValue),
            "percent": .number(state.percent),
            "reason": state.reason.map(JSONValue.string) ?? .null,
            "changed_by": .string(state.changedBy),
            "changed_at": .string(ISO8601.format(state.changedAt)),
            "analysed_at": .string(ISO8601.format(analysis.now)),
            "from": analysis.period.map { .string(ISO8601.format($0.lowerBound)) } ?? .null,
            "to": analysis.period.map { .string(ISO8601.format($0.upperBound)) } ?? .null,
            "sample_ratio": [
                "split_percent": .number(analysis.splitPercent),
                "control": .number(Double(exposures.control)),
                "candidate": .number(Double(exposures.candidate)),
                "forced_control": .number(Double(exposures.forcedControl)),
                "forced_candidate": .number(Double(exposures.forcedCandidate)),
                "chi_square": analysis.sampleRatio.map { .number($0.statistic) } ?? .null,
                "p_value": analysis.sampleRatio.map { .number($0.pValue) } ?? .null,
                "mismatch": analysis.sampleRatio.map { .bool($0.isMismatch) } ?? .null,
            ],
            "guardrails": .array(guardrails.map(\.json)),
            "rollback": breach.map { .string($0.reason) } ?? .null,
            "overall": analysis.overall.json,
            "by_language": .array(analysis.byLanguage.map(\.json)),
        ]
    }
}

extension GuardrailStatus {
    fileprivate var json: JSONValue {
        [
            "guardrail": .string(guardrail.rawValue),
            "tolerance": .number(tolerance),
            "difference": comparison.difference.json,
            "always_valid": comparison.sequential.json,
            "breached": .bool(breach != nil),
        ]
    }
}

extension ExperimentAnalysis.Segment {
    fileprivate var json: JSONValue {
        [
            "key": .string(key),
            "control_units": .number(Double(controlUnits)),
            "candidate_units": .number(Double(candidateUnits)),
            "control_turns": .number(Double(controlTurns)),
            "candidate_turns": .number(Double(candidateTurns)),
            "metrics": .object(
                Dictionary(
                    uniqueKeysWithValues: comparisons.map { comparison in
                        (
                            comparison.metric.rawValue,
                            [
                                "method": .string(comparison.metric.method.rawValue),
                                "lower_is_better": .bool(comparison.metric.lowerIsBetter),
                                "control": comparison.control.json,
                                "candidate": comparison.candidate.json,
                                "difference": comparison.difference.json,
                                "always_valid": comparison.sequential.json,
                                "decision": .string(comparison.decision.rawValue),
                            ] as JSONValue
                        )
                    }
                )
            ),
        ]
    }
}

extension MetricComparison.ArmValue {
    fileprivate var json: JSONValue {
        [
            "value": .optional(value),
            "numerator": .number(numerator),
            "denominator": .number(denominator),
            "units": .number(Double(units)),
        ]
    }
}

extension EffectInterval? {
    /// `{estimate, lower, upper, standard_error}`; an unbounded side is `null`.
    fileprivate var json: JSONValue {
        guard let interval = self else { return .null }
        func finite(_ value: Double) -> JSONValue { value.isFinite ? .number(value) : .null }
        return [
            "estimate": .number(interval.estimate),
            "lower": finite(interval.lower),
            "upper": finite(interval.upper),
            "standard_error": .number(interval.standardError),
        ]
    }
}
