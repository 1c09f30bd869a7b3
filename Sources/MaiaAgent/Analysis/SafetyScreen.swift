/// Screens a user's message for crisis language (suicide, self-harm, wanting to die, not wanting to live) in
/// English, French, German, Spanish, Hindi, Portuguese, Italian and Thai, before any model call.
///
/// Method: the message is normalised (case, Latin accents, apostrophes) and matched against the first-person
/// phrases of ``SafetyLexicon`` in every language at once (users mix languages, and a short crisis message may be
/// too short for language detection), word-boundary-aware for space-separated scripts and by substring for Thai.
/// A match inside an exclusion ("suicide squad", "I don't want to die") is dropped.
///
/// Trade-off: a false positive shows the helpline text to someone who did not need it, which is awkward but
/// harmless; a false negative leaves a person in crisis with an ordinary reply, which is worse. Phrases are
/// therefore specific enough to skip common figures of speech ("this deadline is killing me", "I'm dying to see
/// you", "dead tired", "me muero de ganas") but broad where meaning is rarely figurative ("suicid*", "want to
/// die"), and negation is not used to clear a message, except the few exclusions above. "I could kill myself
/// for forgetting that" is flagged on purpose. Limits: a lexicon cannot read intent, irony or indirect
/// language ("I gave my cat to my sister, I won't need her"); misspellings beyond accents and apostrophes, and
/// romanised Hindi or Thai, are missed. This screen is a first line, not a clinical assessment.
public struct SafetyScreen: Sendable {
    private struct Cue: Sendable {
        var category: CrisisCategory
        var language: DetectedLanguage
    }

    /// Compiled in a fixed order (languages, then categories, as declared) so results are deterministic.
    private static let matcher = PhraseMatcher<Cue>(
        DetectedLanguage.allCases.flatMap { language in
            CrisisCategory.allCases.flatMap { category in
                (SafetyLexicon.phrases[language]?[category] ?? []).map {
                    ($0, Cue(category: category, language: language))
                }
            }
        }
    )
    private static let exclusions = PhraseMatcher<Bool>(SafetyLexicon.exclusions.map { ($0, true) })

    private let detector: LanguageDetector

    /// Creates a screen; `detector` names the message's language in the assessment.
    public init(detector: LanguageDetector = LanguageDetector()) {
        self.detector = detector
    }

    /// Screens one message.
    public func assess(_ text: String) -> SafetyAssessment {
        let analysed = AnalysedText(text)
        let excluded = Self.exclusions.matches(in: analysed)
        let cues = Self.matcher.matches(in: analysed).filter { cue in
            !excluded.contains { PhraseMatcher<Cue>.covers($0, cue) }
        }
        let detected = detector.detect(text)
        guard let first = cues.first else {
            return SafetyAssessment(isCrisis: false, category: nil, cue: nil, language: detected)
        }
        return SafetyAssessment(
            isCrisis: true,
            category: first.payload.category,
            cue: first.entry,
            language: detected == .unknown ? cueLanguage(cues, text: text) : detected
        )
    }

    /// The language of the cues when the detector could not tell: the only one, or among several (an entry
    /// such as "suicid*" is listed in five languages) the one with the best word score, else `unknown`.
    private func cueLanguage(_ cues: [PhraseMatcher<Cue>.Match], text: String) -> DetectedLanguage {
        var languages: [DetectedLanguage] = []
        for cue in cues where !languages.contains(cue.payload.language) {
            languages.append(cue.payload.language)
        }
        if languages.count == 1 { return languages[0] }
        let scores = detector.latinScores(text)
        let ranked = languages.map { ($0, scores[$0] ?? 0) }.sorted { $0.1 > $1.1 }
        guard let best = ranked.first, best.1 > 0, best.1 > (ranked.dropFirst().first?.1 ?? 0) else {
            return .unknown
        }
        return best.0
    }
}
