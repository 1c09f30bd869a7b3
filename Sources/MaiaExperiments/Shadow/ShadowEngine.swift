public import MaiaAgent
import MaiaCore
public import MaiaEngines

/// One engine answering a prepared turn for comparison: the agent's tool loop with the turn's read-only executor,
/// bounded by a timeout, persisting nothing. Failures and timeouts become part of the answer, never errors.
public struct ShadowEngine: Sendable {
    /// What the engine produced, with the tool results it saw (the judge needs them).
    public struct Run: Sendable {
        public var answer: ShadowAnswer
        public var toolResults: [ToolResult]
    }

    public let slot: EngineSlot
    /// Longest time the whole turn (every model call and tool) may take.
    public let timeout: Duration
    public let maxToolRounds: Int

    /// Creates a shadow engine.
    public init(slot: EngineSlot, timeout: Duration, maxToolRounds: Int = 4) {
        self.slot = slot
        self.timeout = timeout
        self.maxToolRounds = maxToolRounds
    }

    /// Answers `turn`. Nothing is stored: the executor only reads, and a `flag_breakthrough` call is only recorded
    /// as a tool call of this answer.
    public func answer(_ turn: PersonalOracleAgent.PreparedTurn) async -> Run {
        let clock = ContinuousClock()
        let start = clock.now
        let runner = TurnRunner(slot: slot, executor: turn.executor)
        let timeout = timeout
        let rounds = maxToolRounds
        do {
            let run = try await withThrowingTaskGroup(of: EngineRun?.self) { group in
                group.addTask {
                    try await runner.run(
                        turn,
                        maxToolRounds: rounds,
                        onEvent: { _ in }
                    )
                }
                group.addTask {
                    try await Task.sleep(for: timeout)
                    return nil
                }
                let first = try await group.next() ?? nil
                group.cancelAll()
                return first
            }
            guard let run else {
                return failed(
                    "\(slot.engine.name) timed out after \(timeout.shortDescription)",
                    timedOut: true,
                    clock.now - start
                )
            }
            return Run(answer: ShadowAnswer(run), toolResults: run.toolResults)
        } catch is CancellationError {
            return failed("\(slot.engine.name) was cancelled", timedOut: false, clock.now - start)
        } catch {
            return failed("\(slot.engine.name) failed: \(error)", timedOut: false, clock.now - start)
        }
    }

    private func failed(_ reason: String, timedOut: Bool, _ elapsed: Duration) -> Run {
        let answer = ShadowAnswer(
            engine: slot.engine.name,
            model: slot.engine.model,
            response: "",
            latencyMs: elapsed.milliseconds,
            error: reason,
            timedOut: timedOut
        )
        return Run(answer: answer, toolResults: [])
    }
}

extension ShadowAnswer {
    /// The answer of a finished engine run; tool results are measured, not copied.
    public init(_ run: EngineRun) {
        let calls = zip(run.toolCalls, run.toolResults).map { call, result in
            ShadowToolCall(
                name: call.name,
                arguments: call.arguments,
                resultSize: result.content.count,
                isError: result.isError
            )
        }
        self.init(
            engine: run.engine,
            model: run.model,
            response: run.reply,
            toolCalls: calls,
            inputTokens: run.usage.totalInputTokens,
            outputTokens: run.usage.outputTokens,
            latencyMs: run.latency.milliseconds,
            ttftMs: run.timeToFirstToken?.milliseconds,
            costUSD: run.costUSD
        )
    }
}

extension Duration {
    /// "30 s", "250 ms".
    var shortDescription: String {
        let milliseconds = self.milliseconds
        return milliseconds >= 1000 && milliseconds.truncatingRemainder(dividingBy: 1000) == 0
            ? "\(Int(milliseconds / 1000)) s" : "\(Int(milliseconds)) ms"
    }
}
