public import Foundation
public import MaiaEngines

/// One training example: a system prompt and a window of one person's conversation, already scrubbed. Assistant
/// turns may carry tool calls, each followed by its result, as the agent ran them.
public struct TrainingConversation: Sendable, Hashable {
    /// The person it came from: used to split train and validation by person, never written out.
    public var userID: String
    public var system: String
    public var messages: [ChatMessage]
    /// The time of the first message (the `Today Date` of the Llama 3.1 rendering).
    public var start: Date

    /// Creates an example.
    public init(userID: String, system: String, messages: [ChatMessage], start: Date) {
        self.userID = userID
        self.system = system
        self.messages = messages
        self.start = start
    }

    /// How many user messages (turns) it holds.
    public var turns: Int {
        messages.reduce(0) { count, message in
            if case .user = message { count + 1 } else { count }
        }
    }

    /// The messages with parallel calls split for formats that take one call per assistant turn (Llama 3.1's
    /// template): an assistant turn with calls a and b and results ra and rb becomes assistant(a), ra,
    /// assistant(b), rb. The turn's text stays with the first call.
    public var oneCallPerTurn: [ChatMessage] {
        var split: [ChatMessage] = []
        var index = 0
        while index < messages.count {
            let message = messages[index]
            guard case .assistant(let text, let calls) = message, calls.count > 1 else {
                split.append(message)
                index += 1
                continue
            }
            var results: [String: ToolResult] = [:]
            var next = index + 1
            while next < messages.count, case .toolResult(let result) = messages[next] {
                results[result.callID] = result
                next += 1
            }
            for (position, call) in calls.enumerated() {
                split.append(.assistant(position == 0 ? text : "", toolCalls: [call]))
                if let result = results[call.id] { split.append(.toolResult(result)) }
            }
            index = next
        }
        return split
    }
}
