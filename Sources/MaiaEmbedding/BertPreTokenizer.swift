/// Splits normalised text into words as Hugging Face's `BertPreTokenizer` does: whitespace separates words
/// and is dropped; every punctuation character becomes a word of its own.
enum BertPreTokenizer {
    /// The words of `scalars`, each a non-empty run of scalars.
    static func split(_ scalars: [Unicode.Scalar]) -> [ArraySlice<Unicode.Scalar>] {
        var words: [ArraySlice<Unicode.Scalar>] = []
        var start = scalars.startIndex
        for index in scalars.indices {
            let scalar = scalars[index]
            if scalar.properties.isWhitespace {
                if start < index { words.append(scalars[start..<index]) }
                start = index + 1
            } else if isPunctuation(scalar) {
                if start < index { words.append(scalars[start..<index]) }
                words.append(scalars[index...index])
                start = index + 1
            }
        }
        if start < scalars.endIndex { words.append(scalars[start...]) }
        return words
    }

    /// ASCII punctuation (which includes symbols such as `$`, `+`, `^`, `|`) or any Unicode punctuation (P*).
    static func isPunctuation(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        if (33...47).contains(value) || (58...64).contains(value) || (91...96).contains(value)
            || (123...126).contains(value)
        {
            return true
        }
        switch scalar.properties.generalCategory {
        case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation, .initialPunctuation,
            .finalPunctuation, .otherPunctuation:
            return true
        default:
            return false
        }
    }
}
