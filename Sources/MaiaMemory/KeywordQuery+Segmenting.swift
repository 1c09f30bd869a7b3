extension KeywordQuery {
    /// `text` with every run of a script written without spaces between words (Thai, Lao, Khmer, Myanmar, Chinese,
    /// Japanese kana) replaced by its overlapping two-character pieces, separated by spaces; other text unchanged.
    ///
    /// The full-text indexes cut words at spaces and punctuation, so a whole Thai sentence was one token that no
    /// query word could match (keyword recall on the Thai questions of the evaluation set was 0). Indexing and
    /// querying both in character pairs lets a word inside a sentence match, ranked by how many pairs agree, the
    /// usual n-gram approach for these scripts. Characters are grapheme clusters, so Thai vowel and tone marks stay
    /// with their consonant.
    static func segmented(_ text: String) -> String {
        guard needsSegmenting(text) else { return text }
        var out = ""
        var run: [Character] = []
        func flush() {
            guard !run.isEmpty else { return }
            if !out.isEmpty, out.last != " " { out.append(" ") }
            if run.count == 1 {
                out.append(run[0])
            } else {
                out += (0..<run.count - 1).map { String(run[$0...$0 + 1]) }.joined(separator: " ")
            }
            out.append(" ")
            run.removeAll()
        }
        for character in text {
            if isUnspaced(character) {
                run.append(character)
            } else {
                flush()
                out.append(character)
            }
        }
        flush()
        return out
    }

    /// Whether `text` holds a character of a script written without spaces.
    static func needsSegmenting(_ text: String) -> Bool { text.contains(where: isUnspaced) }

    private static func isUnspaced(_ character: Character) -> Bool {
        guard let first = character.unicodeScalars.first, character.isLetter else { return false }
        switch first.value {
        case 0x0E00...0x0EFF,  // Thai, Lao
            0x1000...0x109F,  // Myanmar
            0x1780...0x17FF,  // Khmer
            0x3040...0x30FF,  // Hiragana, Katakana
            0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF:  // CJK ideographs
            return true
        default:
            return false
        }
    }
}
