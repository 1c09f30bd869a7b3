import Foundation
import MaiaCore
import Testing

@testable import MaiaExperiments

@Suite("Shadow report statistics, against hand-computed values")
struct ShadowReportTests {
    typealias F = ReportFixtures

    @Test("latency percentiles are type 7 over answered turns; a failed turn's latency is left out")
    func latency() {
        let latencies: [Double] = [400, 100, 1000, 300, 200]
        var records = latencies.map { F.record(candidate: F.answer("llama", latencyMs: $0, ttftMs: $0 / 2)) }
        records.append(F.record(candidate: F.answer("llama", latencyMs: 30_000, error: "timed out", timedOut: true)))
        let candidate = ShadowReport(F.contents(records)).candidate
        // Sorted 100 200 300 400 1000: p50 = 300; p95 rank 3.8 → 400 + 0.8 × 600 = 880; p99 rank 3.96 → 976.
        #expect(candidate.latencyMs.count == 5)
        #expect(candidate.latencyMs.p50 == 300)
        #expect(abs((candidate.latencyMs.p95 ?? 0) - 880) < 1e-9)
        #expect(abs((candidate.latencyMs.p99 ?? 0) - 976) < 1e-9)
        #expect(candidate.ttftMs.p50 == 150)
        #expect(abs((candidate.ttftMs.p95 ?? 0) - 440) < 1e-9)
        #expect(candidate.turns == 6 && candidate.answered == 5)
    }

    @Test("error, timeout, tool-use and tool-validity rates count turns and calls as defined")
    func rates() {
        let answers = [
            F.answer("llama", tools: [false, false]),
            F.answer("llama", tools: [true]),
            F.answer("llama"),
            F.answer("llama", error: "HTTP 500"),
            F.answer("llama", error: "timed out after 30 s", timedOut: true),
            F.answer("llama", tools: [false], checks: ["empty", "language_mismatch"]),
            F.answer("llama", checks: ["empty"]),
            F.answer("llama"),
        ]
        let candidate = ShadowReport(F.contents(answers.map { F.record(candidate: $0) })).candidate
        #expect(candidate.errors == Proportion(2, of: 8))
        #expect(candidate.errors.rate == 0.25)
        #expect(candidate.timeouts == Proportion(1, of: 8))
        #expect(candidate.toolUse == Proportion(3, of: 8))
        // Four calls, one refused by the executor.
        #expect(candidate.toolCallValidity == Proportion(3, of: 4))
        #expect(candidate.toolCallValidity.rate == 0.75)
        #expect(candidate.failedChecks == ["empty": 2, "language_mismatch": 1])
        let primary = ShadowReport(F.contents(answers.map { F.record(candidate: $0) })).primary
        #expect(primary.errors == Proportion(0, of: 8) && primary.errors.rate == 0)
        #expect(primary.toolCallValidity.rate == nil, "no calls: validity is unknown, not 0% or 100%")
    }

    @Test("cost per 1,000 turns is the mean over priced turns only; no price at all is unknown")
    func cost() {
        let records = [
            F.record(primary: F.answer(costUSD: 0.002), candidate: F.answer("llama", costUSD: 0)),
            F.record(primary: F.answer(costUSD: 0.004), candidate: F.answer("llama", costUSD: 0)),
            F.record(primary: F.answer(costUSD: nil), candidate: F.answer("llama", costUSD: 0)),
        ]
        let report = ShadowReport(F.contents(records))
        // (0.002 + 0.004) / 2 × 1000 = 3.00; the unpriced turn neither counts as free nor is guessed.
        #expect(abs((report.primary.costPer1000TurnsUSD ?? 0) - 3) < 1e-12)
        #expect(report.primary.pricedTurns == 2)
        #expect(report.candidate.costPer1000TurnsUSD == 0, "a local engine priced at 0 is known to be free")
        let unpriced = ShadowReport(F.contents([F.record(), F.record()]))
        #expect(unpriced.primary.costPer1000TurnsUSD == nil && unpriced.primary.pricedTurns == 0)
        #expect(ReportFormat.cost(unpriced.primary).hasPrefix("unknown"))
        #expect(ReportFormat.cost(report.primary) == "$3.00 (2 of 3 turns priced)")
    }

    @Test("token totals are over every turn, means over answered turns")
    func tokens() {
        let records = [
            F.record(candidate: F.answer("llama", tokens: (100, 10))),
            F.record(candidate: F.answer("llama", tokens: (300, 30))),
            F.record(candidate: F.answer("llama", tokens: (500, 0), error: "stream cut")),
        ]
        let candidate = ShadowReport(F.contents(records)).candidate
        #expect(candidate.inputTokens == .init(total: 900, mean: 200))
        #expect(candidate.outputTokens == .init(total: 40, mean: 20))
    }

