/// A table of a report as text cells: built once here, laid out by the terminal and the HTML renderers alike so
/// that both always show the same numbers.
struct ReportTable: Sendable {
    let header: [String]
    let rows: [[String]]

    /// Per engine role: every measure of ``EngineSummary`` as one row.
    static func engines(_ report: ShadowReport) -> ReportTable {
        let sides = [report.primary, report.candidate]
        func row(_ label: String, _ cell: (EngineSummary) -> String) -> [String] { [label] + sides.map(cell) }
        return ReportTable(
            header: ["", "primary", "candidate"],
            rows: [
                row("engine / model", ReportFormat.models),
                row("turns (answered)") { "\($0.turns) (\($0.answered))" },
                row("latency p50 / p95 / p99 ms") { ReportFormat.quantiles($0.latencyMs) },
                row("time to first token p50 / p95 ms") { ReportFormat.quantiles($0.ttftMs, upTo: 2) },
                row("input tokens mean / total") { ReportFormat.tokens($0.inputTokens) },
                row("output tokens mean / total") { ReportFormat.tokens($0.outputTokens) },
                row("cost per 1,000 turns", ReportFormat.cost),
                row("errors") { ReportFormat.proportion($0.errors) },
                row("timeouts") { ReportFormat.proportion($0.timeouts) },
                row("tool use (turns with a call)") { ReportFormat.proportion($0.toolUse) },
                row("tool-call validity") { ReportFormat.proportion($0.toolCallValidity) },
                row("failed checks") { ReportFormat.checks($0.failedChecks) },
            ]
        )
    }

    /// The judge's outcomes from the candidate's side, with 95% Wilson intervals.
    static func judge(_ summary: JudgeSummary) -> ReportTable {
        let outcomes = [
            ("candidate wins", summary.candidateWins), ("ties", summary.ties),
            ("candidate losses", summary.candidateLosses), ("orders agreed", summary.consistency),
        ]
        return ReportTable(
            header: ["", "share", "95% interval"],
            rows: outcomes.map { [$0.0, ReportFormat.proportion($0.1), ReportFormat.interval($0.1)] }
        )
    }

    /// One row per language or source.
    static func groups(_ groups: [ShadowReport.Group], keyName: String) -> ReportTable {
        ReportTable(
            header: [
                keyName, "turns", "primary errors", "candidate errors", "primary p50 ms", "candidate p50 ms",
                "candidate wins (judged)",
            ],
            rows: groups.map { group in
                [
                    group.key, "\(group.turns)", ReportFormat.proportion(group.primary.errors),
                    ReportFormat.proportion(group.candidate.errors),
                    ReportFormat.milliseconds(group.primary.latencyMs.p50),
                    ReportFormat.milliseconds(group.candidate.latencyMs.p50),
                    ReportFormat.proportion(group.judge.candidateWins),
                ]
            }
        )
    }

    /// The skipped lines shown, one row each.
    static func skipped(_ skipped: ShadowReport.Skipped) -> ReportTable {
        ReportTable(header: ["line", "reason"], rows: skipped.first.map { ["\($0.line)", $0.reason] })
    }

    /// The judge's headline: how many comparisons were judged, by whom.
    static func judgeTitle(_ summary: JudgeSummary) -> String {
        guard summary.judged > 0 else {
            return "No comparison was judged (maia shadow --judge claude|llama adds a verdict)."
        }
        return "\(summary.judged) comparison\(summary.judged == 1 ? "" : "s") judged by "
            + summary.judges.joined(separator: ", ") + ", each asked in both orders."
    }
}
