import Foundation
import MaiaExperiments

/// The end-of-run report of `maia shadow`, in the seed's spirit: each prompt with both replies, lengths, tools,
/// tokens, latency and cost, then one line per engine with the totals.
enum ShadowSummary {
    static func text(_ records: [ShadowRecord], log: String) -> String {
        var lines = ["", "Shadow comparisons: \(records.count), appended to \(log)", ""]
        for (number, record) in records.enumerated() {
            lines.append("#\(number + 1) \(record.userId) · \(record.language) · \(clip(record.userMessage, 90))")
            lines += answer("primary", record.primary)
            lines += answer("candidate", record.candidate)
            if let judge = record.comparison.judge {
                let consistency = judge.consistent ? "consistent" : "orders disagree"
                lines.append("  judge      \(judge.verdict.rawValue) (\(consistency)) — \(clip(judge.rationale, 160))")
            }
            lines.append("")
        }
        lines += totals(records)
        return lines.joined(separator: "\n")
    }

    /// One line of figures and the reply, clipped.
    static func figures(_ answer: ShadowAnswer) -> String {
        let tools =
            answer.toolCalls.isEmpty ? "no tools" : "tools: " + answer.toolCalls.map(\.name).joined(separator: ", ")
        let latency = answer.latencyMs.map { "\(Int($0)) ms" } ?? "– ms"
        let cost = answer.costUSD.map { String(format: "$%.5f", $0) } ?? "$–"
        let checks = answer.checks.isEmpty ? "checks ok" : "failed: " + answer.checks.joined(separator: ", ")
        return "\(answer.response.count) chars · \(tools) · \(answer.inputTokens)→\(answer.outputTokens) tokens · "
            + "\(latency) · \(cost) · \(checks)"
    }

    private static func answer(_ role: String, _ answer: ShadowAnswer) -> [String] {
        let label = role.padding(toLength: 10, withPad: " ", startingAt: 0)
        let reply = answer.error.map { "(\($0))" } ?? clip(answer.response, 240)
        return ["  \(label) \(answer.engine) · \(figures(answer))", "             \(reply)"]
    }

    private static func totals(_ records: [ShadowRecord]) -> [String] {
        let columns = [
            "role", "engine", "replies", "errors", "avg chars", "tool calls", "tokens in", "tokens out",
            "p50 ms", "p95 ms", "cost USD", "checks failed",
        ]
        var rows = [columns]
        for (role, answers) in [("primary", records.map(\.primary)), ("candidate", records.map(\.candidate))] {
            let replied = answers.filter { $0.error == nil }
            let latencies = Percentiles(answers.compactMap(\.latencyMs))
            let averageLength = replied.isEmpty ? 0 : replied.map(\.response.count).reduce(0, +) / replied.count
            rows.append([
                role, answers.first?.engine ?? "–", "\(replied.count)", "\(answers.count - replied.count)",
                "\(averageLength)", "\(answers.map(\.toolCalls.count).reduce(0, +))",
                "\(answers.map(\.inputTokens).reduce(0, +))", "\(answers.map(\.outputTokens).reduce(0, +))",
                latencies.p50.map { "\(Int($0))" } ?? "–", latencies.p95.map { "\(Int($0))" } ?? "–",
                String(format: "%.5f", answers.compactMap(\.costUSD).reduce(0, +)),
                "\(answers.filter { !$0.checks.isEmpty }.count)",
            ])
        }
        var lines = table(rows)
        let verdicts = records.compactMap(\.comparison.judge)
        if !verdicts.isEmpty {
            let count = { (winner: JudgeVerdict.Winner) in verdicts.filter { $0.verdict == winner }.count }
            lines.append(
                "judge: primary \(count(.primary)), candidate \(count(.candidate)), tie \(count(.tie)); "
                    + "both orders agreed in \(verdicts.filter(\.consistent).count) of \(verdicts.count)"
            )
        }
        return lines
    }

    /// Left-aligned columns separated by two spaces.
    static func table(_ rows: [[String]]) -> [String] {
        let widths = rows[0].indices.map { column in rows.map { $0[column].count }.max() ?? 0 }
        return rows.map { row in
            zip(row, widths).map { $0.padding(toLength: $1, withPad: " ", startingAt: 0) }.joined(separator: "  ")
                .trimmingCharacters(in: .whitespaces)
        }
    }

    /// `text` on one line, cut to `length` characters with an ellipsis.
    static func clip(_ text: String, _ length: Int) -> String {
        let line = text.split(whereSeparator: \.isNewline).joined(separator: " ")
        return line.count <= length ? line : String(line.prefix(length - 1)) + "…"
    }
}
