public import MaiaEngines

/// Which system prompt a model gets. Large models (Claude, Llama 3.1 8B+) follow the full persona and the memory
/// tool instructions; a small model spends most of its attention on a long prompt and does not call tools, so it
/// gets a short persona and the memory MAIA prefetched for it.
public enum PromptProfile: String, Sendable, Hashable {
    case full
    case compact

    /// The profile for a model: compact when the catalogue knows it as small (context ≤ 8K tokens) or weak at
    /// tool use; full otherwise, including for models the catalogue does not know.
    public static func of(_ info: ModelInfo?) -> PromptProfile {
        guard let info else { return .full }
        return info.weakToolUse || info.contextWindow <= 8192 ? .compact : .full
    }
}
