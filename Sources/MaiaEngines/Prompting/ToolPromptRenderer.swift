/// Adapts a request for an OpenAI-style server whose chat template ignores `tools`
/// (`EngineCapabilities.ToolCallingMode.inPrompt`, e.g. llama.cpp with SmolLM2's default template).
///
/// The tool instructions and JSON definitions are appended to the system prompt, past calls become assistant
/// text in the format the model is taught (`{"name": ..., "parameters": ...}`), and tool results become user
/// text (`Tool result for NAME:` / `Tool error for NAME:`), merged with neighbouring user turns so that roles
/// still alternate. The request that comes out has no tools; recover calls from the answer with
/// `InPromptToolCallFilter` (or `ToolCallTextParser` directly).
public struct ToolPromptRenderer: Sendable {
    /// Creates a renderer.
    public init() {}

    /// `request` rewritten so that a server without tool support sees the tools and the tool history as text.
    public func render(_ request: EngineRequest) -> EngineRequest {
        var system = request.system
        let tools = request.offeredTools
        if !tools.isEmpty {
            if !system.isEmpty { system += "\n\n" }
            system += ToolPromptText.block(tools: tools, choice: request.toolChoice)
            while system.hasSuffix("\n") { system.removeLast() }
        }
        var messages: [ChatMessage] = []
        for message in request.messages {
            switch message {
            case .user(let text):
                appendUser(text, to: &messages)
            case .assistant(let text, let calls):
                let callText = calls.map(ToolPromptText.call).joined(separator: "\n")
                let body = [text, callText].filter { !$0.isEmpty }.joined(separator: "\n")
                messages.append(.assistant(body))
            case .toolResult(let result):
                let label = result.isError ? "Tool error for" : "Tool result for"
                appendUser("\(label) \(result.name):\n\(result.content)", to: &messages)
            }
        }
        return EngineRequest(
            system: system,
            messages: messages,
            tools: [],
            toolChoice: .auto,
            parameters: request.parameters
        )
    }

    private func appendUser(_ text: String, to messages: inout [ChatMessage]) {
        if case .user(let previous)? = messages.last {
            messages[messages.count - 1] = .user(previous + "\n\n" + text)
        } else {
            messages.append(.user(text))
        }
    }
}
