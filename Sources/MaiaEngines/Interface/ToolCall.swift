public import MaiaCore

/// A complete tool call made by the model: the provider's id, the tool's name and its arguments as JSON.
///
/// `arguments` is normally an object. When a provider delivered arguments that are not valid JSON, engines that
/// tolerate it (OpenAI-style servers) keep the raw text as `.string`, so the agent can answer with a tool error
/// and let the model try again instead of failing the whole turn.
public struct ToolCall: Sendable, Hashable {
    /// The provider's id for the call (`toolu_…`, `call_…`, `"0"`), echoed back with the result.
    public var id: String
    /// The tool the model wants to run.
    public var name: String
    /// The arguments the model wrote, unchanged (no string-to-number coercion).
    public var arguments: JSONValue

    /// Creates a tool call.
    public init(id: String, name: String, arguments: JSONValue) {
        self.id = id
        self.name = name
        self.arguments = arguments
    }
}
