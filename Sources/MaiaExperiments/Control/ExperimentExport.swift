public import Foundation
public import MaiaCore
public import MaiaMemory

/// The raw rows of an experiment for analysts: exposures, turns and feedback, as JSON Lines (one object a line, with
/// `kind` saying which) or as one CSV table whose columns are the union of the three (a row leaves the others
/// empty). Times are ISO 8601 in UTC; the CSV quotes every field that holds a comma, quote or line break.
public struct ExperimentExport: Sendable {
    /// The output format.
    public enum Format: String, Sendable, CaseIterable {
        case jsonl
        case csv
    }

    public var exposures: [ExposureRow]
    public var turns: [ExperimentTurnRow]
    public var feedback: [FeedbackRow]

    /// Creates an export of these rows.
    public init(exposures: [ExposureRow], turns: [ExperimentTurnRow], feedback: [FeedbackRow]) {
        self.exposures = exposures
        self.turns = turns
        self.feedback = feedback
    }

    /// Reads every row of `experiment` (from `since` on) from `store`.
    public static func load(
        _ experiment: String,
        since: Date? = nil,
        from store: any ExperimentStore
    ) async throws(MemoryError) -> ExperimentExport {
        ExperimentExport(
            exposures: try await store.exposures(experiment, since: since),
            turns: try await store.experimentTurns(experiment, since: since),
            feedback: try await store.feedback(experiment, since: since)
        )
    }

    /// Every row as a JSON object, exposures first, then turns, then feedback.
    public var objects: [[String: JSONValue]] {
        exposures.map(Self.object) + turns.map(Self.object) + feedback.map(Self.object)
    }

    /// The export as text in `format`, each line ending with a newline.
    public func text(_ format: Format) -> String {
        switch format {
        case .jsonl:
            return objects.map { JSONValue.object($0).jsonText + "\n" }.joined()
        case .csv:
            let header = Self.columns.joined(separator: ",") + "\n"
            return header
                + objects.map { row in
                    Self.columns.map { Self.csvField(row[$0] ?? .null) }.joined(separator: ",") + "\n"
                }.joined()
        }
    }

    /// The CSV columns, in order.
    public static let columns = [
        "kind", "experiment", "unit", "arm", "bucket", "forced", "exposed_at", "turn_id", "user_id", "session_id",
        "engine", "model", "fell_back", "failed", "latency_ms", "ttft_ms", "input_tokens", "output_tokens", "cost_usd",
        "tool_calls", "invalid_tool_calls", "failed_checks", "language", "at", "rating", "comment",
    ]

    static func object(_ row: ExposureRow) -> [String: JSONValue] {
        [
            "kind": "exposure", "experiment": .string(row.experiment), "unit": .string(row.unit),
            "arm": .string(row.arm.rawValue), "bucket": .number(Double(row.bucket)), "forced": .bool(row.forced),
            "exposed_at": .string(time(row.exposedAt)),
        ]
    }

    static func object(_ row: ExperimentTurnRow) -> [String: JSONValue] {
        [
            "kind": "turn", "experiment": .string(row.experiment), "unit": .string(row.unit),
            "arm": .string(row.arm.rawValue), "turn_id": .string(row.turnID), "user_id": .string(row.userID.rawValue),
            "session_id": row.sessionID.map { .string($0.rawValue) } ?? .null, "engine": .string(row.engine),
            "model": .string(row.model), "fell_back": .bool(row.fellBack), "failed": .bool(row.failed),
            "latency_ms": .number(row.latencyMs), "ttft_ms": row.ttftMs.map(JSONValue.number) ?? .null,
            "input_tokens": .number(Double(row.inputTokens)), "output_tokens": .number(Double(row.outputTokens)),
            "cost_usd": row.costUSD.map(JSONValue.number) ?? .null, "tool_calls": .number(Double(row.toolCalls)),
            "invalid_tool_calls": .number(Double(row.invalidToolCalls)),
            "failed_checks": .array(row.failedChecks.map(JSONValue.string)), "language": .string(row.language),
            "at": .string(time(row.at)),
        ]
    }

    static func object(_ row: FeedbackRow) -> [String: JSONValue] {
        [
            "kind": "feedback", "turn_id": .string(row.turnID), "user_id": .string(row.userID.rawValue),
            "rating": .string(row.rating.rawValue), "comment": row.comment.map(JSONValue.string) ?? .null,
            "at": .string(time(row.at)),
        ]
    }

    static func time(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true))
    }

    /// A CSV field: strings as they are, lists joined with `;`, `null` empty; quoted when needed.
    static func csvField(_ value: JSONValue) -> String {
        let text: String
        switch value {
        case .null: text = ""
        case .string(let string): text = string
        case .array(let items): text = items.compactMap(\.stringValue).joined(separator: ";")
        default: text = value.jsonText
        }
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
