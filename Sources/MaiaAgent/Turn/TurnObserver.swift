/// Watches model turns from the moment they are prepared: the seam through which a shadow engine answers the same
/// turn (same prompt, history, tools and memory snapshot) beside the primary without touching its flow.
public protocol TurnObserver: Sendable {
    /// Called once a turn is prepared, before any engine runs. It must return at once (it sits on the primary
    /// turn's path); long work belongs in a task of the observer's own.
    ///
    /// The returned closure is called exactly once, with the turn's outcome, or `nil` when no engine could answer.
    /// Crisis replies and invitations never reach an engine, so they are not observed.
    func turnPrepared(
        _ turn: PersonalOracleAgent.PreparedTurn,
        input: TurnInput,
        analysis: TurnAnalysis
    ) -> @Sendable (TurnOutcome?) -> Void
}
