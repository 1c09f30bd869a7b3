import Foundation

// The dashboard's two time charts, in the same drawing style as the report's: turns per arm per hour, and the
// candidate share over time. Both have a table beside them on the page with the same numbers.
extension ReportChart {
    /// Paired columns per hour (control, candidate), scaled to the busiest hour.
    static func activity(_ activity: ArmActivity, title: String) -> String {
        let largest = max(activity.hours.map { max($0.control, $0.candidate) }.max() ?? 0, 1)
        let plotHeight = 120.0
        let slot = (width - 60) / Double(max(activity.hours.count, 1))
        var body =
            text("\(largest)", x: 36, y: 16, anchor: "end") + text("0", x: 36, y: 12 + plotHeight, anchor: "end")
        body += #"<line class="grid" x1="40" y1="\#(format(8 + plotHeight))" x2="\#(format(width))" "#
        body += #"y2="\#(format(8 + plotHeight))"/>"#
        for (index, hour) in activity.hours.enumerated() {
            for (series, count) in [hour.control, hour.candidate].enumerated() {
                let height = Double(count) / Double(largest) * plotHeight
                let x = 44 + Double(index) * slot + Double(series) * slot * 0.42
                body +=
                    #"<rect class="s\#(series)" x="\#(format(x))" y="\#(format(8 + plotHeight - height))" "#
                    + #"width="\#(format(slot * 0.4))" height="\#(format(height))"/>"#
            }
        }
        body += text("24 h ago", x: 44, y: 26 + plotHeight, anchor: "start")
        body += text("now", x: width - 4, y: 26 + plotHeight, anchor: "end")
        return svg(height: 36 + plotHeight, title: title, body: body)
    }

    /// The candidate share as a step line from the first change to `now`, on a 0–100% axis.
    static func shareSteps(_ changes: [(at: Date, percent: Double)], now: Date, title: String) -> String {
        guard let first = changes.first?.at else { return "" }
        let span = max(now.timeIntervalSince(first), 1)
        let plotHeight = 100.0
        func x(_ date: Date) -> Double { 44 + date.timeIntervalSince(first) / span * (width - 52) }
        func y(_ percent: Double) -> Double { 8 + plotHeight - percent / 100 * plotHeight }
        var points: [String] = []
        for (index, change) in changes.enumerated() {
            if index > 0 { points.append("\(format(x(change.at))),\(format(y(changes[index - 1].percent)))") }
            points.append("\(format(x(change.at))),\(format(y(change.percent)))")
        }
        points.append("\(format(x(now))),\(format(y(changes.last?.percent ?? 0)))")
        var body = text("100%", x: 38, y: 12, anchor: "end") + text("0%", x: 38, y: 12 + plotHeight, anchor: "end")
        body += #"<line class="grid" x1="44" y1="\#(format(y(0)))" x2="\#(format(width))" y2="\#(format(y(0)))"/>"#
        body += #"<polyline class="step" points="\#(points.joined(separator: " "))"/>"#
        body += text(ReportFormat.minute(first), x: 44, y: 26 + plotHeight, anchor: "start")
        body += text("now", x: width - 4, y: 26 + plotHeight, anchor: "end")
        return svg(height: 36 + plotHeight, title: title, body: body)
    }
}
