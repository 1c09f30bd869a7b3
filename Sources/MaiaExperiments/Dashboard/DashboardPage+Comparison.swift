import Foundation
import MaiaCore

// One comparison in full: the message, both replies, their tool calls, measures and checks, and the judge's two
// verdicts. Texts are what users wrote and what models replied: every one is escaped, never interpreted.
extension DashboardPage {
    /// The side-by-side page of comparison `index` (0-based). `userLabel` is the user id as shown (hashed);
    /// `showText` false hides the message and both replies (`MAIA_DASHBOARD_TEXT=hide`).
    public static func comparison(_ record: ShadowRecord, index: Int, userLabel: String, showText: Bool) -> String {
        var html =
            "<main id=\"main\"><p><a href=\"/dashboard#side-by-side\">Back to the dashboard</a></p>"
            + "<h1>Comparison #\(index + 1)</h1><p class=\"meta\">\(ReportFormat.minute(record.timestamp)) UTC · "
            + "user <code>\(HTMLText.escape(userLabel))</code> · language \(HTMLText.escape(record.language)) · "
            + "source \(HTMLText.escape(record.source.rawValue))</p>"
        html += "<h2>The user's message</h2>"
        html +=
            showText
            ? "<div class=\"reply\" id=\"message\">\(HTMLText.escape(record.userMessage))</div>"
            : "<p>Hidden: MAIA_DASHBOARD_TEXT=hide.</p>"
        html += "<div class=\"grid2\">"
        for (role, answer) in [("primary", record.primary), ("candidate", record.candidate)] {
            html += "<div><h2>\(role.capitalized): \(HTMLText.escape("\(answer.engine) / \(answer.model)"))</h2>"
            if let error = answer.error {
                html +=
                    "<p class=\"alarm\">Error\(answer.timedOut ? " (timed out)" : ""): \(HTMLText.escape(error))</p>"
            }
            html +=
                showText
                ? "<div class=\"reply\" id=\"\(role)-reply\">\(HTMLText.escape(answer.response))</div>"
                : "<p>Reply hidden.</p>"
            html += table(measures(answer), label: "\(role) measures")
            if !answer.toolCalls.isEmpty {
                html +=
                    "<h3>Tool calls</h3><ol>"
                    + answer.toolCalls.map { call in
                        "<li><code>\(HTMLText.escape(call.name))</code>\(call.isError ? " (refused)" : "")"
                            + "<div class=\"reply\">\(HTMLText.escape(call.arguments.jsonText))</div></li>"
                    }
                    .joined() + "</ol>"
            }
            html += "</div>"
        }
        html += "</div><h2>Judge</h2>"
        if let judge = record.comparison.judge {
            html +=
                "<p>\(HTMLText.escape(judge.judge)) ruled <strong>\(HTMLText.escape(judge.verdict.rawValue))"
                + "</strong>\(judge.consistent ? " (both orders agreed)" : " (the orders disagreed: a tie)").</p><ol>"
            for order in judge.orders {
                let first = order.primaryFirst ? "primary first" : "candidate first"
                html +=
                    "<li>\(first): \(HTMLText.escape(order.winner?.rawValue ?? "no answer"))"
                    + (showText ? "<div class=\"reply\">\(HTMLText.escape(order.rationale))</div>" : "") + "</li>"
            }
            html += "</ol>"
        } else {
            html += "<p>Not judged.</p>"
        }
        return frame(title: "Comparison #\(index + 1) — MAIA dashboard", body: html + "</main>")
    }

    private static func measures(_ answer: ShadowAnswer) -> ReportTable {
        let cost = answer.costUSD.map { String(format: "$%.6f", $0) } ?? "unknown"
        return ReportTable(
            header: ["measure", "value"],
            rows: [
                ["latency", ReportFormat.milliseconds(answer.latencyMs) + " ms"],
                ["time to first token", ReportFormat.milliseconds(answer.ttftMs) + " ms"],
                ["tokens in / out", "\(answer.inputTokens) / \(answer.outputTokens)"],
                ["cost", cost],
                ["failed checks", answer.checks.isEmpty ? "none" : answer.checks.joined(separator: ", ")],
            ]
        )
    }
}

/// Links of the dashboard that carry the shadow filter.
public enum DashboardLinks {
    /// The filter as a URL query (without `?`), empty when nothing is filtered.
    public static func query(_ filter: ShadowFilter) -> String {
        var items: [URLQueryItem] = []
        if let from = filter.from { items.append(URLQueryItem(name: "from", value: ISO8601.format(from))) }
        if let to = filter.to { items.append(URLQueryItem(name: "to", value: ISO8601.format(to))) }
        if let language = filter.language { items.append(URLQueryItem(name: "language", value: language)) }
        if let source = filter.source { items.append(URLQueryItem(name: "source", value: source.rawValue)) }
        var components = URLComponents()
        components.queryItems = items
        return HTMLText.escape(components.percentEncodedQuery ?? "")
    }
}
