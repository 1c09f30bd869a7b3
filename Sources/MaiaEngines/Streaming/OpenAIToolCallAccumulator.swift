import MaiaCore

/// Buffers streamed `delta.tool_calls[]` fragments (PROTOCOLS.md §2.4, §8) and completes them at the end.
///
/// Fragments are keyed by `index`; a fragment whose index repeats with a *different* id starts a new call
/// (Ollama sends `index: 0` for every parallel call). Arguments arrive as string pieces (concatenated) or as a
/// whole object (old TGI, Ollama). At the end a string is parsed strictly: empty is `{}`, invalid JSON is kept
/// as `.string(raw)` so that the agent can answer with a tool error instead of failing the turn.
struct OpenAIToolCallAccumulator: Sendable {
    private struct Partial: Sendable {
        var id: String?
        var name = ""
        var arguments = ""
        var argumentsObject: JSONValue?
    }

    private var calls: [Partial] = []
    private var positionByIndex: [Int: Int] = [:]

    var isEmpty: Bool { calls.isEmpty }

    mutating func add(_ fragment: JSONValue) {
        let key = fragment["index"]?.numberValue.map { Int(max(-1, min($0, 1_000_000))) } ?? -1
        let id = fragment["id"]?.stringValue.flatMap { $0.isEmpty ? nil : $0 }
        let position: Int
        if let existing = positionByIndex[key], id == nil || calls[existing].id == nil || calls[existing].id == id {
            position = existing
        } else {
            calls.append(Partial())
            position = calls.count - 1
            positionByIndex[key] = position
        }
        if let id, calls[position].id == nil { calls[position].id = id }
        let function = fragment["function"]
        if let name = function?["name"]?.stringValue, !name.isEmpty, calls[position].name.isEmpty {
            calls[position].name = name
        }
        switch function?["arguments"] {
        case .string(let piece)?: calls[position].arguments += piece
        case .object(let members)?: calls[position].argumentsObject = .object(members)
        default: break
        }
    }

    /// The completed calls, in order; ids default to `call_<position>`.
    func completed() throws -> [ToolCall] {
        try calls.enumerated().map { position, partial in
            guard !partial.name.isEmpty else {
                throw ProviderErrorMapping.malformed("a streamed tool call has no function name")
            }
            let arguments: JSONValue
            if partial.arguments.allSatisfy(\.isWhitespace) {
                arguments = partial.argumentsObject ?? [:]
            } else {
                arguments = StrictJSONParser.parse(partial.arguments) ?? .string(partial.arguments)
            }
            return ToolCall(id: partial.id ?? "call_\(position)", name: partial.name, arguments: arguments)
        }
    }
}
