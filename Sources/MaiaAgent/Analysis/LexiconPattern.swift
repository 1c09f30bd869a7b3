/// One lexicon entry compiled for matching: a word sequence for space-separated scripts, or a string for Thai.
///
/// Source syntax: words separated by spaces, normalised like ``AnalysedText``; a word ending in `*` matches any
/// word starting with its stem (`suicid*` matches `suicide`, `suicidal`, `suicidio`). An entry containing Thai
/// letters is matched as a substring of the whitespace-free text, because Thai does not separate words.
struct LexiconPattern: Sendable, Equatable {
    /// One word of a word-sequence pattern.
    struct Word: Sendable, Equatable {
        var stem: String
        var isPrefix: Bool

        func matches(_ token: String) -> Bool {
            isPrefix ? token.hasPrefix(stem) : token == stem
        }
    }

    /// How the pattern is matched.
    enum Form: Sendable, Equatable {
        case words([Word])
        case thai([Unicode.Scalar])
    }

    /// The entry as written in the lexicon, for evidence and debugging.
    let source: String
    /// The compiled form.
    let form: Form

    /// Compiles a lexicon entry; returns `nil` for an entry with no word in it.
    init?(_ source: String) {
        self.source = source
        let folded = AnalysedText.fold(source)
        if folded.unicodeScalars.contains(where: { Script.of($0) == .thai }) {
            let compact = Array(folded.unicodeScalars.filter { !$0.properties.isWhitespace && $0 != "*" })
            guard !compact.isEmpty else { return nil }
            form = .thai(compact)
            return
        }
        var words: [Word] = []
        for piece in folded.split(whereSeparator: { $0.isWhitespace || $0 == "'" || $0 == "-" }) {
            let isPrefix = piece.hasSuffix("*")
            let stem = String(isPrefix ? piece.dropLast() : piece)
            guard !stem.isEmpty else { continue }
            words.append(Word(stem: stem, isPrefix: isPrefix))
        }
        guard !words.isEmpty else { return nil }
        form = .words(words)
    }
}
