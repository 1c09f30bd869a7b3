import Foundation
public import MaiaCore
public import MaiaEngines

/// What happened while one engine answered one turn: no persistence, so primary and shadow runs share it.
public struct EngineRun: Sendable {
    /// The text the person sees: every round's text, joined.
    public var reply: String
    public var engine: String
    public var model: String
    public var toolCalls: [ToolCall]
    public var toolResults: [ToolResult]
    /// Token counts summed over every model call of the turn.
    public var usage: TokenUsage
    public var costUSD: Double?
    public var latency: Duration
    public var timeToFirstToken: Duration?
    public var modelCalls: Int
    /// Whether the model called `flag_breakthrough` successfully.
    public var flaggedBreakthrough: Bool
    /// Memory the agent gave the model without a tool call.
    public var prefetched = PrefetchedMemory(items: [])
    /// For each of `toolCalls`, the model call (1, 2, …) that made it: calls of one round were made together.
    public var toolRounds: [Int] = []
}

/// Progress of a turn, for streaming interfaces.
public enum TurnEvent: Sendable, Hashable {
    case textDelta(String)
    /// The model called a tool with these arguments (as it wrote them; the executor runs as the turn's user).
    case toolStarted(name: String, arguments: JSONValue)
    /// A tool finished; `resultSize` is the length of its result text in bytes.
    case toolFinished(name: String, isError: Bool, resultSize: Int)
    /// The engine failed and the next one takes over; text streamed so far is void.
    case fallback(from: String, to: String)
}

/// Drives the ``ToolLoop`` for one engine: calls the model, runs tools, feeds results back.
public struct TurnRunner: Sendable {
    let slot: EngineSlot
    let executor: MemoryToolExecutor

    /// Creates a runner.
    public init(slot: EngineSlot, executor: MemoryToolExecutor) {
        self.slot = slot
        self.executor = executor
    }

    /// Answers a prepared turn with the prompt of this slot's profile. A model that gets prefetched memory under
    /// the compact profile is offered no tools: it would not call them, and their definitions would fill its prompt.
    public func run(
        _ turn: PersonalOracleAgent.PreparedTurn,
        maxToolRounds: Int,
        onEvent: @Sendable (TurnEvent) -> Void
    ) async throws -> EngineRun {
        let memory = turn.memory(for: slot.profile)
        var run = try await run(
            system: turn.system(for: slot.profile),
            messages: turn.messages,
            maxToolRounds: slot.profile == .compact && memory != nil ? 0 : maxToolRounds,
            onEvent: onEvent
        )
        run.prefetched = memory ?? PrefetchedMemory(items: [])
        return run
    }

    /// Answers `messages` (history ending with the user's message) under `system`.
    public func run(
        system: String,
        messages: [ChatMessage],
        maxToolRounds: Int,
        onEvent: @Sendable (TurnEvent) -> Void
    ) async throws -> EngineRun {
        let clock = ContinuousClock()
        let start = clock.now
        var loop = ToolLoop(messages: messages, maxToolRounds: maxToolRounds)
        var step = loop.start()
        var run = EngineRun(
            reply: "",
            engine: slot.engine.name,
            model: slot.engine.model,
            toolCalls: [],
            toolResults: [],
            usage: TokenUsage(),
            costUSD: nil,
            latency: .zero,
            timeToFirstToken: nil,
            modelCalls: 0,
            flaggedBreakthrough: false
        )
        var texts: [String] = []
        while true {
            switch step {
            case .callModel(let conversation, let toolsAllowed):
                let result = try await callModel(
                    system: system,
                    conversation: conversation,
                    toolsAllowed: toolsAllowed,
                    separated: texts.contains { !$0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty },
                    onEvent: onEvent
                )
                run.modelCalls += 1
                run.model = result.model
                run.usage.inputTokens += result.usage.inputTokens
                run.usage.outputTokens += result.usage.outputTokens
                run.usage.cacheReadInputTokens += result.usage.cacheReadInputTokens
                run.usage.cacheCreationInputTokens += result.usage.cacheCreationInputTokens
                run.usage.isEstimated = run.usage.isEstimated || result.usage.isEstimated
                if let cost = result.costUSD { run.costUSD = (run.costUSD ?? 0) + cost }
                if run.timeToFirstToken == nil, let first = result.timeToFirstToken {
                    run.timeToFirstToken = (clock.now - start) - result.latency + first
                }
                texts.append(result.text)
                step = loop.modelAnswered(text: result.text, calls: result.toolCalls)
            case .runTools(let calls):
                let results = await runTools(calls, onEvent: onEvent)
                run.toolCalls += calls
                run.toolResults += results
                run.toolRounds += Array(repeating: run.modelCalls, count: calls.count)
                if zip(calls, results).contains(where: { $0.name == "flag_breakthrough" && !$1.isError }) {
                    run.flaggedBreakthrough = true
                }
                step = loop.toolsFinished(results)
            case .finish:
                run.reply = texts.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
                    .joined(separator: " ")
                run.latency = clock.now - start
                return run
            case .fail(let reason):
                throw EngineError(code: .malformedResponse, message: "\(slot.engine.name): \(reason)")
            }
        }
    }

