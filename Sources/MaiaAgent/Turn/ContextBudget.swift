import MaiaCore
public import MaiaEngines

/// Keeps a prompt inside a model's context window: prompt tokens ≤ window − max output tokens.
///
/// Tokens are estimated, not counted: `ceil(utf8 bytes / 3)` plus 8 per message and a 10% margin. Byte counts
/// track tokens across scripts (English averages about 4 bytes a token in Llama-family tokenizers, Devanagari
/// and Thai about 3–6), so the estimate errs high everywhere; see `docs/agent.md`.
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

    /// The estimated tokens of `text`.
    public static func estimate(_ text: String) -> Int {
        (text.utf8.count + 2) / 3
    }

    /// The estimated tokens of a whole request, margin included.
    public static func estimate(system: String, messages: [ChatMessage], tools: [String]) -> Int {
        var total = estimate(system) + tools.map(estimate).reduce(0, +)
        for message in messages {
            switch message {
            case .user(let text): total += estimate(text) + 8
            case .assistant(let text, let calls):
                total +=
                    estimate(text) + 8
                    + calls.map { estimate($0.name) + estimate($0.arguments.jsonText) + 8 }.reduce(0, +)
            case .toolResult(let result): total += estimate(result.content) + estimate(result.name) + 8
            }
        }
        return total + total / 10
    }

    /// `messages` trimmed to fit: whole earlier exchanges are dropped oldest first (an assistant turn is never
    /// separated from its tool results), then the largest tool results are cut. The last message (the user's
    /// current one) is never dropped. Returns `nil` when even that does not fit.
    public func fit(system: String, messages: [ChatMessage], tools: [String]) -> [ChatMessage]? {
        func fits(_ candidate: [ChatMessage]) -> Bool {
            Self.estimate(system: system, messages: candidate, tools: tools) <= promptLimit
        }
        if fits(messages) { return messages }
        var units = Self.units(messages)
        let current =
            units.lastIndex { unit in
                if case .user = unit.first { true } else { false }
            } ?? units.count - 1
        // Drop the oldest exchanges before the current user message until the rest fits.
        var dropped = 0
        while dropped < current, !fits(units[dropped...].flatMap { $0 }) { dropped += 1 }
        units.removeFirst(dropped)
        var candidate = units.flatMap { $0 }
        // Then shrink tool results, largest first, keeping each result in place.
        while !fits(candidate) {
            guard
                let index = candidate.indices.filter({ Self.resultSize(candidate[$0]) > 80 })
                    .max(by: { Self.resultSize(candidate[$0]) < Self.resultSize(candidate[$1]) }),
                case .toolResult(var result) = candidate[index]
            else { break }
            result.content = #"{"note":"result removed to fit the context window"}"#
            candidate[index] = .toolResult(result)
        }
        return fits(candidate) ? candidate : nil
    }

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
