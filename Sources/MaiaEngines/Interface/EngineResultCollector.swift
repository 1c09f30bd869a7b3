/// Folds engine events into an `EngineResult`: a pure value, fed one event at a time with its arrival time.
public struct EngineResultCollector: Sendable {
    private var text = ""
    private var toolCalls: [ToolCall] = []
    private var usage = TokenUsage()
    private var finishReason: FinishReason?
    private var timeToFirstToken: Duration?

    /// Creates an empty collector.
    public init() {}

    /// Adds `event`, which arrived `elapsed` after the call started.
    public mutating func add(_ event: EngineEvent, elapsed: Duration) {
        switch event {
        case .textDelta(let delta):
            guard !delta.isEmpty else { return }
            text += delta
            if timeToFirstToken == nil { timeToFirstToken = elapsed }
        case .toolCall(let call):
            toolCalls.append(call)
            if timeToFirstToken == nil { timeToFirstToken = elapsed }
        case .usage(let counts):
            usage = counts
        case .finish(let reason):
            finishReason = reason
        }
    }

    /// The result of a stream that ended `latency` after the call started.
    ///
    /// Throws `EngineError.Code.truncatedStream` when no `.finish` event arrived.
    public func result(model: String, catalog: ModelCatalog, latency: Duration) throws -> EngineResult {
        guard let finishReason else {
            throw EngineError(code: .truncatedStream, message: "The engine's stream ended without a finish event.")
        }
        let cost = catalog.info(for: model).map {
            $0.cost(inputTokens: usage.totalInputTokens, outputTokens: usage.outputTokens)
        }
        return EngineResult(
            model: model,
            text: text,
            toolCalls: toolCalls,
            usage: usage,
            finishReason: finishReason,
            costUSD: cost,
            latency: latency,
            timeToFirstToken: timeToFirstToken
        )
    }
}

extension EngineResultCollector {
    /// Collects `events` into a result, timing the call with `clock`.
    ///
    /// Cancelling the calling task stops the iteration, which in turn cancels an `EngineEventStream` producer.
    public static func collect<Events: AsyncSequence, C: Clock>(
        _ events: Events,
        model: String,
        catalog: ModelCatalog = .builtIn,
        clock: C = ContinuousClock()
    ) async throws -> EngineResult where Events.Element == EngineEvent, C.Duration == Duration {
        let start = clock.now
        var collector = EngineResultCollector()
        for try await event in events {
            collector.add(event, elapsed: start.duration(to: clock.now))
        }
        try Task.checkCancellation()
        return try collector.result(model: model, catalog: catalog, latency: start.duration(to: clock.now))
    }
}

extension ReasoningEngine {
    /// Streams `request` and collects the answer: text, tool calls, usage, finish reason, cost, latency, TTFT.
    public func complete<C: Clock>(
        _ request: EngineRequest,
        catalog: ModelCatalog = .builtIn,
        clock: C = ContinuousClock()
    ) async throws -> EngineResult where C.Duration == Duration {
        try await EngineResultCollector.collect(stream(request), model: model, catalog: catalog, clock: clock)
    }
}
