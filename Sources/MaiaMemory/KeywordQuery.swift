import Foundation

/// Turns free text into the words of a keyword search, so that no user text is ever read as query syntax by
/// either backend.
enum KeywordQuery {
    /// The distinct lower-cased words of `text` (letters, digits and combining marks), at most 64; text in a script
    /// written without spaces becomes its character pairs (``segmented(_:)``), as it is indexed.
    static func words(_ text: String) -> [String] {
        var words: [String] = []
        var current = ""
        for character in segmented(text) {
            if character.isLetter || character.isNumber
                || character.unicodeScalars.contains(where: \.properties.isDiacritic)
                || character.unicodeScalars.allSatisfy({
                    $0.properties.generalCategory == .nonspacingMark || $0.properties.generalCategory == .spacingMark
                })
            {
                current.append(character)
            } else if !current.isEmpty {
                words.append(current)
                current = ""
            }
        }
        if !current.isEmpty { words.append(current) }
        let unique = words.reduce(into: [String]()) { list, word in
            if !list.contains(word.lowercased()) { list.append(word.lowercased()) }
        }
        return Array(unique.prefix(64))
    }

    /// An FTS5 query of `words` (from ``words(_:)``): every word quoted, joined with OR.
    static func fts5(_ words: [String]) -> String {
        words.map { "\"\($0)\"" }.joined(separator: " OR ")
    }

    /// A PostgreSQL `to_tsquery` text: every folded word quoted, joined with `|`; `nil` when there is no word.
    ///
    /// Words hold only letters, digits and marks, so quoting cannot be escaped; they are folded like the
    /// indexed text (see `fold`).
    static func tsquery(_ text: String) -> String? {
        let words = tsqueryWords(text)
        guard !words.isEmpty else { return nil }
        return words.joined(separator: " | ")
    }

    /// The `to_tsquery` text of each word of ``tsquery(_:)`` alone (quoted and folded), in the same order.
    static func tsqueryWords(_ text: String) -> [String] {
        words(fold(text)).filter { !$0.isEmpty }.map { "'\($0)'" }
    }

    /// Text as the PostgreSQL full-text index sees it: segmented (``segmented(_:)``), lower-cased, with the accents
    /// of Latin, Greek and Cyrillic letters removed (combining diacritical marks, U+0300–U+036F, after canonical
    /// decomposition).
    /// Marks of other scripts (Devanagari vowel signs, Thai tone marks) are part of their words and kept.
    static func fold(_ text: String) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in segmented(text).decomposedStringWithCanonicalMapping.unicodeScalars
        where !(0x300...0x36F).contains(scalar.value) {
            scalars.append(scalar)
        }
        return String(scalars).precomposedStringWithCanonicalMapping.lowercased()
    }
}
