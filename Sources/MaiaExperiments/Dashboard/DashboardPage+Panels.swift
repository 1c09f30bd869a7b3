import Foundation
import MaiaCore
import MaiaMemory

// The panels of the dashboard, top to bottom: overview, shadow, side by side, experiment, controls.
extension DashboardPage {
    static func overview(_ view: DashboardView) -> String {
        var html = "<section id=\"overview\" aria-labelledby=\"overview-h\"><h2 id=\"overview-h\">Overview</h2>"
        let experiment = view.experiment
        if let report = experiment.report {
            let banner = report.sampleRatioBanner
            html += "<p class=\"\(banner.alarm ? "alarm" : "ok")\" role=\"status\">\(HTMLText.escape(banner.text))</p>"
        }
        if let problem = view.experimentProblem {
            html += "<p class=\"alarm\" role=\"alert\">\(HTMLText.escape(problem))</p>"
        }
        html += "<dl class=\"figures\">"
        html += figure("Engines serving", HTMLText.escape(view.engines.joined(separator: "; ")))
        if let shadow = view.shadow?.report {
            html += figure("Shadow primary", HTMLText.escape(ReportFormat.models(shadow.primary)))
            html += figure("Shadow candidate", HTMLText.escape(ReportFormat.models(shadow.candidate)))
        }
        html += figure("Experiment", "<code>\(HTMLText.escape(experiment.name))</code>")
        if let state = experiment.state {
            html += figure("State", data("exp-status", word: state.status.rawValue))
            html += figure(
                "Candidate share",
                data("exp-percent", state.percent, shown: ExperimentFormat.share(state.percent))
            )
            html += figure(
                "Last change",
                HTMLText.escape(
                    "\(state.changedBy), \(ReportFormat.minute(state.changedAt)) UTC"
                        + (state.reason.map { ": \($0)" } ?? "")
                )
            )
        } else {
            html += figure("State", data("exp-status", word: "not started"))
        }
        if let report = experiment.report {
            let failed = report.guardrails.filter { $0.breach != nil }.map(\.guardrail.rawValue)
            html += figure(
                "Guardrails",
                HTMLText.escape(failed.isEmpty ? "none breached" : "breached: " + failed.joined(separator: ", "))
            )
        }
        html += "</dl>"
        if let activity = experiment.activity {
            let totals = activity.totals
            html +=
                "<h3>Turns in the last 24 hours</h3><p>Control "
                + data("exp-24h-control", Double(totals.control), shown: "\(totals.control)") + ", candidate "
                + data("exp-24h-candidate", Double(totals.candidate), shown: "\(totals.candidate)") + ".</p>"
            html += ReportPage.figure(
                ReportChart.activity(activity, title: "Turns per hour per arm, last 24 hours"),
                caption: "Blue: control; orange: candidate. The table below has the same numbers."
            )
            let busy = activity.hours.filter { $0.control + $0.candidate > 0 }
            html +=
                "<details><summary>Turns per hour (table)</summary>"
                + table(
                    ReportTable(
                        header: ["hour (UTC)", "control", "candidate"],
                        rows: busy.map { [ReportFormat.minute($0.start), "\($0.control)", "\($0.candidate)"] }
                    ),
                    label: "Turns per hour"
                ) + "</details>"
        }
        return html + "</section>"
    }

