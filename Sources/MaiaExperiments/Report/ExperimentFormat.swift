import Foundation

/// How the numbers of an experiment report read, in the terminal and in HTML alike: rates as percentages and their
/// differences in percentage points, times in milliseconds, cost in dollars; unknown values are a dash.
enum ExperimentFormat {
    static func share(_ percent: Double) -> String {
        percent.rounded() == percent ? String(format: "%.0f%%", percent) : String(format: "%.2f%%", percent)
    }

    static func pValue(_ p: Double) -> String {
        p < 1e-4 ? String(format: "%.1e", p) : String(format: "%.4f", p)
    }

    /// A value of `metric` (not a difference).
    static func value(_ value: Double?, _ metric: ExperimentMetric) -> String {
        guard let value else { return ReportFormat.missing }
        if metric.isRate { return String(format: "%.2f%%", value * 100) }
        switch metric {
        case .costPerTurn: return String(format: "$%.5f", value)
        case .latencyP50, .latencyP95, .ttftP50: return ReportFormat.milliseconds(value) + " ms"
        default: return String(format: "%.2f", value)
        }
    }

    /// A signed change of `metric`: points for rates; a change that rounds to nothing reads +0, never -0.
    static func change(_ value: Double?, _ metric: ExperimentMetric) -> String {
        guard let value, value.isFinite else { return value == nil ? ReportFormat.missing : "unbounded" }
        if metric.isRate { return signed(value * 100, decimals: 2) + " pts" }
        switch metric {
        case .costPerTurn:
            let rounded = signed(value, decimals: 5)
            return String(rounded.prefix(1)) + "$" + rounded.dropFirst()
        case .latencyP50, .latencyP95, .ttftP50: return signed(value, decimals: 0) + " ms"
        default: return signed(value, decimals: 2)
        }
    }

    private static func signed(_ value: Double, decimals: Int) -> String {
        let factor = pow(10, Double(decimals))
        let rounded = (value * factor).rounded() / factor
        return String(format: "%+.\(decimals)f", rounded == 0 ? 0 : rounded)
    }

    /// An arm's value with what it is made of: `2.50% (25/1000)` for shares.
    static func armValue(_ arm: MetricComparison.ArmValue, _ metric: ExperimentMetric) -> String {
        guard arm.value != nil else { return ReportFormat.missing }
        let shown = value(arm.value, metric)
        switch metric.method {
        case .newcombe, .newcombeClustered:
            return "\(shown) (\(Int(arm.numerator))/\(Int(arm.denominator)))"
        default:
            return shown
        }
    }

    /// `[lower, upper]` of an interval in the metric's change units.
    static func interval(_ interval: EffectInterval?, _ metric: ExperimentMetric) -> String {
        guard let interval else { return ReportFormat.missing }
        return "[\(change(interval.lower, metric)), \(change(interval.upper, metric))]"
    }

    /// The estimate with its interval.
    static func difference(_ interval: EffectInterval?, _ metric: ExperimentMetric) -> String {
        guard let interval else { return ReportFormat.missing }
        return "\(change(interval.estimate, metric)) \(self.interval(interval, metric))"
    }

    static func decision(_ decision: SequentialTest.Decision) -> String {
        switch decision {
        case .continue: "continue"
        case .candidateBetter: "candidate better"
        case .candidateWorse: "candidate worse"
        }
    }
}
