public import MaiaCore

extension EngineResult {
    /// The stable `maia ask --json` shape: `{reply, engine, model, tool_calls:[{id, name, arguments}],
    /// usage:{input_tokens, output_tokens}, usage_estimated, cost_usd, latency_ms, ttft_ms, finish_reason}`;
    /// `usage_estimated` is true when the engine estimated the counts because the server gave none.
    ///
    /// `input_tokens` counts every prompt token (uncached plus cache reads and writes); `cost_usd` and `ttft_ms`
    /// are `null` when unknown.
    public func reportJSON(engine: String) -> JSONValue {
        let calls: [JSONValue] = toolCalls.map {
            ["id": .string($0.id), "name": .string($0.name), "arguments": $0.arguments]
        }
        return [
            "reply": .string(text),
            "engine": .string(engine),
            "model": .string(model),
            "tool_calls": .array(calls),
            "usage": [
                "input_tokens": .number(Double(usage.totalInputTokens)),
                "output_tokens": .number(Double(usage.outputTokens)),
            ],
            "usage_estimated": .bool(usage.isEstimated),
            "cost_usd": costUSD.map { .number($0) } ?? .null,
            "latency_ms": .number((latency.milliseconds * 10).rounded() / 10),
            "ttft_ms": timeToFirstToken.map { .number(($0.milliseconds * 10).rounded() / 10) } ?? .null,
            "finish_reason": .string(finishReason.wireName),
        ]
    }
}

extension FinishReason {
    /// A stable snake_case name: `end_turn`, `max_tokens`, `tool_use`, `stop_sequence`, `refusal`, or the
    /// provider's own spelling.
    public var wireName: String {
        switch self {
        case .endTurn: "end_turn"
        case .maxTokens: "max_tokens"
        case .toolUse: "tool_use"
        case .stopSequence: "stop_sequence"
        case .refusal: "refusal"
        case .other(let name): name
        }
    }
}

extension ReasoningEngine {
    /// Streams `request`, handing each text delta to `onText` as it arrives, and returns the collected result.
    public func complete(
        _ request: EngineRequest,
        catalog: ModelCatalog = .builtIn,
        onText: @Sendable (String) -> Void
    ) async throws -> EngineResult {
        let clock = ContinuousClock()
        let start = clock.now
        var collector = EngineResultCollector()
        for try await event in stream(request) {
            if case .textDelta(let text) = event { onText(text) }
            collector.add(event, elapsed: start.duration(to: clock.now))
        }
        try Task.checkCancellation()
        return try collector.result(model: model, catalog: catalog, latency: start.duration(to: clock.now))
    }
}
