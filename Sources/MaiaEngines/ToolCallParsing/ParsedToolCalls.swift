public import MaiaCore

/// Tool calls recovered from raw model text, and the text left for the user.
public struct ParsedToolCalls: Sendable, Hashable {
    /// One recovered call. Raw text carries no call id; `toolCalls(idPrefix:)` assigns them.
    public struct Call: Sendable, Hashable {
        /// The tool's name as the model wrote it.
        public var name: String
        /// The arguments object as the model wrote it.
        public var arguments: JSONValue

        /// Creates a call.
        public init(name: String, arguments: JSONValue) {
            self.name = name
            self.arguments = arguments
        }
    }

    /// The calls, in the order they appear in the text.
    public var calls: [Call]
    /// The text minus call spans, wrapper fences and tags, separators and Llama control tokens, trimmed.
    public var content: String

    /// Creates a parse result.
    public init(calls: [Call], content: String) {
        self.calls = calls
        self.content = content
    }

    /// The calls as engine tool calls with ids `<idPrefix>0`, `<idPrefix>1`, … in order.
    public func toolCalls(idPrefix: String = "call_") -> [ToolCall] {
        calls.enumerated().map {
            ToolCall(id: "\(idPrefix)\($0.offset)", name: $0.element.name, arguments: $0.element.arguments)
        }
    }
}
