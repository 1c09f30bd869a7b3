public import MaiaEngines

/// The tool loop of one turn as a pure state machine: it decides the next step from the model's last answer;
/// a thin async driver does the I/O. The conversation (history + the user's message) is kept in every round.
public struct ToolLoop: Sendable, Hashable {
    /// What the driver must do next.
    public enum Step: Sendable, Hashable {
        /// Call the model with `messages`; `toolsAllowed` is false for the forced final answer.
        case callModel(messages: [ChatMessage], toolsAllowed: Bool)
        /// Run these calls, then report their results with ``ToolLoop/toolsFinished(_:)``.
        case runTools([ToolCall])
        /// The turn is answered.
        case finish(text: String)
        /// The model answered nothing usable.
        case fail(reason: String)
    }

    /// The conversation sent to the model, growing by one assistant turn and its results per round.
    public private(set) var messages: [ChatMessage]
    /// Model calls made so far.
    public private(set) var round = 0
    /// Rounds in which tools may be called; the round after them must answer without tools.
    public let maxToolRounds: Int
    /// Every tool call made, in order.
    public private(set) var toolCalls: [ToolCall] = []

    /// Starts a turn over `messages` (history ending with the user's message).
    public init(messages: [ChatMessage], maxToolRounds: Int) {
        self.messages = messages
        self.maxToolRounds = max(0, maxToolRounds)
    }

    /// The first step: call the model with tools (unless no tool rounds are allowed).
    public mutating func start() -> Step {
        round = 1
        return .callModel(messages: messages, toolsAllowed: maxToolRounds > 0)
    }

    /// The model answered with `text` and `calls`.
    public mutating func modelAnswered(text: String, calls: [ToolCall]) -> Step {
        if calls.isEmpty || round > maxToolRounds {
            let reply = text.trimmingWhitespace()
            return reply.isEmpty ? .fail(reason: "the model returned an empty answer") : .finish(text: String(reply))
        }
        messages.append(.assistant(text, toolCalls: calls))
        toolCalls += calls
        return .runTools(calls)
    }

    /// The tools ran; their results go back to the model (without tools once the round limit is reached).
    public mutating func toolsFinished(_ results: [ToolResult]) -> Step {
        messages += results.map(ChatMessage.toolResult)
        round += 1
        return .callModel(messages: messages, toolsAllowed: round <= maxToolRounds)
    }
}

extension String {
    fileprivate func trimmingWhitespace() -> Substring {
        var slice = Substring(self)
        while let first = slice.first, first.isWhitespace { slice.removeFirst() }
        while let last = slice.last, last.isWhitespace { slice.removeLast() }
        return slice
    }
}