    @Test("engines and models per role, most turns first")
    func models() {
        let records = [
            F.record(primary: F.answer("llama", model: "smollm2")),
            F.record(), F.record(),
        ]
        let primary = ShadowReport(F.contents(records)).primary
        #expect(primary.models.map(\.engine) == ["claude", "llama"])
        #expect(primary.models.map(\.turns) == [2, 1])
        #expect(ReportFormat.models(primary) == "claude / claude-3-5-sonnet-20241022 (2), llama / smollm2 (1)")
    }

    @Test("judge: wins, ties and losses of judged comparisons with 95% Wilson intervals; consistency")
    func judge() throws {
        let verdicts: [(JudgeVerdict.Winner, Bool)] =
            Array(repeating: (.candidate, true), count: 6) + [
                (.tie, true), (.tie, false), (.tie, false), (.primary, true),
            ]
        var records = verdicts.map { F.record(verdict: $0.0, consistent: $0.1) }
        records.append(F.record(verdict: nil))
        let judge = ShadowReport(F.contents(records)).judge
        #expect(judge.judged == 10, "the unjudged comparison is not a tie")
        #expect(judge.judges == ["claude"])
        #expect(judge.candidateWins == Proportion(6, of: 10))
        #expect(judge.ties == Proportion(3, of: 10))
        #expect(judge.candidateLosses == Proportion(1, of: 10))
        #expect(judge.consistency == Proportion(8, of: 10))
        // Wilson 95% for 6 of 10: (0.6 + z²/20) / (1 + z²/10) ∓ z/(1 + z²/10)·√(0.024 + z²/400) = 0.3127 … 0.8318.
        let wins = try #require(judge.candidateWins.interval)
        #expect(abs(wins.lower - 0.3127) < 0.0005 && abs(wins.upper - 0.8318) < 0.0005)
        // 1 of 10: 0.0179 … 0.4042.
        let losses = try #require(judge.candidateLosses.interval)
        #expect(abs(losses.lower - 0.0179) < 0.0005 && abs(losses.upper - 0.4042) < 0.0005)
        #expect(ReportFormat.interval(judge.candidateWins) == "31.3%–83.2%")
    }

    @Test("no judged comparison: every share is unknown, not zero")
    func unjudged() {
        let judge = ShadowReport(F.contents([F.record()])).judge
        #expect(judge.judged == 0)
        #expect(judge.candidateWins.rate == nil && judge.candidateWins.interval == nil)
        #expect(judge.consistency.rate == nil)
    }

    @Test("breakdowns by language and by source: turns, error rates, median latency and win rate per group")
    func breakdowns() throws {
        let records = [
            F.record(candidate: F.answer("llama", latencyMs: 100), language: "en", verdict: .candidate),
            F.record(candidate: F.answer("llama", latencyMs: 300), language: "en", verdict: .primary),
            F.record(candidate: F.answer("llama", error: "x"), language: "en", source: .live),
            F.record(candidate: F.answer("llama", latencyMs: 50), language: "fr", source: .live, verdict: .candidate),
        ]
        let report = ShadowReport(F.contents(records))
        #expect(report.byLanguage.map(\.key) == ["en", "fr"])
        let english = try #require(report.byLanguage.first)
        #expect(english.turns == 3)
        #expect(english.candidate.errors == Proportion(1, of: 3))
        #expect(english.candidate.latencyMs.p50 == 200)
        #expect(english.judge.candidateWins == Proportion(1, of: 2))
        #expect(report.byLanguage[1].judge.candidateWins == Proportion(1, of: 1))
        #expect(report.bySource.map(\.key) == ["batch", "live"] && report.bySource.map(\.turns) == [2, 2])
        #expect(report.bySource[1].candidate.errors == Proportion(1, of: 2))
    }

    @Test("period, and skipped lines: the count of all, the first five shown")
    func periodAndSkipped() throws {
        let records = [F.record(at: 1_764_000_100), F.record(at: 1_764_000_000), F.record(at: 1_764_000_050)]
        let skipped = (1...7).map { ShadowLogContents.SkippedLine(line: $0 * 2, reason: "not a JSON object") }
        let report = ShadowReport(ShadowLogContents(records: records, skipped: skipped))
        #expect(report.comparisons == 3)
        let period = try #require(report.period)
        #expect(period.lowerBound == Date(timeIntervalSince1970: 1_764_000_000))
        #expect(period.upperBound == Date(timeIntervalSince1970: 1_764_000_100))
        #expect(report.skipped.count == 7)
        #expect(report.skipped.first.map(\.line) == [2, 4, 6, 8, 10])
        #expect(ReportFormat.overview(report).hasSuffix("; 7 unreadable lines skipped"))
    }

    @Test("an empty log is an empty report with nothing known")
    func empty() {
        let report = ShadowReport(F.contents([]))
        #expect(report.isEmpty && report.period == nil)
        #expect(report.primary.latencyMs.p50 == nil && report.primary.errors.rate == nil)
        #expect(report.primary.inputTokens.mean == nil && report.byLanguage.isEmpty)
    }
}
