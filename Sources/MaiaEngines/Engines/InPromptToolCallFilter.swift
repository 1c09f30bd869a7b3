/// Streams plain text from a model that writes its tool calls as text (`ToolCallingMode.inPrompt`, raw Llama
/// prompting), without ever showing call text to the user.
///
/// Text is passed through until the first character that could open a call (`{`, `[`, `<` or a backtick for a
/// markdown fence); from there on everything is held back. At `finish` (or the end of the stream) the held-back
/// text is parsed with `ToolCallTextParser`: its content is emitted as text, its calls as `.toolCall` events
/// (ids `<idPrefix>0`, `<idPrefix>1`, …), and the finish reason becomes `toolUse` when there are calls. Prose is
/// therefore streamed as it arrives; only an answer that contains a possible call is delayed to the end.
/// Usage events pass through.
public struct InPromptToolCallFilter<Base: AsyncSequence>: AsyncSequence where Base.Element == EngineEvent {
    public typealias Element = EngineEvent

    let base: Base
    let parser: ToolCallTextParser
    let idPrefix: String

    /// Wraps `base`; calls get ids `idPrefix` followed by their position.
    public init(_ base: Base, parser: ToolCallTextParser = ToolCallTextParser(), idPrefix: String = "call_") {
        self.base = base
        self.parser = parser
        self.idPrefix = idPrefix
    }

    public func makeAsyncIterator() -> Iterator {
        Iterator(base: base.makeAsyncIterator(), parser: parser, idPrefix: idPrefix)
    }

    /// The iterator; see `InPromptToolCallFilter`.
    public struct Iterator: AsyncIteratorProtocol {
        var base: Base.AsyncIterator
        let parser: ToolCallTextParser
        let idPrefix: String
        var heldBack: String?
        var pending: [EngineEvent] = []
        var flushed = false

        public mutating func next() async throws -> EngineEvent? {
            while true {
                if !pending.isEmpty { return pending.removeFirst() }
                if flushed { return nil }
                guard let event = try await base.next() else {
                    flush(finish: nil)
                    continue
                }
                switch event {
                case .textDelta(let delta):
                    if let text = heldBack {
                        heldBack = text + delta
                    } else if let start = delta.firstIndex(where: CallOpening.mayOpenCall) {
                        heldBack = String(delta[start...])
                        if start > delta.startIndex { return .textDelta(String(delta[..<start])) }
                    } else if !delta.isEmpty {
                        return event
                    }
                case .toolCall, .usage:
                    return event
                case .finish(let reason):
                    flush(finish: reason)
                }
            }
        }

        private mutating func flush(finish reason: FinishReason?) {
            flushed = true
            var hasCalls = false
            if let text = heldBack {
                let parsed = parser.parse(text)
                if !parsed.content.isEmpty { pending.append(.textDelta(parsed.content)) }
                let calls = parsed.toolCalls(idPrefix: idPrefix)
                hasCalls = !calls.isEmpty
                pending.append(contentsOf: calls.map { .toolCall($0) })
            }
            if let reason { pending.append(.finish(hasCalls ? .toolUse : reason)) }
        }
    }
}

/// Where held-back text starts.
enum CallOpening {
    /// Whether `character` may start a call in a format `ToolCallTextParser` reads.
    static func mayOpenCall(_ character: Character) -> Bool {
        character == "{" || character == "[" || character == "<" || character == "`"
    }
}
