public import MaiaCore

/// The text that puts tool definitions into a prompt, shared by the Llama 3.1 renderer and the tools-in-prompt
/// renderer so that both teach the model the format `ToolCallTextParser` reads.
public enum ToolPromptText {
    /// The instruction preceding the definitions: the official Llama 3.1 template's wording (system variant).
    public static func instructions(for choice: ToolChoice) -> String {
        var text =
            "You have access to the following functions. To call a function, please respond with JSON for a "
            + "function call.Respond in the format {\"name\": function name, \"parameters\": dictionary of "
            + "argument name and its value}.Do not use variables."
        if choice == .required { text += " You must call one of the functions." }
        return text
    }

    /// One tool as OpenAI-style JSON (`{"type": "function", "function": {name, description, parameters}}`),
    /// pretty-printed with 4 spaces like the official template's `tojson(indent=4)`.
    public static func definition(_ tool: ToolDefinition) -> String {
        var parameters = ""
        PythonStyleJSON.write(tool.parameters, indent: 4, level: 2, into: &parameters)
        let function = PythonStyleJSON.orderedObject(
            [
                ("name", PythonStyleJSON.quoted(tool.name)),
                ("description", PythonStyleJSON.quoted(tool.description)),
                ("parameters", parameters),
            ],
            indent: 4,
            level: 1
        )
        return PythonStyleJSON.orderedObject([("type", "\"function\""), ("function", function)], indent: 4, level: 0)
    }

    /// The instructions and every definition, each followed by a blank line.
    public static func block(tools: [ToolDefinition], choice: ToolChoice) -> String {
        instructions(for: choice) + "\n\n" + tools.map { definition($0) + "\n\n" }.joined()
    }

    /// A past call as the model is taught to write it: `{"name": "x", "parameters": {...}}`.
    public static func call(_ call: ToolCall) -> String {
        PythonStyleJSON.orderedObject(
            [("name", PythonStyleJSON.quoted(call.name)), ("parameters", PythonStyleJSON.text(call.arguments))],
            indent: nil,
            level: 0
        )
    }
}
