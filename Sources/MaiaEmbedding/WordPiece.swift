/// Greedy longest-match-first WordPiece, as BERT's tokenizer does it: a word is cut into the longest vocabulary
/// entries from the left, pieces after the first carrying the `##` prefix; a word that cannot be cut
/// completely, or that is longer than ``maximumCharactersPerWord`` scalars, becomes the unknown token.
struct WordPiece: Sendable {
    /// Words longer than this (in Unicode scalars) become the unknown token, as in the reference (100).
    let maximumCharactersPerWord: Int
    /// The id of the unknown token.
    let unknownID: Int32
    /// Ids of vocabulary entries that may start a word, keyed by their scalar values.
    private let starts: [[UInt32]: Int32]
    /// Ids of `##` entries that continue a word, keyed by the scalar values after `##`.
    private let continuations: [[UInt32]: Int32]

    /// Builds the lookup tables from `vocabulary`, one entry per id (the lines of `vocab.txt`).
    ///
    /// Keys are compared scalar by scalar, never by Swift's canonical string equivalence, because the
    /// reference compares code points.
    init(vocabulary: [String], unknownToken: String, maximumCharactersPerWord: Int = 100) throws(EmbeddingError) {
        var starts: [[UInt32]: Int32] = [:]
        var continuations: [[UInt32]: Int32] = [:]
        for (index, token) in vocabulary.enumerated() {
            let values = token.unicodeScalars.map(\.value)
            if values.count > 2, values[0] == 35, values[1] == 35 {
                continuations[Array(values.dropFirst(2))] = Int32(index)
            }
            starts[values] = Int32(index)
        }
        guard let unknownID = starts[unknownToken.unicodeScalars.map(\.value)] else {
            throw EmbeddingError(
                code: .unexpectedShape,
                message: "the vocabulary has no unknown token \(unknownToken)"
            )
        }
        self.starts = starts
        self.continuations = continuations
        self.unknownID = unknownID
        self.maximumCharactersPerWord = maximumCharactersPerWord
    }

    /// Appends the ids of `word`'s pieces to `ids`.
    func tokenize(_ word: ArraySlice<Unicode.Scalar>, into ids: inout [Int32]) {
        guard word.count <= maximumCharactersPerWord else {
            ids.append(unknownID)
            return
        }
        let values = word.map(\.value)
        let firstNew = ids.count
        var start = 0
        while start < values.count {
            var end = values.count
            var found: Int32?
            let table = start == 0 ? starts : continuations
            while start < end {
                if let id = table[Array(values[start..<end])] {
                    found = id
                    break
                }
                end -= 1
            }
            guard let id = found else {
                ids.removeSubrange(firstNew...)
                ids.append(unknownID)
                return
            }
            ids.append(id)
            start = end
        }
    }
}
