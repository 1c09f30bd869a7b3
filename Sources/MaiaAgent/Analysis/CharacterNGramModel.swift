import Foundation

/// A naive Bayes classifier over character 1–3-grams, the method of langdetect / language-detection (Nakatani),
/// with its Wikipedia profiles for the six Latin-script languages (`Resources/language-profiles.tsv`, regenerated
/// by `scripts/language-profiles.py`). Text is lower-cased, every non-letter becomes a word boundary, and each word
/// contributes its n-grams with the boundary spaces, as the profiles were counted.
struct CharacterNGramModel: Sendable {
    /// Smoothed log-probability of each n-gram per language, by n-gram.
    let logProbabilities: [String: [DetectedLanguage: Double]]
    let languages: [DetectedLanguage]
    /// langdetect's smoothing (alpha 0.5 over its base frequency 10,000), added to every probability: it caps how
    /// much one n-gram can say, so a short message is decided by many n-grams rather than one rare one.
    static let smoothing = 0.5 / 10_000
    /// The log-probability of an n-gram a language's profile lacks.
    static let unseen = log(smoothing)

    /// The shipped model; a missing or damaged resource is a packaging bug, not a user error.
    static let shared: CharacterNGramModel = {
        guard
            let url = Bundle.module.url(forResource: "language-profiles", withExtension: "tsv"),
            let text = try? String(contentsOf: url, encoding: .utf8),
            let model = CharacterNGramModel(profiles: text)
        else { fatalError("MaiaAgent's language-profiles.tsv resource is missing or malformed") }
        return model
    }()

    init?(profiles text: String) {
        var totals: [DetectedLanguage: [Double]] = [:]
        var counts: [String: [DetectedLanguage: Double]] = [:]
        for line in text.split(separator: "\n", omittingEmptySubsequences: true) where !line.hasPrefix("#") {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            if fields.first == "total", fields.count == 5, let language = DetectedLanguage(rawValue: String(fields[1]))
            {
                totals[language] = fields[2...].compactMap { Double($0) }
            } else if fields.count == 3, let language = DetectedLanguage(rawValue: String(fields[0])),
                let count = Double(fields[2])
            {
                counts[String(fields[1]), default: [:]][language] = count
            }
        }
        guard !totals.isEmpty, totals.values.allSatisfy({ $0.count == 3 }) else { return nil }
        languages = DetectedLanguage.latinLanguages.filter { totals[$0] != nil }
        logProbabilities = counts.reduce(into: [:]) { result, entry in
            let length = entry.key.count
            guard (1...3).contains(length) else { return }
            result[entry.key] = entry.value.reduce(into: [:]) { probabilities, count in
                if let total = totals[count.key]?[length - 1] {
                    probabilities[count.key] = log(count.value / total + Self.smoothing)
                }
            }
        }
    }

    /// Log-likelihood of `text` under each language, and the number of n-grams scored.
    func scores(_ text: String) -> (scores: [DetectedLanguage: Double], ngrams: Int) {
        var sums = Dictionary(uniqueKeysWithValues: languages.map { ($0, 0.0) })
        var scored = 0
        for gram in Self.ngrams(text) {
            let known = logProbabilities[gram]
            // An n-gram no language knows (a name, a typo) says nothing about the language.
            guard let known else { continue }
            scored += 1
            for language in languages {
                sums[language]! += known[language] ?? Self.unseen
            }
        }
        return (scored > 0 ? sums : [:], scored)
    }

    static func ngrams(_ text: String) -> [String] {
        var grams: [String] = []
        let words = text.lowercased().split { !$0.isLetter && $0 != "'" }.flatMap { $0.split(separator: "'") }
        for word in words {
            let padded = Array(" " + word + " ")
            for length in 1...3 where padded.count >= length {
                for start in 0...(padded.count - length) {
                    let gram = String(padded[start..<(start + length)])
                    if gram != " " { grams.append(gram) }
                }
            }
        }
        return grams
    }
}
