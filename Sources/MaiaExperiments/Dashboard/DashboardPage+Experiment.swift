import Foundation
public import MaiaMemory

// The experiment panel (the report's metrics, drawn as intervals, and the share's history) and the controls.
extension DashboardPage {
    static func experimentSection(_ view: DashboardView) -> String {
        let experiment = view.experiment
        var html =
            "<section id=\"experiment\" aria-labelledby=\"experiment-h\"><h2 id=\"experiment-h\">Experiment "
            + "<code>\(HTMLText.escape(experiment.name))</code></h2>"
        if let report = experiment.report, !report.isEmpty {
            let exposures = report.analysis.exposures
            html += "<p>\(HTMLText.escape(report.stateLine))<br>\(HTMLText.escape(report.overview))</p>"
            html +=
                "<p>Exposures: control " + data("exp-control", Double(exposures.control), shown: "\(exposures.control)")
                + ", candidate " + data("exp-candidate", Double(exposures.candidate), shown: "\(exposures.candidate)")
                + ".</p>"
            html +=
                "<h3>Guardrails</h3><p\(report.breach == nil ? "" : " class=\"alarm\"")>"
                + HTMLText.escape(report.breach.map { "Rollback: \($0.reason)." } ?? "None breached.") + "</p>"
                + table(ReportTable.guardrails(report), label: "Guardrails")
            html += "<h3>All languages</h3>" + table(ReportTable.metrics(report.analysis.overall), label: "Metrics")
            html += "<p class=\"meta\">Differences (candidate − control): "
            html +=
                report.analysis.overall.comparisons.map { comparison in
                    data(
                        "exp-diff-\(comparison.metric.rawValue)",
                        comparison.difference?.estimate,
                        shown:
                            "\(comparison.metric.rawValue) \(ExperimentFormat.change(comparison.difference?.estimate, comparison.metric))"
                    )
                }
                .joined(separator: "; ") + ".</p>"
            html += report.rateChart
            if !report.analysis.byLanguage.isEmpty {
                html +=
                    "<h3>By language</h3>"
                    + table(ReportTable.languages(report.analysis.byLanguage), label: "By language")
                for segment in report.analysis.byLanguage {
                    html +=
                        "<details><summary>Language \(HTMLText.escape(segment.key)): every metric</summary>"
                        + table(ReportTable.metrics(segment), label: "Metrics, language \(segment.key)") + "</details>"
                }
            }
        } else {
            html += "<p>No exposure or turn recorded yet.</p>"
        }
        html += history(experiment, now: view.generated)
        return html + "</section>"
    }

    private static func history(_ experiment: DashboardView.Experiment, now: Date) -> String {
        guard !experiment.history.isEmpty else { return "" }
        let changes = experiment.history.map { (at: $0.changedAt, percent: $0.percent) }
        let rows = experiment.history.reversed().map { state in
            [
                ReportFormat.minute(state.changedAt), state.status.rawValue, ExperimentFormat.share(state.percent),
                state.changedBy, state.reason ?? "",
            ]
        }
        return "<h3>History of the candidate share</h3>"
            + ReportPage.figure(
                ReportChart.shareSteps(changes, now: now, title: "Candidate share over time"),
                caption: "The share after each change; the table lists every change, newest first."
            )
            + table(
                ReportTable(header: ["when (UTC)", "status", "share", "by", "reason"], rows: rows),
                label: "History of changes"
            )
    }

    static func controls(_ view: DashboardView) -> String {
        var html =
            "<section id=\"controls\" aria-labelledby=\"controls-h\"><h2 id=\"controls-h\">Controls</h2>"
            + "<p>Each change asks for confirmation, is recorded with your name and the time, and reaches every "
            + "replica within a second.</p>"
        let status = view.experiment.state?.status
        func form(_ action: String, _ button: String, percent: Bool, danger: Bool = false) -> String {
            let percentField =
                percent
                ? "<label>Candidate share (%)<input type=\"number\" name=\"percent\" min=\"0\" max=\"100\" step=\"any\" "
                    + "required value=\"\(view.experiment.state.map { $0.percent.shown } ?? "5")\"></label>"
                : ""
            return "<form method=\"post\" action=\"/dashboard/control\" class=\"inline\" id=\"control-\(action)\">"
                + csrfField(view.csrf) + "<input type=\"hidden\" name=\"action\" value=\"\(action)\">" + percentField
                + "<label>Reason (optional)<input type=\"text\" name=\"reason\" maxlength=\"500\"></label>"
                + "<button type=\"submit\"\(danger ? " class=\"danger\"" : "")>\(button)</button></form>"
        }
        switch status {
        case .running?:
            html += "<h3>Set the share</h3>" + form("ramp", "Set share…", percent: true)
        case .rolledBack?:
            html +=
                "<h3>Clear the rollback</h3><p>A guardrail rolled the experiment back. Clearing acknowledges it; "
                + "the experiment is then stopped and may be started again.</p>"
                + form("clear", "Clear rollback…", percent: false)
        case .stopped?, nil:
            html += "<h3>Start</h3>" + form("start", "Start…", percent: true)
        }
        html +=
            "<h3>Kill switch</h3><p>Stop sends every user to the primary at once (share 0%).</p>"
            + form("stop", "Stop the experiment…", percent: false, danger: true)
        return html + "</section>"
    }

    /// The confirmation step of a control: what will change, and a form that repeats the request with
    /// `confirm=yes`.
    public static func confirm(
        action: String,
        percent: Double?,
        reason: String?,
        experiment: String,
        current: ExperimentState?,
        who: String,
        csrf: String
    ) -> String {
        let now = current.map { "\($0.status.rawValue) at \(ExperimentFormat.share($0.percent))" } ?? "not started"
        let change: String
        switch action {
        case "start": change = "start \(experiment) at \(ExperimentFormat.share(percent ?? 0))"
        case "ramp": change = "set the candidate share of \(experiment) to \(ExperimentFormat.share(percent ?? 0))"
        case "clear": change = "clear the rollback of \(experiment) (it becomes stopped)"
        default: change = "stop \(experiment): every user goes to the primary (share 0%)"
        }
        let fields =
            csrfField(csrf) + "<input type=\"hidden\" name=\"action\" value=\"\(HTMLText.escape(action))\">"
            + (percent.map { "<input type=\"hidden\" name=\"percent\" value=\"\($0.shown)\">" } ?? "")
            + "<input type=\"hidden\" name=\"reason\" value=\"\(HTMLText.escape(reason ?? ""))\">"
            + "<input type=\"hidden\" name=\"confirm\" value=\"yes\">"
        return frame(
            title: "Confirm — MAIA dashboard",
            body: "<main id=\"main\"><h1>Confirm the change</h1><p>You are about to "
                + "<strong>\(HTMLText.escape(change))</strong>. It is now \(HTMLText.escape(now)).</p>"
                + "<p>The change is recorded as <code>\(HTMLText.escape(who))</code> at the moment you confirm"
                + (reason.map { ", with the reason “\(HTMLText.escape($0))”" } ?? "") + ".</p>"
                + "<form method=\"post\" action=\"/dashboard/control\" id=\"confirm\">\(fields)"
                + "<button type=\"submit\" class=\"danger\">Confirm</button> "
                + "<a href=\"/dashboard#controls\">Cancel</a></form></main>"
        )
    }
}
