public import MaiaCore

/// Builds the JSON body of an OpenAI-style chat-completions request (PROTOCOLS.md §2.1, §2.3).
///
/// The system prompt is the first `system` message; assistant turns carry `tool_calls` (arguments as a JSON
/// string, `content: null` when there is no text); each tool result is a `tool` message (prefixed `Error: ` when
/// the tool failed). Tools are sent only when offered; `tool_choice` is sent only for `required` (`auto` is the
/// default, and sending it explicitly makes vLLM without `--enable-auto-tool-choice` fail the same way). Streams
/// ask for usage with `stream_options.include_usage`. For servers without tool support, render the request with
/// `ToolPromptRenderer` first.
public enum OpenAIChatRequestEncoder {
    /// The body for `request` to `model`.
    public static func body(for request: EngineRequest, model: String, stream: Bool = false) -> JSONValue {
        var messages: [JSONValue] = []
        if !request.system.isEmpty { messages.append(["role": "system", "content": .string(request.system)]) }
        for message in request.messages {
            switch message {
            case .user(let text):
                messages.append(["role": "user", "content": .string(text)])
            case .assistant(let text, let calls):
                var turn: [String: JSONValue] = ["role": "assistant", "content": text.isEmpty ? .null : .string(text)]
                if !calls.isEmpty {
                    turn["tool_calls"] = .array(
                        calls.map { call in
                            let arguments = call.arguments.stringValue ?? call.arguments.jsonText
                            return [
                                "id": .string(call.id), "type": "function",
                                "function": ["name": .string(call.name), "arguments": .string(arguments)],
                            ]
                        }
                    )
                }
                messages.append(.object(turn))
            case .toolResult(let result):
                let content = result.isError ? "Error: \(result.content)" : result.content
                messages.append(["role": "tool", "tool_call_id": .string(result.callID), "content": .string(content)])
            }
        }
        var body: [String: JSONValue] = [
            "model": .string(model),
            "messages": .array(messages),
            "max_tokens": .number(Double(request.parameters.maxTokens)),
        ]
        if let temperature = request.parameters.temperature { body["temperature"] = .number(temperature) }
        if !request.parameters.stop.isEmpty { body["stop"] = .array(request.parameters.stop.map { .string($0) }) }
        if stream {
            body["stream"] = true
            body["stream_options"] = ["include_usage": true]
        }
        let tools = request.offeredTools
        if !tools.isEmpty {
            body["tools"] = .array(
                tools.map {
                    [
                        "type": "function",
                        "function": [
                            "name": .string($0.name), "description": .string($0.description),
                            "parameters": $0.parameters,
                        ],
                    ]
                }
            )
            if request.toolChoice == .required { body["tool_choice"] = "required" }
        }
        return .object(body)
    }
}
