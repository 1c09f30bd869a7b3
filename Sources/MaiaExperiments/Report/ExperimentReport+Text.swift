import MaiaMemory

// The terminal rendering of `maia experiment report`: the sample-ratio banner first, then aligned tables.
extension ExperimentReport {
    /// The report as plain text for a terminal.
    public func text() -> String {
        let banner = sampleRatioBanner
        var lines = [
            "Experiment report: \(analysis.state.experiment)", "",
            banner.alarm ? "!!! \(banner.text) !!!" : banner.text, "", stateLine, overview,
        ]
        lines += ["", breach.map { "Guardrails: ROLLBACK — \($0.reason)." } ?? "Guardrails: none breached."]
        lines += ReportTable.guardrails(self).layout()
        lines += ["", "All languages"] + ReportTable.metrics(analysis.overall).layout()
        if !analysis.byLanguage.isEmpty {
            lines += ["", "By language"] + ReportTable.languages(analysis.byLanguage).layout()
            for segment in analysis.byLanguage {
                lines += ["", "Language \(segment.key)"] + ReportTable.metrics(segment).layout()
            }
        }
        lines += ["", Self.methods]
        return lines.map(ReportFormat.printable).joined(separator: "\n") + "\n"
    }

    /// The methods in one paragraph, under every rendering.
    static let methods =
        "Differences are candidate − control. Shares of turns use Newcombe's interval on the effective sample size "
        + "of turns clustered by unit; the return rate Newcombe's interval over units; turns per unit Welch's "
        + "interval; other ratios the delta method over units; quantiles a seeded bootstrap over units. Decisions and "
        + "guardrails use the always-valid mSPRT interval, safe to look at every day. See docs/experiment-statistics.md."
}
