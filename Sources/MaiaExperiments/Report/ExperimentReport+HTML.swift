public import Foundation
import MaiaMemory

// The `maia experiment report --html` page, in the frame of ``ReportPage``: the sample-ratio banner first, then the
// guardrails, then the metrics. Every value read from the store is escaped.
extension ExperimentReport {
    /// The report as one self-contained HTML page, stamped with when it was made.
    public func html(generated: Date) -> String {
        let banner = sampleRatioBanner
        let header =
            "<h1>Experiment report: \(HTMLText.escape(analysis.state.experiment))</h1>"
            + "<p class=\"meta\">Made \(ReportFormat.minute(generated)) UTC.</p>"
            + "<p class=\"\(banner.alarm ? "alarm" : "ok")\">\(HTMLText.escape(banner.text))</p>"
            + "<p>\(HTMLText.escape(stateLine))<br>\(HTMLText.escape(overview))</p>"
        let guardrailSection =
            "<h2>Guardrails</h2><p\(breach == nil ? "" : " class=\"alarm\"")>"
            + HTMLText.escape(breach.map { "Rollback: \($0.reason)." } ?? "None breached.") + "</p>"
            + ReportTable.guardrails(self).html
        var languages = ""
        if !analysis.byLanguage.isEmpty {
            languages = "<h2>By language</h2>" + ReportTable.languages(analysis.byLanguage).html
            for segment in analysis.byLanguage {
                languages += "<h3>Language \(HTMLText.escape(segment.key))</h3>" + ReportTable.metrics(segment).html
            }
        }
        return ReportPage.html(
            title: "MAIA experiment report",
            body: header + guardrailSection + "<h2>All languages</h2>" + ReportTable.metrics(analysis.overall).html
                + rateChart + languages + "<footer>\(HTMLText.escape(Self.methods))</footer>"
        )
    }

    /// The differences of the rates, each with both intervals.
    var rateChart: String {
        let rows = analysis.overall.comparisons.compactMap { comparison in
            comparison.metric.isRate
                ? comparison.difference.flatMap { fixed in
                    comparison.sequential.map { (label: comparison.metric.label, fixed: fixed, sequential: $0) }
                } : nil
        }
        guard !rows.isEmpty else { return "" }
        return ReportPage.figure(
            ReportChart.differences(rows, title: "Differences of rates, candidate − control"),
            caption: "Dots: candidate − control. Thin whiskers: 95% intervals; thick pale bars: always-valid 95% "
                + "intervals. The vertical line is no difference."
        )
    }
}
