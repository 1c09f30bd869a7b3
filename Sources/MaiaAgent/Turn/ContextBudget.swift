import MaiaCore
public import MaiaEngines

/// Keeps a prompt inside a model's context window: prompt tokens ≤ window − max output tokens.
///
/// Tokens are estimated, not counted, by character class: ASCII letters, spaces and punctuation at 2.4 bytes a token
/// (plus 0.3 per capital letter), 1 token per digit, 0.75 per byte of any other script; plus 8 per message (chat
/// templates add about 5) and a 10% margin. Calibrated against SmolLM2's tokenizer, the least efficient on
/// non-English text of the models MAIA runs (Thai costs it 2 tokens a character), with 8 languages: the estimate
/// never undercounts (`Tests/Fixtures/tokenizer`, `docs/agent.md`).
public struct ContextBudget: Sendable, Hashable {
    /// The model's context window in tokens.
    public let contextWindow: Int
    /// Tokens reserved for the answer.
    public let maxOutputTokens: Int

    /// Creates a budget.
    public init(contextWindow: Int, maxOutputTokens: Int) {
        self.contextWindow = contextWindow
        self.maxOutputTokens = maxOutputTokens
    }

    /// Tokens available to the prompt.
    public var promptLimit: Int { max(0, contextWindow - maxOutputTokens) }

    /// The estimated tokens of `text`, without margin.
    public static func estimate(_ text: String) -> Int {
        // Tenths of a token: 10 per digit, 3 extra per capital, 7.5 per non-ASCII byte, 10/2.4 per other ASCII byte.
        var plain = 0
        var digits = 0
        var capitals = 0
        var other = 0
        for byte in text.utf8 {
            switch byte {
            case 0x30...0x39: digits += 1
            case 0x41...0x5A:
                capitals += 1
                plain += 1
            case 0..<0x80: plain += 1
            default: other += 1
            }
        }
        let tenths = plain * 100 / 24 + digits * 10 + capitals * 3 + other * 15 / 2
        return (tenths + 9) / 10
    }

    /// The estimated tokens of a whole request, margin included.
    public static func estimate(system: String, messages: [ChatMessage], tools: [String]) -> Int {
        withMargin(fixedCost(system: system, tools: tools) + messages.map(cost).reduce(0, +))
    }

    /// `messages` trimmed to fit: whole earlier exchanges are dropped oldest first (an assistant turn is never
    /// separated from its tool results), then the largest tool results are cut. The last message (the user's
    /// current one) is never dropped. Returns `nil` when even that does not fit. Each message is estimated once.
    public func fit(system: String, messages: [ChatMessage], tools: [String]) -> [ChatMessage]? {
        var costs = messages.map(Self.cost)
        var total = Self.fixedCost(system: system, tools: tools) + costs.reduce(0, +)
        func fits() -> Bool { Self.withMargin(total) <= promptLimit }
        if fits() { return messages }
        let units = Self.units(messages)
        let current =
            units.lastIndex { unit in
                if case .user = unit.first { true } else { false }
            } ?? units.count - 1
        // Drop the oldest exchanges before the current user message until the rest fits.
        var dropped = 0
        var droppedMessages = 0
        while dropped < current, !fits() {
            total -= costs[droppedMessages..<droppedMessages + units[dropped].count].reduce(0, +)
            droppedMessages += units[dropped].count
            dropped += 1
        }
        var candidate = Array(messages[droppedMessages...])
        costs.removeFirst(droppedMessages)
        // Then shrink tool results, largest first, keeping each result in place.
        while !fits() {
            guard
                let index = candidate.indices.filter({ Self.resultSize(candidate[$0]) > 80 })
                    .max(by: { Self.resultSize(candidate[$0]) < Self.resultSize(candidate[$1]) }),
                case .toolResult(var result) = candidate[index]
            else { break }
            result.content = #"{"note":"result removed to fit the context window"}"#
            candidate[index] = .toolResult(result)
            total += Self.cost(candidate[index]) - costs[index]
            costs[index] = Self.cost(candidate[index])
        }
        return fits() ? candidate : nil
    }

    /// The system prompt and tool definitions.
    private static func fixedCost(system: String, tools: [String]) -> Int {
        estimate(system) + tools.map(estimate).reduce(0, +)
    }

    /// One message with its template allowance of 8 tokens (and 8 per tool call).
    private static func cost(_ message: ChatMessage) -> Int {
        switch message {
        case .user(let text): estimate(text) + 8
        case .assistant(let text, let calls):
            estimate(text) + 8 + calls.map { estimate($0.name) + estimate($0.arguments.jsonText) + 8 }.reduce(0, +)
        case .toolResult(let result): estimate(result.content) + estimate(result.name) + 8
        }
    }

    private static func withMargin(_ total: Int) -> Int { total + total / 10 }

    private static func resultSize(_ message: ChatMessage) -> Int {
        if case .toolResult(let result) = message { return result.content.utf8.count }
        return 0
    }

    /// Messages grouped so that each assistant turn stays with the tool results that follow it.
    static func units(_ messages: [ChatMessage]) -> [[ChatMessage]] {
        var units: [[ChatMessage]] = []
        for message in messages {
            if case .toolResult = message, !units.isEmpty {
                units[units.count - 1].append(message)
            } else {
                units.append([message])
            }
        }
        return units
    }
}
