import MaiaCore
import MaiaEngines
import MaiaMemory

/// A person's message and MAIA's reply as the store keeps them, paired.
struct StoredTurn: Sendable {
    var question: MemoryRecord
    var reply: MemoryRecord

    /// Whether the agent answered this turn with the crisis reply (it marks both messages `safety: crisis`).
    var isFlaggedCrisis: Bool {
        question.metadata["safety"]?.stringValue == "crisis" || reply.metadata["safety"]?.stringValue == "crisis"
    }

    /// Pairs each person's message with the reply that follows it in the same session; `unpaired` counts the
    /// messages left alone.
    static func pair(_ records: [MemoryRecord], unpaired: inout Int) -> [StoredTurn] {
        var turns: [StoredTurn] = []
        var pending: MemoryRecord?
        for record in records {
            switch record.role {
            case .user:
                if pending != nil { unpaired += 1 }
                pending = record
            case .maia:
                guard let question = pending, question.sessionID == record.sessionID else {
                    unpaired += 1
                    continue
                }
                turns.append(StoredTurn(question: question, reply: record))
                pending = nil
            }
        }
        if pending != nil { unpaired += 1 }
        return turns
    }

    /// The turn as chat messages: the question, then each round of tool calls with its results, then the reply.
    /// Calls get ids `call_<n>` from `nextCall`, unique within one example. Returns `withoutResults: true` (and no
    /// tool messages) when a call's result was not stored.
    func messages(
        scrubbing scrubber: PIIScrubber,
        counts: inout [PIIScrubber.Kind: Int],
        nextCall: inout Int
    ) -> (messages: [ChatMessage], withoutResults: Bool) {
        var messages: [ChatMessage] = [.user(scrubber.scrub(question.content, counts: &counts))]
        let stored = reply.metadata["tool_calls"]?.arrayValue ?? []
        let complete = stored.allSatisfy { $0["result"]?.stringValue != nil && $0["name"]?.stringValue != nil }
        if complete {
            var rounds: [(round: Int, calls: [JSONValue])] = []
            for entry in stored {
                let round = Int(entry["round"]?.numberValue ?? 1)
                if let last = rounds.last, last.round == round {
                    rounds[rounds.count - 1].calls.append(entry)
                } else {
                    rounds.append((round, [entry]))
                }
            }
            for (_, entries) in rounds {
                var calls: [ToolCall] = []
                var results: [ChatMessage] = []
                for entry in entries {
                    nextCall += 1
                    let name = entry["name"]?.stringValue ?? ""
                    let call = ToolCall(
                        id: "call_\(nextCall)",
                        name: name,
                        arguments: scrubber.scrub(entry["arguments"] ?? [:], counts: &counts)
                    )
                    calls.append(call)
                    let result = ToolResult(
                        callID: call.id,
                        name: name,
                        content: scrubber.scrub(entry["result"]?.stringValue ?? "", counts: &counts),
                        isError: entry["is_error"]?.boolValue ?? false
                    )
                    results.append(.toolResult(result))
                }
                messages.append(.assistant("", toolCalls: calls))
                messages += results
            }
        }
        messages.append(.assistant(scrubber.scrub(reply.content, counts: &counts)))
        return (messages, !complete)
    }
}
