/// The engine a caller prefers for its turns; the other configured engine becomes the fallback.
public enum EngineChoice: String, Sendable, CaseIterable {
    case claude, llama
}
