/// The kind of breakthrough language ``BreakthroughDetector`` recognises.
public enum BreakthroughKind: String, Sendable, Hashable, CaseIterable, Codable {
    /// Realisation: "I realized", "it finally clicked", "j'ai compris", "me di cuenta".
    case realisation
    /// Clarity: "it's all clear now", "clarity", "ich sehe klar".
    case clarity
    /// Readiness: "I'm ready to", "je suis prête à", "ho deciso".
    case readiness
}

/// Whether a message reads as a breakthrough moment, how confidently, and which cue said so.
public struct BreakthroughSignal: Sendable, Hashable {
    /// Whether `confidence` reaches the detector's threshold.
    public var isBreakthrough: Bool
    /// 0…1: the strength of the strongest cue (realisation 0.9, clarity 0.7, readiness 0.6, weak cues 0.5), plus
    /// 0.1 per further distinct cue, capped at 1; 0 when no cue survives the negation check.
    public var confidence: Double
    /// The lexicon entry of the strongest cue (never the user's text); `nil` when there is none.
    public var cue: String?
    /// The kind of the strongest cue; `nil` when there is none.
    public var kind: BreakthroughKind?

    /// Creates a signal.
    public init(isBreakthrough: Bool, confidence: Double, cue: String?, kind: BreakthroughKind?) {
        self.isBreakthrough = isBreakthrough
        self.confidence = confidence
        self.cue = cue
        self.kind = kind
    }

    /// No breakthrough language.
    public static let none = BreakthroughSignal(isBreakthrough: false, confidence: 0, cue: nil, kind: nil)
}
