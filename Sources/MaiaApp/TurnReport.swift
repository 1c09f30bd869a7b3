public import MaiaAgent
public import MaiaCore
import MaiaEngines

/// The `--json` shape of a memory turn (`maia ask --user … --json`).
public enum TurnReport {
    /// The outcome as `maia ask --user --json` prints it and `POST /v1/turns` answers it; `turn_id` (what feedback
    /// names) when `turnID` is given.
    public static func json(_ outcome: TurnOutcome, turnID: String? = nil) -> JSONValue {
        var json = fields(outcome)
        if let turnID { json["turn_id"] = .string(turnID) }
        return .object(json)
    }

    private static func fields(_ outcome: TurnOutcome) -> [String: JSONValue] {
        let analysis = outcome.analysis
        let run = outcome.run
        let results = run?.toolResults ?? []
        return [
            "reply": .string(outcome.reply),
            "kind": .string(outcome.kind.rawValue),
            "engine": run.map { .string($0.engine) } ?? .null,
            "model": run.map { .string($0.model) } ?? .null,
            "language": analysis.languageCode.map(JSONValue.string) ?? "unknown",
            "element": .string(analysis.elements.dominant.name),
            "facet": analysis.elements.facet.map(JSONValue.string) ?? .null,
            "phase": .string(analysis.elements.phase.rawValue),
            "coherence": .number(analysis.coherence),
            "breakthrough": .bool(outcome.breakthrough),
            "tool_calls": .array(
                zip(run?.toolCalls ?? [], results).map { call, result in
                    ["name": .string(call.name), "arguments": call.arguments, "is_error": .bool(result.isError)]
                }
            ),
            "usage": [
                "input_tokens": .number(Double(run?.usage.totalInputTokens ?? 0)),
                "output_tokens": .number(Double(run?.usage.outputTokens ?? 0)),
            ],
            "usage_estimated": .bool(run?.usage.isEstimated ?? false),
            "cost_usd": run?.costUSD.map(JSONValue.number) ?? .null,
            "latency_ms": run.map { .number($0.latency.milliseconds) } ?? .null,
            "ttft_ms": run?.timeToFirstToken.map { .number($0.milliseconds) } ?? .null,
            "failed_engines": .array(outcome.failedEngines.map(JSONValue.string)),
            "stored_message_ids": .array(outcome.storedMessageIDs.map(JSONValue.string)),
        ]
    }
}
