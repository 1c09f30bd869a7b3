/// Finds every lexicon entry that occurs in a text: word-boundary-aware for space-separated scripts (an entry
/// matches whole words, or word prefixes where it says `*`), substring-based for Thai.
///
/// Entries are compiled and indexed once — by their first word, by the first three letters of a prefix stem (two
/// for a two-letter stem; a one-letter prefix stem never matches), and by the first scalar of a Thai entry — so a
/// message is matched in one pass over its tokens, plus one pass over its scalars when it contains Thai.
struct PhraseMatcher<Payload: Sendable>: Sendable {
    /// One occurrence of an entry in a text.
    struct Match: Sendable {
        /// What the lexicon attached to the entry (a language, an element, a weight…).
        var payload: Payload
        /// The entry as written in the lexicon.
        var entry: String
        /// The matched token range, for word patterns; `nil` for Thai substring matches.
        var tokens: Range<Int>?
        /// The matched scalar range in the whitespace-free text, for Thai matches; `nil` for word patterns.
        var scalars: Range<Int>?
        /// The match with a few words (or characters, for Thai) of context, lower-cased.
        var snippet: String
        /// The text just before the match (up to three words, or twelve characters for Thai), folded,
        /// so callers can look for negations.
        var preceding: [String]
        /// Up to two words just after the match, folded (empty for Thai), for negations that follow the verb.
        var following: [String]
    }

    private struct Entry: Sendable {
        var pattern: LexiconPattern
        var payload: Payload
    }

    private var entries: [Entry] = []
    private var byFirstWord: [String: [Int]] = [:]
    private var byPrefixKey: [String: [Int]] = [:]
    private var thaiByFirstScalar: [Unicode.Scalar: [Int]] = [:]

    /// Compiles the entries; entries with no word in them are ignored.
    init(_ source: [(String, Payload)]) {
        for (text, payload) in source {
            guard let pattern = LexiconPattern(text) else { continue }
            let index = entries.count
            entries.append(Entry(pattern: pattern, payload: payload))
            switch pattern.form {
            case .thai(let scalars):
                thaiByFirstScalar[scalars[0], default: []].append(index)
            case .words(let words):
                let first = words[0]
                if first.isPrefix {
                    byPrefixKey[Self.prefixKey(first.stem), default: []].append(index)
                } else {
                    byFirstWord[first.stem, default: []].append(index)
                }
            }
        }
    }

    /// The index key of a prefix stem: its first three characters, or two for a two-letter stem.
    private static func prefixKey(_ stem: String) -> String {
        String(stem.prefix(stem.count > 2 ? 3 : 2))
    }

    private static func string(_ scalars: ArraySlice<Unicode.Scalar>) -> String {
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars)
        return String(view)
    }

    /// Whether `other` lies inside this match (same text), so an exclusion such as "suicide squad" can cancel
    /// the crisis entry "suicid*" it contains.
    static func covers(_ outer: PhraseMatcher<some Sendable>.Match, _ inner: Match) -> Bool {
        if let outerTokens = outer.tokens, let innerTokens = inner.tokens {
            return outerTokens.lowerBound <= innerTokens.lowerBound && innerTokens.upperBound <= outerTokens.upperBound
        }
        if let outerScalars = outer.scalars, let innerScalars = inner.scalars {
            return outerScalars.lowerBound <= innerScalars.lowerBound
                && innerScalars.upperBound <= outerScalars.upperBound
        }
        return false
    }

    /// All matches in the text, word matches in reading order first, then Thai matches.
    func matches(in text: AnalysedText) -> [Match] {
        var found: [Match] = []
        let tokens = text.tokens
        for (position, token) in tokens.enumerated() {
            let exact = byFirstWord[token.folded] ?? []
            let short = byPrefixKey[String(token.folded.prefix(2))] ?? []
            let long = token.folded.count > 2 ? byPrefixKey[String(token.folded.prefix(3))] ?? [] : []
            for index in [exact, short, long].joined() {
                guard case .words(let words) = entries[index].pattern.form,
                    position + words.count <= tokens.count
                else { continue }
                let range = position..<(position + words.count)
                guard zip(words, tokens[range]).allSatisfy({ $0.matches($1.folded) }) else { continue }
                let context = max(0, position - 3)..<min(tokens.count, range.upperBound + 3)
                found.append(
                    Match(
                        payload: entries[index].payload,
                        entry: entries[index].pattern.source,
                        tokens: range,
                        scalars: nil,
                        snippet: tokens[context].map(\.original).joined(separator: " "),
                        preceding: tokens[max(0, position - 3)..<position].map(\.folded),
                        following: tokens[range.upperBound..<min(tokens.count, range.upperBound + 2)].map(\.folded)
                    )
                )
            }
        }
        guard text.hasThai else { return found }
        let compact = text.compact
        for start in compact.indices {
            for index in thaiByFirstScalar[compact[start]] ?? [] {
                guard case .thai(let needle) = entries[index].pattern.form,
                    start + needle.count <= compact.count,
                    compact[start..<(start + needle.count)].elementsEqual(needle)
                else { continue }
                let end = start + needle.count
                let before = Self.string(compact[max(0, start - 12)..<start])
                let after = Self.string(compact[end..<min(compact.count, end + 12)])
                found.append(
                    Match(
                        payload: entries[index].payload,
                        entry: entries[index].pattern.source,
                        tokens: nil,
                        scalars: start..<end,
                        snippet: before + Self.string(compact[start..<end]) + after,
                        preceding: [before],
                        following: []
                    )
                )
            }
        }
        return found
    }
}
