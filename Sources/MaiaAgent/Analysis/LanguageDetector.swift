/// Detects the language of a user's message among English, French, German, Spanish, Hindi, Portuguese, Italian
/// and Thai, and says `unknown` rather than guess.
///
/// Method: the script decides first. A message whose letters are mostly Devanagari is Hindi (Marathi and Nepali,
/// also Devanagari, are reported as Hindi); mostly Thai letters is Thai; mostly another non-Latin script (Cyrillic,
/// CJK, Arabic, Hebrew, Greek, Hangul) is `unknown`. Latin-script text of three words or more is classified by
/// ``CharacterNGramModel`` (naive Bayes over character 1–3-grams with langdetect's Wikipedia profiles) plus
/// ``lexiconWordWeight`` times the lexicon points below (``latinScores(_:)``): 99.75% on the 400 short messages of
/// `Tests/Fixtures/language-short-messages.tsv` (langdetect itself: 97.5%, `scripts/language-accuracy.sh`).
/// Shorter text is scored by the lexicon alone: one point for each word found (folded comparison) and a weight
/// for each telltale letter (`ñ`, `ã`, `ß`, `ò`…); the best language wins only if it has at least
/// ``minimumScore`` points and leads the runner-up by at least ``minimumMargin`` points and
/// ``minimumRelativeMargin`` of its own score.
///
/// Limits: one- or two-word messages ("ok", "merci", "hola") are usually `unknown` by design; mixed-language
/// messages get the language with more evidence; romanised Hindi or Thai of three words or more, and languages
/// outside the eight (Dutch, Catalan, Romanian…), are reported as the nearest of the six Latin-script languages.
/// Cost: one pass over the characters and a dictionary look-up per n-gram and word.
public struct LanguageDetector: Sendable {
    /// Points the best Latin-script language needs before it is reported.
    public var minimumScore: Double
    /// Points by which the best language must lead the runner-up.
    public var minimumMargin: Double
    /// Share of the best score by which it must lead the runner-up (a near tie is `unknown`).
    public var minimumRelativeMargin: Double

    /// Creates a detector; the defaults are the thresholds the tests were tuned with.
    public init(minimumScore: Double = 2, minimumMargin: Double = 1, minimumRelativeMargin: Double = 0.25) {
        self.minimumScore = minimumScore
        self.minimumMargin = minimumMargin
        self.minimumRelativeMargin = minimumRelativeMargin
    }

    /// The language of `text`, or `unknown` when the evidence is too thin, tied, or in another script.
    public func detect(_ text: String) -> DetectedLanguage {
        var counts: [Script: Int] = [:]
        for scalar in text.unicodeScalars {
            counts[Script.of(scalar), default: 0] += 1
        }
        let letters = text.unicodeScalars.count - (counts[.none] ?? 0)
        guard letters > 0 else { return .unknown }
        let devanagari = counts[.devanagari] ?? 0
        let thai = counts[.thai] ?? 0
        let latin = counts[.latin] ?? 0
        if devanagari >= 2, devanagari * 2 >= letters { return .hi }
        if thai >= 2, thai * 2 >= letters { return .th }
        guard latin * 2 > letters else { return .unknown }
        return detectLatin(text)
    }

    /// Scores for each Latin-script language, exposed for diagnostics and tests.
    public func latinScores(_ text: String) -> [DetectedLanguage: Double] {
        var scores: [DetectedLanguage: Double] = [:]
        for token in AnalysedText(text).tokens {
            for language in Self.languagesByWord[token.folded] ?? [] {
                scores[language, default: 0] += 1
            }
        }
        for character in text.lowercased() {
            for (language, weight) in LanguageLexicon.letters[character] ?? [] {
                scores[language, default: 0] += weight
            }
        }
        return scores
    }

    /// Weight, in nats of n-gram log-likelihood, of one lexicon point (a word, or a telltale letter's weight): enough to settle close calls between
    /// neighbours (Spanish and Portuguese share most trigrams) without outvoting the n-grams of a whole sentence.
    static let lexiconWordWeight = 4.0

    private func detectLatin(_ text: String) -> DetectedLanguage {
        // From three words on, a sentence carries enough n-grams for the statistical model; shorter messages
        // keep the word-and-letter rule, which says `unknown` for a lone "hola" instead of guessing.
        if text.split(whereSeparator: \.isWhitespace).count >= 3 {
            let (likelihoods, scored) = CharacterNGramModel.shared.scores(text)
            guard scored > 0 else { return .unknown }
            let points = latinScores(text)
            let combined = likelihoods.map { ($0.key, $0.value + Self.lexiconWordWeight * (points[$0.key] ?? 0)) }
            return combined.max { $0.1 < $1.1 }?.0 ?? .unknown
        }
        return detectByLexicon(text)
    }

    private func detectByLexicon(_ text: String) -> DetectedLanguage {
        let ranked = latinScores(text).sorted { $0.value > $1.value }
        guard let best = ranked.first, best.value >= minimumScore else { return .unknown }
        let runnerUp = ranked.count > 1 ? ranked[1].value : 0
        let lead = best.value - runnerUp
        guard lead >= minimumMargin, lead >= minimumRelativeMargin * best.value else { return .unknown }
        return best.key
    }

    private static let languagesByWord: [String: [DetectedLanguage]] = {
        var index: [String: [DetectedLanguage]] = [:]
        for language in DetectedLanguage.latinLanguages {
            for word in Set(LanguageLexicon.words[language] ?? []) {
                index[word, default: []].append(language)
            }
        }
        return index
    }()
}
