import Foundation

/// The report's charts as inline SVG: drawn from numbers only, labels escaped, no fonts, images or scripts
/// fetched, so the page stays one self-contained file.
enum ReportChart {
    /// One horizontal bar of a bar chart; `nil` values draw no bar and read "—".
    struct Bar {
        let label: String
        let value: Double?
        /// Index of the CSS colour class (`s0`, `s1`, …).
        let series: Int
    }

    // Room right of the plot for a share with its counts ("60.0% (96/160)") at 12 px.
    static let width = 700.0
    static let labelWidth = 190.0
    static let plotWidth = 350.0
    static let row = 20.0

    /// Horizontal bars of milliseconds in groups (a gap between groups), scaled to the largest value, each value
    /// printed at the end of its bar.
    static func milliseconds(_ groups: [[Bar]], title: String) -> String {
        let largest = groups.joined().compactMap(\.value).max() ?? 0
        var y = 8.0
        var body = ""
        for group in groups {
            for bar in group {
                let length = largest > 0 ? (bar.value ?? 0) / largest * plotWidth : 0
                let value = bar.value.map { ReportFormat.milliseconds($0) + " ms" } ?? ReportFormat.missing
                body += text(bar.label, x: labelWidth - 8, y: y + 14, anchor: "end")
                body +=
                    #"<rect class="s\#(bar.series)" x="\#(labelWidth)" y="\#(y + 3)" "#
                    + #"width="\#(format(length))" height="\#(row - 6)"/>"#
                body += text(value, x: labelWidth + length + 6, y: y + 14, anchor: "start")
                y += row
            }
            y += 10
        }
        return svg(height: y, title: title, body: body)
    }

    /// One row per proportion: a dot at the rate and a whisker over its 95% Wilson interval, on a 0–100% axis.
    static func intervals(_ rows: [(label: String, proportion: Proportion)], title: String) -> String {
        var body = axis(top: 8, height: Double(rows.count) * row + 4)
        for (index, item) in rows.enumerated() {
            let y = 12 + Double(index) * row
            body += text(item.label, x: labelWidth - 8, y: y + 14, anchor: "end")
            guard let rate = item.proportion.rate, let interval = item.proportion.interval else {
                body += text("none judged", x: labelWidth + 6, y: y + 14, anchor: "start")
                continue
            }
            body +=
                #"<line class="whisker" x1="\#(format(x(interval.lower)))" y1="\#(format(y + 10))" "#
                + #"x2="\#(format(x(interval.upper)))" y2="\#(format(y + 10))"/>"#
            body += #"<circle class="dot" cx="\#(format(x(rate)))" cy="\#(format(y + 10))" r="4"/>"#
            body += text(
                ReportFormat.proportion(item.proportion),
                x: labelWidth + plotWidth + 12,
                y: y + 14,
                anchor: "start"
            )
        }
        return svg(height: 40 + Double(rows.count) * row, title: title, body: body)
    }

    /// One bar split into the shares of its segments (e.g. wins, ties, losses), with a legend underneath.
    static func stacked(_ segments: [(label: String, proportion: Proportion, series: Int)], title: String) -> String {
        var body = text(title, x: labelWidth - 8, y: 24, anchor: "end")
        var start = 0.0
        for (index, segment) in segments.enumerated() {
            let share = segment.proportion.rate ?? 0
            let legend = labelWidth + Double(index) * 130
            body +=
                #"<rect class="s\#(segment.series)" x="\#(format(x(start)))" y="8" "#
                + #"width="\#(format(share * plotWidth))" height="22"/>"#
            body += #"<rect class="s\#(segment.series)" x="\#(format(legend))" y="42" width="10" height="10"/>"#
            body += text(
                "\(segment.label) \(ReportFormat.percent(segment.proportion.rate))",
                x: legend + 14,
                y: 51,
                anchor: "start"
            )
            start += share
        }
        return svg(height: 62, title: title, body: body)
    }

    /// One row per difference: a dot at the estimate, a thin whisker over its 95% interval and a thick one over the
    /// always-valid interval, on an axis symmetric around 0 scaled to the widest finite bound.
    static func differences(
        _ rows: [(label: String, fixed: EffectInterval, sequential: EffectInterval)],
        title: String
    )
        -> String
    {
        let bounds = rows.flatMap { [$0.fixed.lower, $0.fixed.upper, $0.sequential.lower, $0.sequential.upper] }
        let reach = max(bounds.filter(\.isFinite).map(abs).max() ?? 1, 1e-12)
        func position(_ value: Double) -> Double {
            labelWidth + plotWidth / 2 + min(max(value / reach, -1), 1) * plotWidth / 2
        }
        let height = Double(rows.count) * row + 4
        var body =
            #"<line class="grid" x1="\#(format(position(0)))" y1="8" x2="\#(format(position(0)))" "#
            + #"y2="\#(format(8 + height))"/>"#
        for (index, item) in rows.enumerated() {
            let y = 12 + Double(index) * row + 10
            body += text(item.label, x: labelWidth - 8, y: y + 4, anchor: "end")
            body +=
                #"<line class="whisker always" x1="\#(format(position(item.sequential.lower)))" "#
                + #"y1="\#(format(y))" x2="\#(format(position(item.sequential.upper)))" y2="\#(format(y))"/>"#
            body +=
                #"<line class="whisker" x1="\#(format(position(item.fixed.lower)))" y1="\#(format(y))" "#
                + #"x2="\#(format(position(item.fixed.upper)))" y2="\#(format(y))"/>"#
            body += #"<circle class="dot" cx="\#(format(position(item.fixed.estimate)))" cy="\#(format(y))" r="4"/>"#
        }
        return svg(height: 24 + height, title: title, body: body)
    }

    private static func axis(top: Double, height: Double) -> String {
        stride(from: 0.0, through: 1.0, by: 0.25)
            .map { tick in
                #"<line class="grid" x1="\#(format(x(tick)))" y1="\#(format(top))" "#
                    + #"x2="\#(format(x(tick)))" y2="\#(format(top + height))"/>"#
                    + text("\(Int(tick * 100))%", x: x(tick), y: top + height + 14, anchor: "middle")
            }
            .joined()
    }

    /// The horizontal position of a share on the plot.
    private static func x(_ share: Double) -> Double { labelWidth + share * plotWidth }

    static func text(_ content: String, x: Double, y: Double, anchor: String) -> String {
        #"<text x="\#(format(x))" y="\#(format(y))" text-anchor="\#(anchor)">\#(HTMLText.escape(content))</text>"#
    }

    static func svg(height: Double, title: String, body: String) -> String {
        #"<svg viewBox="0 0 \#(format(width)) \#(format(height))" role="img" aria-label="\#(HTMLText.escape(title))">"#
            + "<title>\(HTMLText.escape(title))</title>\(body)</svg>"
    }

    static func format(_ value: Double) -> String { String(format: "%.1f", value) }
}
