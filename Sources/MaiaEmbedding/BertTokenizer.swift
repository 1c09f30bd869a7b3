import Foundation

/// BERT's WordPiece tokenizer, matching Hugging Face's `BertTokenizer` and the `tokenizers` pipeline
/// (`BertNormalizer`, `BertPreTokenizer`, `WordPiece`, `[CLS] … [SEP]` template) token for token.
///
/// Input longer than ``maximumLength`` tokens (special tokens included) is truncated at the end, as
/// sentence-transformers does with the model's `max_seq_length`.
public struct BertTokenizer: Sendable {
    /// The largest number of ids ``encode(_:)`` returns, `[CLS]` and `[SEP]` included.
    public let maximumLength: Int
    /// The id of `[CLS]`, which starts every sequence.
    public let classID: Int32
    /// The id of `[SEP]`, which ends every sequence.
    public let separatorID: Int32
    /// The number of entries in the vocabulary.
    public let vocabularySize: Int
    /// Whether text is lower-cased and stripped of accents before splitting.
    let lowercase: Bool
    let wordPiece: WordPiece
    /// Special tokens (`[CLS]`, `[MASK]`, …) that map to their id when they appear verbatim in the text,
    /// before any normalisation, as the reference's added tokens do; longest first.
    let specialTokens: [(scalars: [Unicode.Scalar], id: Int32)]

    /// Builds a tokenizer from the lines of `vocab.txt` and the special token names.
    init(
        vocabulary: [String],
        lowercase: Bool = true,
        maximumLength: Int = 256,
        unknownToken: String = "[UNK]",
        classToken: String = "[CLS]",
        separatorToken: String = "[SEP]",
        otherSpecialTokens: [String] = ["[PAD]", "[MASK]"]
    ) throws(EmbeddingError) {
        guard maximumLength >= 2 else {
            throw EmbeddingError(code: .invalidInput, message: "a maximum length of \(maximumLength) leaves no room")
        }
        let index = Dictionary(vocabulary.enumerated().map { ($1, Int32($0)) }, uniquingKeysWith: { $1 })
        guard let classID = index[classToken], let separatorID = index[separatorToken] else {
            throw EmbeddingError(
                code: .unexpectedShape,
                message: "the vocabulary lacks \(classToken) or \(separatorToken)"
            )
        }
        self.wordPiece = try WordPiece(vocabulary: vocabulary, unknownToken: unknownToken)
        self.classID = classID
        self.separatorID = separatorID
        self.lowercase = lowercase
        self.maximumLength = maximumLength
        self.vocabularySize = vocabulary.count
        self.specialTokens = Set([unknownToken, classToken, separatorToken] + otherSpecialTokens)
            .compactMap { token in index[token].map { (Array(token.unicodeScalars), $0) } }
            .sorted { $0.scalars.count > $1.scalars.count }
    }

    /// The token ids of `text`: `[CLS]`, its WordPiece ids (truncated to fit), `[SEP]`.
    ///
    /// Special tokens written verbatim in `text` (such as `[MASK]`) become their own ids, as in the reference.
    /// The share of `text`'s tokens (without the class and separator tokens) that are not the unknown token; 1 for
    /// text without tokens.
    public func knownShare(of text: String) -> Double {
        let ids = encode(text).filter { $0 != classID && $0 != separatorID }
        guard !ids.isEmpty else { return 1 }
        return Double(ids.count { $0 != wordPiece.unknownID }) / Double(ids.count)
    }

    public func encode(_ text: String) -> [Int32] {
        var ids: [Int32] = [classID]
        let limit = maximumLength - 1
        let scalars = Array(text.unicodeScalars)
        var segmentStart = 0
        var index = 0
        while index < scalars.count, ids.count < limit {
            guard scalars[index] == "[", let special = specialToken(in: scalars, at: index) else {
                index += 1
                continue
            }
            tokenize(scalars[segmentStart..<index], into: &ids)
            ids.append(special.id)
            index += special.length
            segmentStart = index
        }
        if segmentStart < scalars.count, ids.count < limit { tokenize(scalars[segmentStart...], into: &ids) }
        if ids.count > limit { ids.removeSubrange(limit...) }
        ids.append(separatorID)
        return ids
    }

    /// Appends the WordPiece ids of a stretch of text without special tokens, stopping once the limit is near.
    private func tokenize(_ segment: ArraySlice<Unicode.Scalar>, into ids: inout [Int32]) {
        guard !segment.isEmpty else { return }
        let text = String(String.UnicodeScalarView(segment))
        for word in BertPreTokenizer.split(BertNormalizer.normalize(text, lowercase: lowercase)) {
            wordPiece.tokenize(word, into: &ids)
            if ids.count >= maximumLength - 1 { break }
        }
    }

    /// The special token written at `index`, if any, and its length in scalars.
    private func specialToken(in scalars: [Unicode.Scalar], at index: Int) -> (id: Int32, length: Int)? {
        for token in specialTokens where scalars[index...].starts(with: token.scalars) {
            return (token.id, token.scalars.count)
        }
        return nil
    }
}

extension BertTokenizer {
    /// The settings read from `tokenizer_config.json`; absent keys take BERT-uncased defaults.
    struct Settings: Decodable {
        var doLowerCase: Bool?
        var unkToken: String?
        var clsToken: String?
        var sepToken: String?
        var padToken: String?
        var maskToken: String?

        enum CodingKeys: String, CodingKey {
            case doLowerCase = "do_lower_case"
            case unkToken = "unk_token"
            case clsToken = "cls_token"
            case sepToken = "sep_token"
            case padToken = "pad_token"
            case maskToken = "mask_token"
        }
    }

    /// `max_seq_length` from `sentence_bert_config.json`.
    struct SentenceSettings: Decodable {
        var maxSeqLength: Int?

        enum CodingKeys: String, CodingKey {
            case maxSeqLength = "max_seq_length"
        }
    }

    /// Loads `vocab.txt`, `tokenizer_config.json` and `sentence_bert_config.json` from `folder`.
    init(folder: ModelFolder) throws(EmbeddingError) {
        let data = try folder.data(of: "vocab.txt")
        // Split on newline bytes, not Characters: "\r\n" or a line starting with a combining mark must not merge.
        var lines: [String] = []
        for line in data.split(separator: 10, omittingEmptySubsequences: false) {
            guard let token = String(validating: line, as: UTF8.self) else {
                throw EmbeddingError(
                    code: .corruptFile,
                    message: "\(folder.path(of: "vocab.txt")) line \(lines.count + 1) is not UTF-8 text",
                    path: folder.path(of: "vocab.txt")
                )
            }
            lines.append(token)
        }
        if lines.last?.isEmpty == true { lines.removeLast() }
        let settings = try folder.json(Settings.self, of: "tokenizer_config.json")
        let sentence = try folder.json(SentenceSettings.self, of: "sentence_bert_config.json")
        do {
            try self.init(
                vocabulary: lines,
                lowercase: settings.doLowerCase ?? true,
                maximumLength: sentence.maxSeqLength ?? 256,
                unknownToken: settings.unkToken ?? "[UNK]",
                classToken: settings.clsToken ?? "[CLS]",
                separatorToken: settings.sepToken ?? "[SEP]",
                otherSpecialTokens: [settings.padToken ?? "[PAD]", settings.maskToken ?? "[MASK]"]
            )
        } catch {
            throw EmbeddingError(
                code: error.code,
                message: "\(folder.path(of: "vocab.txt")): \(error.message)",
                path: folder.path(of: "vocab.txt")
            )
        }
    }
}
