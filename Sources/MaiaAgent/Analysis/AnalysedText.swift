import Foundation

/// A message prepared once for the lexicon matchers: word tokens for space-separated scripts and a compact,
/// whitespace-free form for Thai.
///
/// Normalisation: lower-casing, `’`/`ʼ` → `'`, `ß` → `ss`, `œ` → `oe`, `æ` → `ae`, and removal of the Latin combining diacritics
/// (U+0300–U+036F after canonical decomposition), which is what
/// `folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil)` does for Latin letters but without
/// stripping the vowel signs of Devanagari and Thai, which Foundation's diacritic folding would remove.
/// Tokens are maximal runs of letters, marks and digits, so apostrophes split words (`j'ai` → `j`, `ai`;
/// `haven't` → `haven`, `t`). Lexicon patterns are normalised the same way, so both sides always agree.
struct AnalysedText: Sendable {
    /// One word: its folded form (used for matching) and its lower-cased original (used for evidence).
    struct Token: Sendable, Equatable {
        var folded: String
        var original: String
    }

    /// The word tokens in reading order.
    let tokens: [Token]
    /// The folded text with all whitespace removed, as Unicode scalars, for substring matching in scripts without
    /// spaces (Thai); empty when the text has no Thai letter.
    let compact: [Unicode.Scalar]
    /// Whether the text contains any Thai letter, so Thai patterns are only searched when they can match.
    let hasThai: Bool

    init(_ text: String) {
        var tokens: [Token] = []
        var current = ""
        for character in text.lowercased() {
            if Self.isWordCharacter(character) {
                current.append(character)
            } else if !current.isEmpty {
                tokens.append(Token(folded: Self.fold(current), original: current))
                current = ""
            }
        }
        if !current.isEmpty {
            tokens.append(Token(folded: Self.fold(current), original: current))
        }
        self.tokens = tokens
        let hasThai = text.unicodeScalars.contains { Script.of($0) == .thai }
        self.hasThai = hasThai
        self.compact = hasThai ? Array(Self.fold(text).unicodeScalars.filter { !$0.properties.isWhitespace }) : []
    }

    /// Lower-cases and folds Latin diacritics, leaving other scripts' combining marks intact.
    static func fold(_ text: String) -> String {
        let lowered = text.lowercased()
        if lowered.utf8.allSatisfy({ $0 < 0x80 && $0 != 0x27 }) { return lowered }
        var scalars = String.UnicodeScalarView()
        for scalar in lowered.decomposedStringWithCanonicalMapping.unicodeScalars {
            switch scalar.value {
            case 0x0300...0x036F:
                continue
            case 0x2019, 0x02BC, 0x2018:
                scalars.append("'")
            case 0x00DF:
                scalars.append(contentsOf: "ss".unicodeScalars)
            case 0x0153:
                scalars.append(contentsOf: "oe".unicodeScalars)
            case 0x00E6:
                scalars.append(contentsOf: "ae".unicodeScalars)
            default:
                scalars.append(scalar)
            }
        }
        return String(scalars).precomposedStringWithCanonicalMapping
    }

    /// Letters, combining marks and digits form words; everything else separates them.
    static func isWordCharacter(_ character: Character) -> Bool {
        if let ascii = character.asciiValue {
            return (0x61...0x7A).contains(ascii) || (0x41...0x5A).contains(ascii) || (0x30...0x39).contains(ascii)
        }
        return character.unicodeScalars.contains { scalar in
            let properties = scalar.properties
            return properties.isAlphabetic || properties.generalCategory == .nonspacingMark
                || properties.generalCategory == .spacingMark || properties.numericType != nil
        }
    }
}
