import Foundation
import MaiaCore

/// The seed's shadow entries: `claudeResponse` / `llamaResponse` / `llamaTools` (names, objects or a count) and,
/// when present, `claudeTokens` / `llamaTokens` (`{input, output}`) and `claudeLatency` / `llamaLatency` (ms).
enum SeedShadowEntry {
    static func record(_ object: [String: JSONValue]) throws -> ShadowRecord {
        guard case .string(let message)? = object["userMessage"] else {
            throw ShadowLogError("neither MAIA's record (no \"primary\") nor the seed's (no \"userMessage\")")
        }
        guard case .string(let claude)? = object["claudeResponse"], case .string(let llama)? = object["llamaResponse"]
        else {
            throw ShadowLogError("a seed entry needs \"claudeResponse\" and \"llamaResponse\" strings")
        }
        let primary = answer(engine: "claude", response: claude, prefix: "claude", object)
        let candidate = answer(engine: "llama", response: llama, prefix: "llama", object)
        return ShadowRecord(
            id: object["id"]?.stringValue ?? UUID().uuidString.lowercased(),
            timestamp: timestamp(object["timestamp"]),
            source: .batch,
            userId: object["userId"]?.stringValue ?? "unknown",
            sessionId: object["sessionId"]?.stringValue,
            userMessage: message,
            language: object["language"]?.stringValue ?? "unknown",
            primary: primary,
            candidate: candidate,
            comparison: ShadowComparison(primary: primary, candidate: candidate)
        )
    }

    private static func answer(
        engine: String,
        response: String,
        prefix: String,
        _ object: [String: JSONValue]
    ) -> ShadowAnswer {
        let tokens = object["\(prefix)Tokens"]?.objectValue ?? [:]
        return ShadowAnswer(
            engine: engine,
            model: object["\(prefix)Model"]?.stringValue ?? engine,
            response: response,
            toolCalls: tools(object["\(prefix)Tools"]),
            inputTokens: tokens["input"]?.numberValue.map { Int($0) } ?? 0,
            outputTokens: tokens["output"]?.numberValue.map { Int($0) } ?? 0,
            latencyMs: object["\(prefix)Latency"]?.numberValue,
            error: object["\(prefix)Error"]?.stringValue
        )
    }

    private static func tools(_ value: JSONValue?) -> [ShadowToolCall] {
        switch value {
        case .array(let items)?:
            return items.map { item in
                if case .string(let name) = item { return ShadowToolCall(name: name, arguments: [:], resultSize: 0) }
                let fields = item.objectValue ?? [:]
                return ShadowToolCall(
                    name: fields["name"]?.stringValue ?? "unknown",
                    arguments: fields["arguments"] ?? fields["parameters"] ?? [:],
                    resultSize: 0
                )
            }
        case .number(let count)?:
            // The seed sometimes logged only how many tools were called.
            return (0..<max(0, Int(count))).map { _ in ShadowToolCall(name: "unknown", arguments: [:], resultSize: 0) }
        default:
            return []
        }
    }

    private static func timestamp(_ value: JSONValue?) -> Date {
        switch value {
        case .string(let text)?: ISO8601.parse(text) ?? Date(timeIntervalSince1970: 0)
        case .number(let milliseconds)?: Date(timeIntervalSince1970: milliseconds / 1000)
        default: Date(timeIntervalSince1970: 0)
        }
    }
}
