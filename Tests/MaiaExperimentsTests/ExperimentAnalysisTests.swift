import Foundation
import MaiaCore
import MaiaExperiments
import MaiaMemory
import Testing

@Suite("Experiment analysis and guardrails")
struct ExperimentAnalysisTests {
    let state = ExperimentState(
        experiment: "llama-rollout",
        percent: 50,
        status: .running,
        changedBy: "cli",
        changedAt: SyntheticExperiment.start
    )

    private func turn(
        _ id: String,
        unit: String,
        arm: Arm,
        session: String?,
        at: Date,
        failed: Bool = false,
        language: String = "en",
        cost: Double? = 0.01
    ) -> ExperimentTurnRow {
        ExperimentTurnRow(
            turnID: id,
            experiment: "llama-rollout",
            unit: unit,
            userID: UserID(unit)!,
            sessionID: session.flatMap(SessionID.init),
            arm: arm,
            engine: "e",
            model: "m",
            fellBack: false,
            failed: failed,
            latencyMs: 100,
            ttftMs: nil,
            inputTokens: 10,
            outputTokens: 5,
            costUSD: cost,
            toolCalls: 2,
            invalidToolCalls: 1,
            failedChecks: failed ? ["empty"] : [],
            language: language,
            at: at
        )
    }

    @Test("per-unit outcomes: sessions, ratings (the latest wins), and return only once 7 days have elapsed")
    func outcomes() throws {
        let t0 = SyntheticExperiment.start
        let day = 86_400.0
        let turns = [
            turn("a1", unit: "a", arm: .control, session: "s1", at: t0),
            turn("a2", unit: "a", arm: .control, session: "s1", at: t0 + 60),
            turn("a3", unit: "a", arm: .control, session: "s2", at: t0 + 3 * day, failed: true, cost: nil),
            turn("b1", unit: "b", arm: .candidate, session: "s3", at: t0),
            turn("b2", unit: "b", arm: .candidate, session: "s4", at: t0 + 8 * day),
            turn("c1", unit: "c", arm: .candidate, session: "s5", at: t0 + 5 * day),
        ]
        let feedback = [
            FeedbackRow(turnID: "a1", userID: UserID("a")!, rating: .down, comment: nil, at: t0 + 10),
            FeedbackRow(turnID: "a1", userID: UserID("a")!, rating: .up, comment: "changed my mind", at: t0 + 20),
            FeedbackRow(turnID: "b1", userID: UserID("b")!, rating: .down, comment: nil, at: t0 + 20),
        ]
        let units = UnitOutcome.outcomes(turns: turns, feedback: feedback, now: t0 + 9 * day)
        let a = try #require(units.first { $0.unit == "a" })
        #expect(a.turns == 3 && a.sessions == 2 && a.failed == 1 && a.checkFailed == 1)
        #expect(a.thumbsUp == 1 && a.thumbsDown == 0)
        #expect(a.pricedTurns == 2 && abs(a.costUSD - 0.02) < 1e-12 && a.latenciesMs.count == 2)
        #expect(a.returned == true)
        let b = try #require(units.first { $0.unit == "b" })
        #expect(b.returned == false && b.thumbsDown == 1)  // came back on day 8: outside the window
        let c = try #require(units.first { $0.unit == "c" })
        #expect(c.returned == nil)  // first turn on day 5, only 4 days ago
    }

    @Test("analysis: exposures and SRM exclude forced units, segments per language, rows of other experiments ignored")
    func analysis() throws {
        let rows = SyntheticExperiment(units: 2000, languages: ["en", "fr"], seed: 3).rows()
        var exposures = rows.exposures
        exposures.append(
            ExposureRow(
                experiment: "llama-rollout",
                unit: "staff",
                arm: .candidate,
                bucket: 1,
                forced: true,
                exposedAt: .now
            )
        )
        exposures.append(
            ExposureRow(experiment: "other", unit: "x", arm: .candidate, bucket: 1, forced: false, exposedAt: .now)
        )
        let analysis = ExperimentAnalysis(
            state: state,
            exposures: exposures,
            turns: rows.turns,
            feedback: rows.feedback,
            now: SyntheticExperiment.start.addingTimeInterval(30 * 86_400),
            options: AnalysisOptions(bootstrapReplicates: 200)
        )
        #expect(analysis.exposures.control + analysis.exposures.candidate == 2000)
        #expect(analysis.exposures.forcedCandidate == 1)
        let srm = try #require(analysis.sampleRatio)
        #expect(!srm.isMismatch)
        #expect(analysis.byLanguage.map(\.key).sorted() == ["en", "fr"])
        #expect(analysis.overall.comparisons.count == ExperimentMetric.allCases.count)
        let cost = try #require(analysis.overall.comparison(.costPerTurn)?.difference)
        #expect(abs(cost.estimate - (0.0002 - 0.003)) < 1e-12)
        #expect(analysis.overall.comparison(.costPerTurn)?.decision == .candidateBetter)
        let errors = try #require(analysis.overall.comparison(.errorRate))
        #expect(errors.difference?.contains(0) == true && errors.decision == .continue)
        #expect(analysis.overall.comparison(.returnRate)?.control.units ?? 0 > 0)
    }

    @Test("a significant error-rate increase above the tolerance breaches, with a reason and no user data")
    func guardrailBreach() throws {
        let rows = SyntheticExperiment(units: 6000, controlErrorRate: 0.02, candidateErrorRate: 0.08, seed: 5).rows()
        let check = GuardrailCheck(
            thresholds: GuardrailThresholds(errorRate: 0.01),
            options: AnalysisOptions(bootstrapReplicates: 100)
        )
        let breach = try #require(check.firstBreach(turns: rows.turns, feedback: rows.feedback, now: .distantFuture))
        #expect(breach.guardrail == .errorRate && breach.lowerBound > 0.01)
        #expect(breach.reason.hasPrefix("guardrail error_rate: candidate "))
        #expect(!breach.reason.contains("u1"))
        // The same data with a tolerance of 10 points: significant, but within what is tolerated.
        let lenient = GuardrailCheck(
            thresholds: GuardrailThresholds(errorRate: 0.10),
            options: AnalysisOptions(bootstrapReplicates: 100)
        )
        #expect(lenient.firstBreach(turns: rows.turns, feedback: rows.feedback, now: .distantFuture) == nil)
    }

    @Test("slower p95 latency and more thumbs-down breach their guardrails; an A/A test breaches nothing")
    func latencyAndThumbs() throws {
        let slow = SyntheticExperiment(units: 3000, candidateLatencyFactor: 3, candidateThumbsDown: 0.2, seed: 9).rows()
        let check = GuardrailCheck(options: AnalysisOptions(bootstrapReplicates: 200))
        let statuses = check.evaluate(turns: slow.turns, feedback: slow.feedback, now: .distantFuture)
        #expect(Set(statuses.compactMap(\.breach?.guardrail)) == [.p95Latency, .thumbsDownRate])
        let same = SyntheticExperiment(units: 3000, seed: 10).rows()
        #expect(check.firstBreach(turns: same.turns, feedback: same.feedback, now: .distantFuture) == nil)
        let few = SyntheticExperiment(units: 50, candidateLatencyFactor: 10, seed: 11).rows()
        #expect(
            check.evaluate(turns: few.turns, feedback: few.feedback, now: .distantFuture).allSatisfy {
                $0.breach == nil
            }
        )
    }
}
