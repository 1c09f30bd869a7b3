public import MaiaCore
import MaiaEngines

/// The file formats a training export writes, one JSON object per line.
public enum TrainingFormat: String, Sendable, Hashable, CaseIterable, Codable {
    /// `{"messages": [...], "tools": [...]}` with tool calls as Hugging Face chat templates take them (arguments as
    /// objects, results in `tool` messages with the tool's name): what TRL's SFTTrainer, axolotl (`chat_template`)
    /// and torchtune read.
    case messages
    /// OpenAI's fine-tuning format: arguments as a JSON string, `tool_call_id` links, a `tools` list.
    case openai
    /// `{"text": "..."}`: the raw Llama 3.1 prompt with its special tokens, one call per assistant turn, for
    /// completion-style trainers.
    case llama3Text = "llama3-text"

    /// One line (without its newline) for `conversation`, offering `tools`.
    public func line(_ conversation: TrainingConversation, tools: [ToolDefinition]) -> String {
        switch self {
        case .messages, .openai:
            var line: [String: JSONValue] = ["messages": .array(chatMessages(conversation))]
            if !tools.isEmpty { line["tools"] = .array(tools.map(Self.tool)) }
            return JSONValue.object(line).jsonText
        case .llama3Text:
            return JSONValue.object(["text": .string(Self.llama3Text(conversation, tools: tools))]).jsonText
        }
    }

    /// The Llama 3.1 prompt text of `conversation`, rendered by the engines' own renderer, ending with the last
    /// assistant turn's `<|eot_id|>` (no open assistant header).
    public static func llama3Text(_ conversation: TrainingConversation, tools: [ToolDefinition]) -> String {
        let request = EngineRequest(system: conversation.system, messages: conversation.oneCallPerTurn, tools: tools)
        let prompt = Llama31PromptRenderer(today: conversation.start).render(request)
        let openHeader = "<|start_header_id|>assistant<|end_header_id|>\n\n"
        return prompt.hasSuffix(openHeader) ? String(prompt.dropLast(openHeader.count)) : prompt
    }

    private func chatMessages(_ conversation: TrainingConversation) -> [JSONValue] {
        var lines: [JSONValue] = [["role": "system", "content": .string(conversation.system)]]
        for message in conversation.messages {
            switch message {
            case .user(let text):
                lines.append(["role": "user", "content": .string(text)])
            case .assistant(let text, let calls) where calls.isEmpty:
                lines.append(["role": "assistant", "content": .string(text)])
            case .assistant(let text, let calls):
                lines.append([
                    "role": "assistant",
                    "content": self == .openai && text.isEmpty ? .null : .string(text),
                    "tool_calls": .array(calls.map(call)),
                ])
            case .toolResult(let result):
                let content = JSONValue.string(result.isError ? "Error: \(result.content)" : result.content)
                lines.append(
                    self == .openai
                        ? ["role": "tool", "tool_call_id": .string(result.callID), "content": content]
                        : ["role": "tool", "name": .string(result.name), "content": content]
                )
            }
        }
        return lines
    }

    private func call(_ call: ToolCall) -> JSONValue {
        switch self {
        case .openai:
            [
                "id": .string(call.id), "type": "function",
                "function": ["name": .string(call.name), "arguments": .string(call.arguments.jsonText)],
            ]
        case .messages, .llama3Text:
            ["type": "function", "function": ["name": .string(call.name), "arguments": call.arguments]]
        }
    }

    private static func tool(_ definition: ToolDefinition) -> JSONValue {
        [
            "type": "function",
            "function": [
                "name": .string(definition.name), "description": .string(definition.description),
                "parameters": definition.parameters,
            ],
        ]
    }
}
