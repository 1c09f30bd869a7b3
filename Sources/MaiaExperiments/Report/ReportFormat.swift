import Foundation
import MaiaCore

/// How report numbers read, the same in the terminal table and the HTML page. An unknown value is a dash (or
/// "unknown" for cost), never a zero.
enum ReportFormat {
    static let missing = "—"

    /// Milliseconds without false precision: whole milliseconds from 100 ms up, one decimal below.
    static func milliseconds(_ value: Double?) -> String {
        guard let value else { return missing }
        return String(format: value >= 100 ? "%.0f" : "%.1f", value)
    }

    /// `p50 / p95 / p99` of a measure, dashes when it was never recorded.
    static func quantiles(_ quantiles: Quantiles, upTo percentiles: Int = 3) -> String {
        [quantiles.p50, quantiles.p95, quantiles.p99].prefix(percentiles).map(milliseconds).joined(separator: " / ")
    }

    /// A share as `12.5%`.
    static func percent(_ rate: Double?) -> String {
        rate.map { String(format: "%.1f%%", $0 * 100) } ?? missing
    }

    /// A proportion as `12.5% (5/40)`, or a dash when there is nothing to take a share of.
    static func proportion(_ proportion: Proportion) -> String {
        guard proportion.total > 0 else { return missing }
        return "\(percent(proportion.rate)) (\(proportion.count)/\(proportion.total))"
    }

    /// The 95% Wilson interval as `18.1%–45.4%`.
    static func interval(_ proportion: Proportion) -> String {
        guard let interval = proportion.interval else { return missing }
        return "\(percent(interval.lower))–\(percent(interval.upper))"
    }

    /// Cost per 1,000 turns in dollars, `unknown` when no turn had a price.
    static func cost(_ summary: EngineSummary) -> String {
        guard let cost = summary.costPer1000TurnsUSD else { return "unknown (no turn has a price)" }
        let dollars = String(format: cost >= 1 || cost == 0 ? "$%.2f" : "$%.4f", cost)
        return "\(dollars) (\(summary.pricedTurns) of \(summary.turns) turns priced)"
    }

    /// Mean and total of a token count.
    static func tokens(_ tokens: EngineSummary.Tokens) -> String {
        "\(tokens.mean.map { String(format: "%.1f", $0) } ?? missing) / \(tokens.total)"
    }

    /// The engines and models of a role; with turn counts when more than one answered.
    static func models(_ summary: EngineSummary) -> String {
        guard summary.models.count > 1 else {
            return summary.models.first.map { "\($0.engine) / \($0.model)" } ?? missing
        }
        return summary.models.map { "\($0.engine) / \($0.model) (\($0.turns))" }.joined(separator: ", ")
    }

    /// Failed checks as `empty 2, language_mismatch 1`, most frequent first.
    static func checks(_ failed: [String: Int]) -> String {
        guard !failed.isEmpty else { return "none" }
        return failed.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.map { "\($0.key) \($0.value)" }
            .joined(separator: ", ")
    }

    /// A timestamp to the minute, in UTC.
    static func minute(_ date: Date) -> String {
        String(ISO8601.format(date).prefix(16)).replacingOccurrences(of: "T", with: " ")
    }

    /// The first line of a report: how many comparisons over which period, and how many lines were skipped.
    static func overview(_ report: ShadowReport) -> String {
        var text = "\(report.comparisons) comparison\(report.comparisons == 1 ? "" : "s")"
        if let period = report.period {
            text += " from \(minute(period.lowerBound)) to \(minute(period.upperBound)) UTC"
        }
        if report.skipped.count > 0 {
            text += "; \(report.skipped.count) unreadable line\(report.skipped.count == 1 ? "" : "s") skipped"
        }
        return text
    }

    /// `text` with control characters replaced, so that a value read from a log or a store (a language code, a
    /// model name, a reason quoting a broken line) cannot move the cursor or recolour the terminal.
    static func printable(_ text: String) -> String {
        String(text.unicodeScalars.map { $0.properties.generalCategory == .control ? "\u{FFFD}" : Character($0) })
    }
}
