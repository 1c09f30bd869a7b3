/// One turn of a conversation as every engine sees it; each engine renders it in its own wire format.
public enum ChatMessage: Sendable, Hashable {
    /// Something the user said.
    case user(String)
    /// What the model answered: text (possibly empty) and the tool calls it made, in order.
    case assistant(String, toolCalls: [ToolCall] = [])
    /// The result of running one tool call, sent back to the model.
    case toolResult(ToolResult)

    /// The role of the turn.
    public var role: Role {
        switch self {
        case .user: .user
        case .assistant: .assistant
        case .toolResult: .toolResult
        }
    }

    /// The roles a turn can have.
    public enum Role: String, Sendable, Hashable {
        case user
        case assistant
        case toolResult = "tool_result"
    }
}

/// The outcome of one tool call, answered to the model in the next turn.
public struct ToolResult: Sendable, Hashable {
    /// The id of the call this answers (`ToolCall.id`).
    public var callID: String
    /// The name of the tool that ran; formats without call ids (Llama 3.1) need it.
    public var name: String
    /// The result as text (usually JSON).
    public var content: String
    /// `true` when the tool failed and `content` explains why.
    public var isError: Bool

    /// Creates a tool result.
    public init(callID: String, name: String, content: String, isError: Bool = false) {
        self.callID = callID
        self.name = name
        self.content = content
        self.isError = isError
    }
}
