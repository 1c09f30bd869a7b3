/// The writing system of a Unicode scalar, as far as the analysers need to tell them apart.
enum Script: Sendable, Equatable {
    case latin
    case devanagari
    case thai
    /// Cyrillic, CJK, Arabic, Hebrew, Greek, Hangul and the rest: scripts of languages we do not detect.
    case other
    /// Not a letter (digits, punctuation, symbols, emoji, spaces, combining marks).
    case none

    /// Classifies one scalar by its code-point block; only alphabetic scalars get a script.
    static func of(_ scalar: Unicode.Scalar) -> Script {
        let value = scalar.value
        switch value {
        case 0x0900...0x097F, 0xA8E0...0xA8FF:
            return scalar.properties.isAlphabetic ? .devanagari : .none
        case 0x0E00...0x0E7F:
            return scalar.properties.isAlphabetic ? .thai : .none
        default:
            guard scalar.properties.isAlphabetic else { return .none }
            if value < 0x0250 || (0x1E00...0x1EFF).contains(value) {
                return .latin
            }
            return .other
        }
    }
}
