import Foundation
import MaiaCore

@testable import MaiaExperiments

/// Records with only the fields a report test cares about; everything else has a plain default.
enum ReportFixtures {
    static func answer(
        _ engine: String = "claude",
        model: String = "claude-3-5-sonnet-20241022",
        latencyMs: Double? = 1000,
        ttftMs: Double? = nil,
        tokens: (input: Int, output: Int) = (100, 10),
        costUSD: Double? = nil,
        error: String? = nil,
        timedOut: Bool = false,
        tools: [Bool] = [],
        checks: [String] = []
    ) -> ShadowAnswer {
        ShadowAnswer(
            engine: engine,
            model: model,
            response: error == nil ? "A reply." : "",
            toolCalls: tools.map { ShadowToolCall(name: "query_mem0", arguments: [:], resultSize: 10, isError: $0) },
            inputTokens: tokens.input,
            outputTokens: tokens.output,
            latencyMs: latencyMs,
            ttftMs: ttftMs,
            costUSD: costUSD,
            error: error,
            timedOut: timedOut,
            checks: checks
        )
    }

    static func record(
        primary: ShadowAnswer = answer(),
        candidate: ShadowAnswer = answer("llama", model: "smollm2-135m-instruct"),
        language: String = "en",
        source: ShadowRecord.Source = .batch,
        verdict: JudgeVerdict.Winner? = nil,
        consistent: Bool = true,
        message: String = "I feel stuck in my life.",
        at seconds: Double = 1_764_000_000
    ) -> ShadowRecord {
        var comparison = ShadowComparison(primary: primary, candidate: candidate)
        comparison.judge = verdict.map { judged($0, consistent: consistent) }
        return ShadowRecord(
            timestamp: Date(timeIntervalSince1970: seconds),
            source: source,
            userId: "alice",
            sessionId: nil,
            userMessage: message,
            language: language,
            primary: primary,
            candidate: candidate,
            comparison: comparison
        )
    }

    /// A verdict for `winner` as the judge reconciles it: agreeing orders, or (inconsistent) disagreeing orders,
    /// which always reconcile to a tie.
    static func judged(_ winner: JudgeVerdict.Winner, consistent: Bool) -> JudgeVerdict {
        let other: JudgeVerdict.Winner = winner == .primary ? .candidate : .primary
        return JudgeVerdict(
            judge: "claude",
            orders: [
                .init(primaryFirst: true, winner: winner, rationale: "first"),
                .init(primaryFirst: false, winner: consistent ? winner : other, rationale: "second"),
            ]
        )
    }

    /// The contents of a log holding `records` and nothing unreadable.
    static func contents(_ records: [ShadowRecord]) -> ShadowLogContents {
        ShadowLogContents(records: records, skipped: [])
    }

    /// `record` as one line of the shadow log.
    static func line(_ record: ShadowRecord) -> String {
        String(decoding: ShadowLogCoding.encode(record), as: UTF8.self)
    }
}
