import Dispatch
public import Foundation
public import MaiaMemory

/// The automatic rollback: after recorded turns, at most once per `interval`, loads the experiment's turns and
/// feedback, asks ``GuardrailCheck`` for a breach that is significant under the always-valid sequential test, and on
/// one rolls the experiment back (share 0, status `rolled_back`, the breach's sentence as the reason, by
/// `guardrail`). Every replica obeys within its state cache's age; `maia experiment clear` acknowledges it.
///
/// Checks are rate-limited per process, so N replicas check at most N times per interval between them; each check
/// reads every row of the experiment, which is what bounds how short the interval should be.
public actor GuardrailMonitor {
    public let control: ExperimentControl
    public let check: GuardrailCheck
    /// The shortest time between two checks of this process.
    public let interval: Duration
    private let state: ExperimentStateCache
    private let clock = ContinuousClock()
    private var lastCheck: ContinuousClock.Instant?
    private var checking = false
    private let onRollback: @Sendable (ExperimentState) -> Void
    private let onError: @Sendable (String) -> Void
    /// The analysis runs a bootstrap: it is CPU work kept off the cooperative pool.
    private static let work = DispatchQueue(label: "maia.experiments.guardrails", qos: .utility)

    /// Creates a monitor of the experiment `state` caches.
    public init(
        control: ExperimentControl,
        check: GuardrailCheck,
        state: ExperimentStateCache,
        interval: Duration = .seconds(60),
        onRollback: @escaping @Sendable (ExperimentState) -> Void = { _ in },
        onError: @escaping @Sendable (String) -> Void = { _ in }
    ) {
        self.control = control
        self.check = check
        self.state = state
        self.interval = interval
        self.onRollback = onRollback
        self.onError = onError
    }

    /// Called after each recorded turn: checks the guardrails when the interval has passed since the last check.
    public func turnRecorded() async {
        if checking { return }
        if let lastCheck, lastCheck.duration(to: clock.now) < interval { return }
        lastCheck = clock.now
        checking = true
        defer { checking = false }
        _ = await checkNow()
    }

    /// Checks the guardrails at once; returns the rollback state when a breach rolled the experiment back.
    @discardableResult
    public func checkNow(now: Date = Date()) async -> ExperimentState? {
        let current = await state.current()
        guard current.status == .running else { return nil }
        let experiment = control.experiment
        let turns: [ExperimentTurnRow]
        let feedback: [FeedbackRow]
        do {
            turns = try await control.store.experimentTurns(experiment, since: nil)
            feedback = try await control.store.feedback(experiment, since: nil)
        } catch {
            onError("the guardrails could not read the experiment's rows: \(error)")
            return nil
        }
        let check = check
        let breach = await withCheckedContinuation { continuation in
            Self.work.async {
                continuation.resume(returning: check.firstBreach(turns: turns, feedback: feedback, now: now))
            }
        }
        guard let breach else { return nil }
        do {
            let rolledBack = try await control.rollBack(reason: breach.reason)
            await state.invalidate()
            onRollback(rolledBack)
            return rolledBack
        } catch {
            onError("a guardrail breach could not roll the experiment back: \(error)")
            return nil
        }
    }
}
