import Foundation
public import MaiaAgent

/// One turn of a batch or interactive shadow run: the turn is prepared once, the primary and the candidate answer
/// it concurrently (each with its own timeout), the judge compares them when there is one. Nothing is stored as
/// conversation, so a prompt set can be run again and again over the same seeded memories.
public struct ShadowTrial: Sendable {
    public let agent: PersonalOracleAgent
    public let primary: ShadowEngine
    public let candidate: ShadowEngine
    public let judge: PairwiseJudge?
    /// Whether the two engines answer one after the other (they share a one-request-at-a-time server).
    public let sequential: Bool

    /// Creates a trial runner; `agent` only prepares turns (its engines are not used).
    public init(
        agent: PersonalOracleAgent,
        primary: ShadowEngine,
        candidate: ShadowEngine,
        judge: PairwiseJudge?,
        sequential: Bool = false
    ) {
        self.agent = agent
        self.primary = primary
        self.candidate = candidate
        self.judge = judge
        self.sequential = sequential
    }

    /// Runs `input` through both engines and returns the comparison (not yet logged).
    public func compare(_ input: TurnInput, source: ShadowRecord.Source) async throws(AgentError) -> ShadowRecord {
        let text = input.message.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else { throw AgentError(.invalidInput, "a shadow prompt cannot be empty") }
        let analysis = TurnAnalysis.of(text)
        let turn = try await agent.prepare(input, text: text, analysis: analysis)
        let (first, second) = await answers(turn)
        let verdict = await judge?.judge(
            .init(userMessage: text, language: analysis.language, primary: first, candidate: second)
        )
        return ShadowRecord(
            source: source,
            input: input,
            analysis: analysis,
            primary: first.answer,
            candidate: second.answer,
            judge: verdict
        )
    }

    private func answers(_ turn: PersonalOracleAgent.PreparedTurn) async -> (ShadowEngine.Run, ShadowEngine.Run) {
        if sequential { return (await primary.answer(turn), await candidate.answer(turn)) }
        async let primaryRun = primary.answer(turn)
        async let candidateRun = candidate.answer(turn)
        return await (primaryRun, candidateRun)
    }
}
