import Foundation
import MaiaCore
import MaiaExperiments
import MaiaMemory

/// The data the browser test serves: a shadow log of varied comparisons and an experiment's rows in SQLite.
enum DashboardSeed {
    /// `count` comparisons over the last day: three languages, two sources, some errors, failed checks, priced
    /// primaries and judge verdicts of every kind; one reply holds markup that must render as text.
    static func writeLog(_ path: String, count: Int, now: Date) async throws {
        let log = try ShadowLog(path: path)
        let languages = ["en", "de", "pt"]
        for index in 0..<count {
            let failed = index % 17 == 0
            let primary = ShadowAnswer(
                engine: "claude",
                model: "claude-sonnet-4-5",
                response: "A considered reply number \(index).",
                inputTokens: 900 + index % 50,
                outputTokens: 120 + index % 30,
                latencyMs: 800 + Double((index * 37) % 900),
                ttftMs: 300 + Double((index * 13) % 200),
                costUSD: 0.004 + Double(index % 5) * 0.0005
            )
            let candidate = ShadowAnswer(
                engine: "llama",
                model: "llama-3.1-8b-instruct",
                response: failed ? "" : (index == 5 ? "<script>alert(1)</script> is not a reply" : "Reply \(index)."),
                toolCalls: index % 4 == 0
                    ? [
                        ShadowToolCall(
                            name: "query_mem0",
                            arguments: ["query": "work"],
                            resultSize: 40,
                            isError: index % 8 == 0
                        )
                    ]
                    : [],
                inputTokens: 950 + index % 50,
                outputTokens: 100 + index % 40,
                latencyMs: failed ? nil : 600 + Double((index * 53) % 1400),
                ttftMs: failed ? nil : 150 + Double((index * 7) % 300),
                error: failed ? "timed out after 30 s" : nil,
                timedOut: failed,
                checks: index % 9 == 0 ? ["language_mismatch"] : []
            )
            var comparison = ShadowComparison(primary: primary, candidate: candidate)
            if index % 3 != 2 {
                let winner: JudgeVerdict.Winner = [.primary, .candidate, .tie][index % 3 == 0 ? (index / 3) % 3 : 1]
                comparison.judge = JudgeVerdict(
                    judge: "claude",
                    orders: [
                        .init(primaryFirst: true, winner: winner, rationale: "Clearer."),
                        .init(primaryFirst: false, winner: index % 10 == 0 ? .tie : winner, rationale: "Warmer."),
                    ]
                )
            }
            try await log.append(
                ShadowRecord(
                    timestamp: now.addingTimeInterval(-86_000 + Double(index) * 300),
                    source: index % 5 == 0 ? .live : .batch,
                    userId: "user\(index % 40)",
                    sessionId: nil,
                    userMessage: "Message \(index): how do I get unstuck?",
                    language: languages[index % 3],
                    primary: primary,
                    candidate: candidate,
                    comparison: comparison
                )
            )
        }
    }
}
