/// Detects breakthrough moments in a user's message — realisation, clarity and readiness language — in English,
/// French, German, Spanish, Hindi, Portuguese, Italian and Thai.
///
/// Method: the message is matched against ``BreakthroughLexicon`` in all languages at once (word-boundary-aware
/// for space-separated scripts, substring for Thai). A cue is dropped when a negation stands in the three words
/// before it ("I haven't realized", "je n'ai pas compris", "no me di cuenta", "non ho capito"), right after it
/// ("jetzt verstehe ich nicht", "अब समझ नहीं आता"), or, in Thai, immediately before it ("ยังไม่เข้าใจ"). Many
/// negated forms do not match in the first place, because phrases are contiguous ("mir ist nicht klar
/// geworden" does not contain "mir ist klar geworden"). Confidence is the strength of the strongest surviving
/// cue — realisation 0.9, clarity 0.7, readiness 0.6, interjections such as "aha" 0.5 — plus 0.1 for each other
/// distinct cue, capped at 1; the message is a breakthrough when it reaches ``threshold``.
///
/// Limits: questions ("have you realized?"), reported speech ("she realized") in languages without a subject
/// pronoun, trivial realisations ("I realized I forgot my keys") and irony are not told apart; the model may
/// still flag or unflag a breakthrough, and a person can mark one by hand.
public struct BreakthroughDetector: Sendable {
    /// The confidence at which a message counts as a breakthrough.
    public var threshold: Double

    private struct Cue: Sendable, Hashable {
        var kind: BreakthroughKind
        var strength: Double
    }

    private static let strengths: [BreakthroughKind: Double] = [.realisation: 0.9, .clarity: 0.7, .readiness: 0.6]

    private static let matcher: PhraseMatcher<Cue> = {
        var source: [(String, Cue)] = []
        for kind in BreakthroughKind.allCases {
            let cue = Cue(kind: kind, strength: strengths[kind] ?? 0.5)
            for language in DetectedLanguage.allCases {
                source += ElementLexicon.entries(BreakthroughLexicon.cues[kind]?[language] ?? "").map { ($0, cue) }
            }
        }
        for language in DetectedLanguage.allCases {
            let cue = Cue(kind: .realisation, strength: 0.5)
            source += ElementLexicon.entries(BreakthroughLexicon.weak[language] ?? "").map { ($0, cue) }
        }
        return PhraseMatcher(source)
    }()

    /// Creates a detector; `threshold` defaults to 0.5, so one readiness cue or one interjection is enough.
    public init(threshold: Double = 0.5) {
        self.threshold = threshold
    }

    /// Reads one message.
    public func detect(_ text: String) -> BreakthroughSignal {
        let cues = Self.matcher.matches(in: AnalysedText(text)).filter { !Self.isNegated($0) }
        guard let strongest = cues.max(by: { $0.payload.strength < $1.payload.strength }) else { return .none }
        let distinct = Set(cues.map(\.entry)).count
        let confidence = min(1, strongest.payload.strength + 0.1 * Double(distinct - 1))
        return BreakthroughSignal(
            isBreakthrough: confidence >= threshold,
            confidence: confidence,
            cue: strongest.entry,
            kind: strongest.payload.kind
        )
    }

    private static func isNegated(_ match: PhraseMatcher<Cue>.Match) -> Bool {
        if match.tokens == nil {
            let before = match.preceding.first ?? ""
            return BreakthroughLexicon.thaiNegations.contains { before.hasSuffix($0) }
        }
        return match.preceding.contains { BreakthroughLexicon.negationsBefore.contains($0) }
            || match.following.contains { BreakthroughLexicon.negationsAfter.contains($0) }
    }
}
