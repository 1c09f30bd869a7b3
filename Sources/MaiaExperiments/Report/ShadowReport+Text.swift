// The terminal rendering of a report (`maia report`): aligned plain-text tables.
extension ShadowReport {
    /// The report as plain text for a terminal, naming the log it was read from.
    public func text(log: String) -> String {
        var lines = ["Shadow report: \(log)", ReportFormat.overview(self), ""]
        lines += ReportTable.engines(self).layout()
        lines += ["", "Judge: " + ReportTable.judgeTitle(judge)]
        if judge.judged > 0 { lines += ReportTable.judge(judge).layout() }
        lines += ["", "By language"] + ReportTable.groups(byLanguage, keyName: "language").layout()
        lines += ["", "By source"] + ReportTable.groups(bySource, keyName: "source").layout()
        if skipped.count > 0 {
            let shown = skipped.first.count < skipped.count ? " (the first \(skipped.first.count) shown)" : ""
            lines += ["", "Skipped lines: \(skipped.count)\(shown)"] + ReportTable.skipped(skipped).layout()
        }
        return lines.map(ReportFormat.printable).joined(separator: "\n") + "\n"
    }
}

extension ReportTable {
    /// The table as lines with columns padded to their widest cell, two spaces apart.
    func layout() -> [String] {
        let all = [header] + rows
        let widths = header.indices.map { column in all.map { $0[column].count }.max() ?? 0 }
        return all.map { cells in
            zip(cells, widths).enumerated()
                .map { index, pair in
                    index == cells.count - 1 ? pair.0 : pair.0 + String(repeating: " ", count: pair.1 - pair.0.count)
                }
                .joined(separator: "  ")
        }
    }
}
