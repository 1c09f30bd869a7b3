/// A tool the model may call: one definition shared by every engine, which renders it in its own wire format
/// (Anthropic `input_schema`, OpenAI `function.parameters`, Llama 3.1 JSON in the prompt).
public struct ToolDefinition: Sendable, Hashable, Codable {
    /// The tool's name, `^[a-zA-Z0-9_-]{1,64}$` (the strictest provider rule, Anthropic's).
    public var name: String
    /// What the tool does and when to use it, written for the model.
    public var description: String
    /// A JSON Schema object (`type: object`, `properties`, `required`) describing the arguments.
    public var parameters: JSONValue

    /// Creates a tool definition.
    public init(name: String, description: String, parameters: JSONValue) {
        self.name = name
        self.description = description
        self.parameters = parameters
    }
}
