public import Foundation
public import MaiaMemory

extension ExperimentReport {
    /// Analyses the rows and judges the guardrails on a dispatch queue: a bootstrap over a large experiment takes
    /// seconds of CPU, which must not hold a thread of the cooperative pool.
    public static func build(
        state: ExperimentState,
        exposures: [ExposureRow],
        turns: [ExperimentTurnRow],
        feedback: [FeedbackRow],
        now: Date,
        splitPercent: Double? = nil,
        check: GuardrailCheck
    ) async -> ExperimentReport {
        await withCheckedContinuation { continuation in
            DispatchQueue.global(qos: .userInitiated).async {
                let analysis = ExperimentAnalysis(
                    state: state,
                    exposures: exposures,
                    turns: turns,
                    feedback: feedback,
                    now: now,
                    splitPercent: splitPercent,
                    options: check.options
                )
                continuation.resume(returning: ExperimentReport(analysis, check: check))
            }
        }
    }
}

extension GuardrailCheck {
    /// ``firstBreach(turns:feedback:now:)`` on a dispatch queue, for callers on the cooperative pool (the serving
    /// process checking after turns).
    public func firstBreachOffPool(
        turns: [ExperimentTurnRow],
        feedback: [FeedbackRow],
        now: Date
    ) async
        -> GuardrailBreach?
    {
        await withCheckedContinuation { continuation in
            DispatchQueue.global(qos: .utility).async {
                continuation.resume(returning: firstBreach(turns: turns, feedback: feedback, now: now))
            }
        }
    }
}

extension ExperimentReport {
    /// The report of `experiment` in `state` over its stored rows — what `maia experiment report` prints and the
    /// dashboard shows, built the same way for both — with the turns of the last 24 hours per arm.
    public static func load(
        state: ExperimentState,
        from store: any ExperimentStore,
        thresholds: GuardrailThresholds,
        since: Date? = nil,
        splitPercent: Double? = nil,
        targetUnits: Int = SequentialTest().targetUnits,
        now: Date = Date()
    ) async throws(MemoryError) -> (report: ExperimentReport, activity: ArmActivity) {
        let rows = try await ExperimentExport.load(state.experiment, since: since, from: store)
        let options = AnalysisOptions(sequential: SequentialTest(targetUnits: targetUnits))
        let report = await build(
            state: state,
            exposures: rows.exposures,
            turns: rows.turns,
            feedback: rows.feedback,
            now: now,
            splitPercent: splitPercent,
            check: GuardrailCheck(thresholds: thresholds, options: options)
        )
        return (report, ArmActivity(rows.turns, hours: 24, now: now))
    }
}
