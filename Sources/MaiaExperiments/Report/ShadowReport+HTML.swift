public import Foundation

// The `maia report --html` page, in the frame of ``ReportPage``. Every value read from the log is escaped.
extension ShadowReport {
    /// The report as one HTML page, naming the log it was read from and when it was made.
    public func html(log: String, generated: Date) -> String {
        let header =
            "<h1>Shadow report</h1><p class=\"meta\">Log <code>\(HTMLText.escape(log))</code>, made "
            + "\(ReportFormat.minute(generated)) UTC.</p><p>\(HTMLText.escape(ReportFormat.overview(self))).</p>"
        let footer =
            "<footer>Percentiles interpolate between closest ranks (type 7). Intervals are 95% Wilson score "
            + "intervals. A judge whose two orders disagree counts as a tie. See docs/shadow-report.md.</footer>"
        return ReportPage.html(
            title: "MAIA shadow report",
            body: header + engineSection + judgeSection + languageSection + sourceSection + skippedSection + footer
        )
    }

    private var engineSection: String {
        "<h2>Engines</h2>" + ReportTable.engines(self).html + engineFigure
    }

    /// The latency bars of both roles, with their caption (the report page and the dashboard).
    var engineFigure: String {
        let bars = [primary, candidate].enumerated().map { series, summary in
            [("p50", summary.latencyMs.p50), ("p95", summary.latencyMs.p95), ("p99", summary.latencyMs.p99)].map {
                ReportChart.Bar(label: "\(summary.role.rawValue) \($0.0)", value: $0.1, series: series)
            }
        }
        return figure(
            ReportChart.milliseconds(bars, title: "Latency of answered turns"),
            caption: "p50, p95 and p99 of latency over answered turns: primary over \(primary.latencyMs.count), "
                + "candidate over \(candidate.latencyMs.count)."
        )
    }

    private var judgeSection: String {
        let title = "<h2>Judge</h2><p>\(HTMLText.escape(ReportTable.judgeTitle(judge)))</p>"
        guard judge.judged > 0 else { return title }
        return title + ReportTable.judge(judge).html + judgeFigures
    }

    /// The judge's outcome bar and intervals, with their caption (the report page and the dashboard).
    var judgeFigures: String {
        let outcomes = ReportChart.stacked(
            [("wins", judge.candidateWins, 1), ("ties", judge.ties, 2), ("losses", judge.candidateLosses, 0)],
            title: "Candidate"
        )
        let intervals = ReportChart.intervals(
            [
                ("candidate wins", judge.candidateWins), ("ties", judge.ties),
                ("candidate losses", judge.candidateLosses), ("orders agreed", judge.consistency),
            ],
            title: "Judge outcomes with 95% Wilson intervals"
        )
        return figure(
            outcomes + intervals,
            caption: "Dots are the shares of judged comparisons; whiskers their 95% Wilson intervals."
        )
    }

    private var languageSection: String {
        let latency = ReportChart.milliseconds(
            byLanguage.map { group in
                [
                    .init(label: "\(group.key) primary", value: group.primary.latencyMs.p50, series: 0),
                    .init(label: "\(group.key) candidate", value: group.candidate.latencyMs.p50, series: 1),
                ]
            },
            title: "Median latency by language"
        )
        let wins = ReportChart.intervals(
            byLanguage.map { ("\($0.key) wins", $0.judge.candidateWins) },
            title: "Candidate win rate by language"
        )
        return "<h2>By language</h2>" + ReportTable.groups(byLanguage, keyName: "language").html
            + figure(
                latency + wins,
                caption: "Median latency of answered turns per language, and the candidate's share of judged wins "
                    + "with its 95% Wilson interval."
            )
    }

    private var sourceSection: String {
        "<h2>By source</h2>" + ReportTable.groups(bySource, keyName: "source").html
    }

    private var skippedSection: String {
        guard skipped.count > 0 else { return "" }
        let shown = skipped.first.count < skipped.count ? "; the first \(skipped.first.count):" : ":"
        return "<h2>Skipped lines</h2><p>\(skipped.count) line\(skipped.count == 1 ? "" : "s") could not be read"
            + "\(shown)</p>" + ReportTable.skipped(skipped).html
    }

    private func figure(_ svg: String, caption: String) -> String { ReportPage.figure(svg, caption: caption) }
}

extension ReportTable {
    /// The table as an HTML `<table>`, every cell escaped.
    var html: String {
        let head = header.map { "<th>\(HTMLText.escape($0))</th>" }.joined()
        let body = rows.map { "<tr>" + $0.map { "<td>\(HTMLText.escape($0))</td>" }.joined() + "</tr>" }.joined()
        return "<table><thead><tr>\(head)</tr></thead><tbody>\(body)</tbody></table>"
    }
}
