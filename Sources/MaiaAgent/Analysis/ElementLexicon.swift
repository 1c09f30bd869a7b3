import Foundation

/// The words each element, phase and reframe is recognised by, per language.
///
/// Entries are comma-separated in one string per language, normalised like ``AnalysedText`` (lower-case, no
/// Latin accents); `*` marks a word prefix (`inspir*` matches `inspired`, `inspiration`, `inspirée`); an entry of
/// several words matches them in sequence; Thai entries are matched as substrings. Words that would collide
/// with frequent words of another meaning are avoided or listed in full forms (`reve`, `reves`, not `reve*`,
/// which would match `reveil`). To extend: add entries to the right language string and a test that shows them.
enum ElementLexicon {
    /// Element words (the reframe state words of ``reframes`` also count for their element).
    static let elements: [ArchetypeElement: [DetectedLanguage: String]] = [
        .fire: fire, .water: water, .earth: earth, .air: air, .aether: aether,
    ]

    /// Splits a comma-separated lexicon string into entries.
    static func entries(_ list: String) -> [String] {
        list.split(separator: ",").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
    }
}