    static func shadowSection(_ view: DashboardView) -> String {
        var html = "<section id=\"shadow\" aria-labelledby=\"shadow-h\"><h2 id=\"shadow-h\">Shadow comparisons</h2>"
        guard let shadow = view.shadow else {
            return html + "<p>\(HTMLText.escape(view.shadowProblem ?? "No shadow log."))</p></section>"
        }
        html += filterForm(view.filter, languages: shadow.languages)
        let report = shadow.report
        let shown = view.filter.isEmpty ? "" : " (of \(shadow.total) in the log, filtered)"
        html +=
            "<p>" + data("shadow-comparisons", Double(report.comparisons), shown: "\(report.comparisons)")
            + " comparisons\(HTMLText.escape(shown)). \(HTMLText.escape(ReportFormat.overview(report)))."
            + "</p>"
        guard !report.isEmpty else { return html + "</section>" }
        html += "<dl class=\"figures\">"
        for summary in [report.primary, report.candidate] {
            let role = summary.role.rawValue
            for (name, value) in [("p50", summary.latencyMs.p50), ("p95", summary.latencyMs.p95)] {
                html += figure(
                    "\(role) latency \(name)",
                    data("shadow-\(role)-latency-\(name)", value, shown: ReportFormat.milliseconds(value) + " ms")
                )
            }
            html += figure(
                "\(role) errors",
                data(
                    "shadow-\(role)-errors",
                    Double(summary.errors.count),
                    shown: ReportFormat.proportion(summary.errors)
                )
            )
            html += figure(
                "\(role) cost / 1,000 turns",
                data("shadow-\(role)-cost", summary.costPer1000TurnsUSD, shown: ReportFormat.cost(summary))
            )
        }
        let judge = report.judge
        html += figure(
            "candidate wins",
            data(
                "shadow-judge-wins",
                Double(judge.candidateWins.count),
                shown: ReportFormat.proportion(judge.candidateWins)
            )
        )
        html += figure(
            "ties",
            data("shadow-judge-ties", Double(judge.ties.count), shown: ReportFormat.proportion(judge.ties))
        )
        html += figure(
            "candidate losses",
            data(
                "shadow-judge-losses",
                Double(judge.candidateLosses.count),
                shown: ReportFormat.proportion(judge.candidateLosses)
            )
        )
        html += "</dl><h3>Engines</h3>" + table(ReportTable.engines(report), label: "Engines")
        html += report.engineFigure
        html += "<h3>Judge</h3><p>\(HTMLText.escape(ReportTable.judgeTitle(judge)))</p>"
        if judge.judged > 0 {
            html += table(ReportTable.judge(judge), label: "Judge outcomes") + report.judgeFigures
        }
        html +=
            "<div class=\"grid2\"><div><h3>By language</h3>"
            + table(ReportTable.groups(report.byLanguage, keyName: "language"), label: "By language")
            + "</div><div><h3>By source</h3>"
            + table(ReportTable.groups(report.bySource, keyName: "source"), label: "By source") + "</div></div>"
        if report.skipped.count > 0 {
            html +=
                "<h3>Skipped lines</h3><p>\(report.skipped.count) unreadable lines; the first:</p>"
                + table(ReportTable.skipped(report.skipped), label: "Skipped lines")
        }
        return html + "</section>"
    }

    private static func filterForm(_ filter: ShadowFilter, languages: [String]) -> String {
        func day(_ date: Date?, minus: TimeInterval = 0) -> String {
            date.map { String(ISO8601.format($0.addingTimeInterval(-minus)).prefix(10)) } ?? ""
        }
        let languageOptions = ([""] + languages).map { code in
            "<option value=\"\(HTMLText.escape(code))\"\(filter.language == code || (code.isEmpty && filter.language == nil) ? " selected" : "")>"
                + "\(HTMLText.escape(code.isEmpty ? "any" : code))</option>"
        }.joined()
        let sourceOptions = ([""] + ["live", "batch", "interactive"]).map { source in
            "<option value=\"\(source)\"\((filter.source?.rawValue ?? "") == source ? " selected" : "")>"
                + "\(source.isEmpty ? "any" : source)</option>"
        }.joined()
        return "<form method=\"get\" action=\"/dashboard\" class=\"inline\" aria-label=\"Filter comparisons\">"
            + "<label>From (day, UTC)<input type=\"date\" name=\"from\" value=\"\(day(filter.from))\"></label>"
            + "<label>To (day, UTC, included)<input type=\"date\" name=\"to\" value=\"\(day(filter.to, minus: 86_400))\"></label>"
            + "<label>Language<select name=\"language\">\(languageOptions)</select></label>"
            + "<label>Source<select name=\"source\">\(sourceOptions)</select></label>"
            + "<button type=\"submit\">Filter</button> <a href=\"/dashboard#shadow\">Clear</a></form>"
    }

    static func sideBySide(_ view: DashboardView) -> String {
        var html =
            "<section id=\"side-by-side\" aria-labelledby=\"sbs-h\"><h2 id=\"sbs-h\">Side by side</h2>"
        guard let shadow = view.shadow, !shadow.worst.isEmpty else {
            return html + "<p>No comparison to show.</p></section>"
        }
        html +=
            "<p>The candidate's worst comparisons first (failed checks, then a judge loss, then an error, then "
            + "the slowest). Open one to read both replies in full.</p>"
        let rows = shadow.worst.map { entry -> String in
            let record = entry.record
            let cells = [
                ReportFormat.minute(record.timestamp), record.language, record.source.rawValue,
                record.candidate.checks.isEmpty ? "none" : record.candidate.checks.joined(separator: ", "),
                record.comparison.judge.map { $0.verdict.rawValue } ?? ReportFormat.missing,
                ReportFormat.milliseconds(record.primary.latencyMs) + " / "
                    + ReportFormat.milliseconds(record.candidate.latencyMs),
            ]
            return "<tr><td><a href=\"/dashboard/comparison/\(entry.index)\">#\(entry.index + 1)</a></td>"
                + cells.map { "<td>\(HTMLText.escape($0))</td>" }.joined() + "</tr>"
        }
        return html + "<div class=\"scroll\" role=\"region\" tabindex=\"0\" aria-label=\"Worst comparisons\"><table>"
            + "<thead><tr><th>comparison</th><th>time (UTC)</th><th>language</th><th>source</th>"
            + "<th>candidate failed checks</th><th>judge winner</th><th>latency ms primary / candidate</th></tr>"
            + "</thead><tbody>\(rows.joined())</tbody></table></div></section>"
    }
}
