public import MaiaCore

/// Builds the JSON body of an Anthropic Messages request (PROTOCOLS.md §1.2, §1.4, §1.5).
///
/// The system prompt is the top-level `system`; assistant turns replay their text and `tool_use` blocks; tool
/// results become `tool_result` blocks (with `is_error` when the tool failed) at the start of one user message,
/// followed by any user text of the same turn. Tools are sent whenever the request has any (Anthropic rejects
/// `tool_use` history without them), with `tool_choice` `auto`, `any` or `none`. Only fields that are set are sent:
/// unknown fields are a 400.
public enum AnthropicRequestEncoder {
    /// The body for `request` to `model`.
    public static func body(for request: EngineRequest, model: String, stream: Bool = false) -> JSONValue {
        var body: [String: JSONValue] = [
            "model": .string(model),
            "max_tokens": .number(Double(request.parameters.maxTokens)),
            "messages": .array(messages(request.messages)),
        ]
        if !request.system.isEmpty { body["system"] = .string(request.system) }
        if let temperature = request.parameters.temperature { body["temperature"] = .number(temperature) }
        if !request.parameters.stop.isEmpty {
            body["stop_sequences"] = .array(request.parameters.stop.map { .string($0) })
        }
        if stream { body["stream"] = true }
        if !request.tools.isEmpty {
            body["tools"] = .array(
                request.tools.map {
                    ["name": .string($0.name), "description": .string($0.description), "input_schema": $0.parameters]
                }
            )
            let choice: String
            switch request.toolChoice {
            case .auto: choice = "auto"
            case .required: choice = "any"
            case .none: choice = "none"
            }
            body["tool_choice"] = ["type": .string(choice)]
        }
        return .object(body)
    }

    private static func messages(_ messages: [ChatMessage]) -> [JSONValue] {
        var out: [(role: String, blocks: [JSONValue])] = []
        func append(_ role: String, _ block: JSONValue) {
            if out.last?.role == role, role == "user" {
                out[out.count - 1].blocks.append(block)
            } else {
                out.append((role, [block]))
            }
        }
        for message in messages {
            switch message {
            case .user(let text):
                append("user", ["type": "text", "text": .string(text)])
            case .assistant(let text, let calls):
                var blocks: [JSONValue] = text.isEmpty ? [] : [["type": "text", "text": .string(text)]]
                for call in calls {
                    let input: JSONValue = call.arguments.objectValue != nil ? call.arguments : [:]
                    blocks.append([
                        "type": "tool_use", "id": .string(call.id), "name": .string(call.name), "input": input,
                    ])
                }
                out.append(("assistant", blocks))
            case .toolResult(let result):
                var block: [String: JSONValue] = [
                    "type": "tool_result", "tool_use_id": .string(result.callID), "content": .string(result.content),
                ]
                if result.isError { block["is_error"] = true }
                append("user", .object(block))
            }
        }
        return out.map { turn in
            // A turn that is a single text block is sent as a plain string, the common form.
            if turn.blocks.count == 1, turn.blocks[0]["type"] == "text", let text = turn.blocks[0]["text"] {
                return ["role": .string(turn.role), "content": text]
            }
            return ["role": .string(turn.role), "content": .array(turn.blocks)]
        }
    }
}
