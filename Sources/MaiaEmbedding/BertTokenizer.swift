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

    /// Builds a tokenizer from the lines of `vocab.txt` and the special token names.
    init(
        vocabulary: [String],
        lowercase: Bool = true,
        maximumLength: Int = 256,
        unknownToken: String = "[UNK]",
        classToken: String = "[CLS]",
        separatorToken: String = "[SEP]"
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
    }

    /// The token ids of `text`: `[CLS]`, its WordPiece ids (truncated to fit), `[SEP]`.
    public func encode(_ text: String) -> [Int32] {
        let scalars = BertNormalizer.normalize(text, lowercase: lowercase)
        var ids: [Int32] = [classID]
        for word in BertPreTokenizer.split(scalars) {
            wordPiece.tokenize(word, into: &ids)
            if ids.count >= maximumLength - 1 { break }
        }
        if ids.count > maximumLength - 1 { ids.removeSubrange((maximumLength - 1)...) }
        ids.append(separatorID)
        return ids
    }
}

extension BertTokenizer {
    /// The settings read from `tokenizer_config.json`; absent keys take BERT-uncased defaults.
    struct Settings: Decodable {
        var doLowerCase: Bool?
        var unkToken: String?
        var clsToken: String?
        var sepToken: String?

        enum CodingKeys: String, CodingKey {
            case doLowerCase = "do_lower_case"
            case unkToken = "unk_token"
            case clsToken = "cls_token"
            case sepToken = "sep_token"
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
                separatorToken: settings.sepToken ?? "[SEP]"
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
