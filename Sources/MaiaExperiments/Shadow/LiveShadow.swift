import Foundation
public import MaiaAgent

/// Live shadow mode: observes every prepared turn and, when the queue has room, runs the candidate on the same
/// prepared turn at once (concurrently with the primary), waits for the primary's outcome, and appends the
/// comparison to the log. The candidate's answer is never stored as conversation nor shown.
public final class LiveShadow: TurnObserver {
    public let candidate: ShadowEngine
    public let log: ShadowLog
    public let queue: ShadowQueue
    /// Whether the candidate waits for the primary's outcome before it starts: for a candidate served by the same
    /// one-request-at-a-time server as the primary (the local llama.cpp server interrupts a running request when
    /// another arrives), so that shadowing can never cut the primary's answer short.
    public let startsAfterPrimary: Bool
    /// Told (without content) when a record could not be written.
    let onError: @Sendable (String) -> Void

    /// Creates the observer; `onError` hears about log write failures (never about the primary turn).
    public init(
        candidate: ShadowEngine,
        log: ShadowLog,
        queue: ShadowQueue,
        startsAfterPrimary: Bool = false,
        onError: @escaping @Sendable (String) -> Void = { _ in }
    ) {
        self.candidate = candidate
        self.log = log
        self.queue = queue
        self.startsAfterPrimary = startsAfterPrimary
        self.onError = onError
    }

    public func turnPrepared(
        _ turn: PersonalOracleAgent.PreparedTurn,
        input: TurnInput,
        analysis: TurnAnalysis
    ) -> @Sendable (TurnOutcome?) -> Void {
        let (outcomes, deliver) = AsyncStream<TurnOutcome?>.makeStream(bufferingPolicy: .bufferingNewest(1))
        let candidate = candidate
        let log = log
        let onError = onError
        let afterPrimary = startsAfterPrimary
        let accepted = queue.submit {
            let primaryOutcome: TurnOutcome?
            let candidateAnswer: ShadowAnswer
            if afterPrimary {
                primaryOutcome = await Self.first(outcomes)
                candidateAnswer = await candidate.answer(turn).answer
            } else {
                async let candidateRun = candidate.answer(turn)
                primaryOutcome = await Self.first(outcomes)
                candidateAnswer = await candidateRun.answer
            }
            // Cancelled by the exit bound: a half-finished comparison is dropped rather than logged as a failure.
            guard !Task.isCancelled else { return }
            let record = ShadowRecord(
                source: .live,
                input: input,
                analysis: analysis,
                primary: Self.primaryAnswer(primaryOutcome),
                candidate: candidateAnswer
            )
            do {
                try await log.append(record)
            } catch {
                onError("\(error)")
            }
        }
        guard accepted else { return { _ in } }
        return { outcome in
            deliver.yield(outcome)
            deliver.finish()
        }
    }

    private static func first(_ outcomes: AsyncStream<TurnOutcome?>) async -> TurnOutcome? {
        for await outcome in outcomes { return outcome }
        return nil
    }

    private static func primaryAnswer(_ outcome: TurnOutcome?) -> ShadowAnswer {
        guard let run = outcome?.run else {
            return ShadowAnswer(engine: "primary", model: "unknown", response: "", error: "no engine could answer")
        }
        return ShadowAnswer(run)
    }
}
