public import Foundation
import MaiaAgent
import MaiaCore
import MaiaEngines
public import MaiaMemory

/// Records a routing experiment's exposures and turns in the store, off the turn's path: the row is built and written
/// in a task of a bounded queue once the turn has its outcome, so a slow or failing store neither slows nor fails
/// the person's turn (a write that fails is reported through `onError`; work beyond the queue's capacity is dropped
/// and counted, like live shadow work).
public final class ExperimentRecorder: Sendable {
    public let store: any ExperimentStore
    public let queue: ShadowQueue
    /// Runs after each recorded turn (the guardrail check); must return quickly or hand off its work.
    let afterRecord: @Sendable (ExperimentTurnRow) async -> Void
    let onError: @Sendable (MemoryError) -> Void
    let now: @Sendable () -> Date

    /// Creates a recorder writing through `queue`.
    public init(
        store: any ExperimentStore,
        queue: ShadowQueue = ShadowQueue(capacity: 64),
        now: @escaping @Sendable () -> Date = Date.init,
        afterRecord: @escaping @Sendable (ExperimentTurnRow) async -> Void = { _ in },
        onError: @escaping @Sendable (MemoryError) -> Void = { _ in }
    ) {
        self.store = store
        self.queue = queue
        self.now = now
        self.afterRecord = afterRecord
        self.onError = onError
    }

    /// The observer of one turn of `unit`, assigned as `assignment`.
    func watching(experiment: String, unit: String, _ assignment: Assignment) -> some TurnObserver {
        TurnWatcher(recorder: self, experiment: experiment, unit: unit, assignment: assignment)
    }

    /// Writes the exposure and the turn, then runs the after-record hook.
    func record(_ turn: ExperimentTurnRow, exposure: ExposureRow) async {
        do throws(MemoryError) {
            try await store.recordTurn(turn, exposure: exposure)
        } catch {
            onError(error)
            return
        }
        await afterRecord(turn)
    }

    /// Watches one turn from the moment it is prepared.
    struct TurnWatcher: TurnObserver {
        let recorder: ExperimentRecorder
        let experiment: String
        let unit: String
        let assignment: Assignment

        func turnPrepared(
            _ turn: PersonalOracleAgent.PreparedTurn,
            input: TurnInput,
            analysis: TurnAnalysis
        ) -> @Sendable (TurnOutcome?) -> Void {
            let clock = ContinuousClock()
            let started = clock.now
            return { [recorder, experiment, unit, assignment] outcome in
                let latency = started.duration(to: clock.now)
                let at = recorder.now()
                recorder.queue.submit {
                    let row = ExperimentTurnRow(
                        experiment: experiment,
                        unit: unit,
                        arm: assignment.arm,
                        input: input,
                        analysis: analysis,
                        outcome: outcome,
                        latency: latency,
                        at: at
                    )
                    let exposure = ExposureRow(
                        experiment: experiment,
                        unit: unit,
                        arm: assignment.arm,
                        bucket: assignment.bucket,
                        forced: assignment.forced,
                        exposedAt: at
                    )
                    await recorder.record(row, exposure: exposure)
                }
            }
        }
    }
}

extension ExperimentTurnRow {
    /// The row of a turn that ended with `outcome` (`nil`: no engine answered) after `latency` from its preparation.
    ///
    /// The time to first token counts from the same moment, so a turn that fell back includes the failed engine's
    /// time in both, as the person experienced it.
    init(
        experiment: String,
        unit: String,
        arm: Arm,
        input: TurnInput,
        analysis: TurnAnalysis,
        outcome: TurnOutcome?,
        latency: Duration,
        at: Date
    ) {
        let run = outcome?.run
        let ttft = run?.timeToFirstToken.map { latency - (run?.latency ?? .zero) + $0 }
        let checks =
            run.map { ReplyChecks.failed(reply: $0.reply, error: nil, language: analysis.language) } ?? [.error]
        self.init(
            turnID: input.turnID,
            experiment: experiment,
            unit: unit,
            userID: input.user,
            sessionID: input.session,
            arm: arm,
            engine: run?.engine ?? "",
            model: run?.model ?? "",
            fellBack: run != nil && !(outcome?.failedEngines.isEmpty ?? true),
            failed: run == nil,
            latencyMs: latency.milliseconds,
            ttftMs: ttft.map { max(0, $0.milliseconds) },
            inputTokens: run?.usage.totalInputTokens ?? 0,
            outputTokens: run?.usage.outputTokens ?? 0,
            costUSD: run?.costUSD,
            toolCalls: run?.toolCalls.count ?? 0,
            invalidToolCalls: run?.toolResults.filter(\.isError).count ?? 0,
            failedChecks: checks.map(\.rawValue),
            language: analysis.languageCode ?? "unknown",
            at: at
        )
    }
}