    private func callModel(
        system: String,
        conversation: [ChatMessage],
        toolsAllowed: Bool,
        separated: Bool,
        onEvent: @Sendable (TurnEvent) -> Void
    ) async throws -> EngineResult {
        let tools = toolsAllowed ? MemoryToolCatalog.turnTools : []
        guard
            let fitted = slot.budget.fit(
                system: system,
                messages: conversation,
                tools: toolsAllowed ? [Self.toolsAsText] : []
            )
        else {
            throw AgentError(
                .invalidInput,
                "the message is too long for \(slot.engine.model)'s context window; shorten it"
            )
        }
        let request = EngineRequest(
            system: system,
            messages: fitted,
            tools: tools,
            toolChoice: toolsAllowed ? .auto : .none,
            parameters: slot.parameters
        )
        let clock = ContinuousClock()
        let start = clock.now
        var collector = EngineResultCollector()
        // The reply joins the rounds' texts with a space, so a listener sees that space too.
        var pendingSeparator = separated
        for try await event in slot.engine.stream(request) {
            collector.add(event, elapsed: clock.now - start)
            guard case .textDelta(let delta) = event else { continue }
            if pendingSeparator, !delta.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                pendingSeparator = false
                onEvent(.textDelta(" "))
            }
            onEvent(.textDelta(delta))
        }
        return try collector.result(model: slot.engine.model, catalog: slot.catalog, latency: clock.now - start)
    }

    /// The turn's tools as an in-prompt engine sees them (instructions and pretty-printed definitions): the
    /// budget counts this for every engine, since native tool APIs also add a tool preamble of their own.
    static let toolsAsText = ToolPromptText.block(tools: MemoryToolCatalog.turnTools, choice: .auto)

    private func runTools(_ calls: [ToolCall], onEvent: @Sendable (TurnEvent) -> Void) async -> [ToolResult] {
        for call in calls { onEvent(.toolStarted(name: call.name, arguments: call.arguments)) }
        let results: [ToolResult]
        if slot.parallelTools {
            results = await withTaskGroup(of: (Int, ToolResult).self) { group in
                for (index, call) in calls.enumerated() {
                    group.addTask { (index, await executor.execute(call)) }
                }
                var collected: [(Int, ToolResult)] = []
                for await result in group { collected.append(result) }
                return collected.sorted { $0.0 < $1.0 }.map(\.1)
            }
        } else {
            var ordered: [ToolResult] = []
            for call in calls { ordered.append(await executor.execute(call)) }
            results = ordered
        }
        for result in results {
            onEvent(.toolFinished(name: result.name, isError: result.isError, resultSize: result.content.utf8.count))
        }
        return results
    }
}
