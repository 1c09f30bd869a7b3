/// Turns a stream of plain text events into one with tool calls, for engines whose server cannot return
/// structured calls (raw Llama prompting, `ToolCallingMode.inPrompt`).
///
/// Text is held back, because a call may start anywhere; at `finish` (or the end of the stream) the text is
/// parsed with `ToolCallTextParser` and the content, the calls (ids `<idPrefix>0`, `<idPrefix>1`, …) and the
/// finish reason (`toolUse` when there are calls) are emitted. Usage events pass through unchanged.
public struct TextToolCallExtractor<Base: AsyncSequence>: AsyncSequence where Base.Element == EngineEvent {
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

    /// The iterator; see `TextToolCallExtractor`.
    public struct Iterator: AsyncIteratorProtocol {
        var base: Base.AsyncIterator
        let parser: ToolCallTextParser
        let idPrefix: String
        var text = ""
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
                case .textDelta(let delta): text += delta
                case .toolCall, .usage: return event
                case .finish(let reason): flush(finish: reason)
                }
            }
        }

        private mutating func flush(finish reason: FinishReason?) {
            flushed = true
            let parsed = parser.parse(text)
            if !parsed.content.isEmpty { pending.append(.textDelta(parsed.content)) }
            pending.append(contentsOf: parsed.toolCalls(idPrefix: idPrefix).map { .toolCall($0) })
            if let reason { pending.append(.finish(parsed.calls.isEmpty ? reason : .toolUse)) }
        }
    }
}
