import Testing

@testable import MaiaEmbedding

@Suite("BERT WordPiece tokenizer")
struct BertTokenizerTests {
    static let vocabulary = [
        "[PAD]", "[UNK]", "[CLS]", "[SEP]", "hello", "world", "un", "##aff", "##able", ",", "!", "cafe", "$",
        "中", "国", "naive", "x",
    ]

    func ids(_ text: String, maximumLength: Int = 256) throws -> [Int32] {
        try BertTokenizer(vocabulary: Self.vocabulary, maximumLength: maximumLength).encode(text)
    }

    func id(_ token: String) -> Int32 {
        Int32(Self.vocabulary.firstIndex(of: token) ?? -1)
    }

    @Test("text is lower-cased, split on whitespace and punctuation, and wrapped in [CLS] … [SEP]")
    func basic() throws {
        #expect(try ids("Hello,  WORLD!") == [2, id("hello"), id(","), id("world"), id("!"), 3])
    }

    @Test("words are cut into the longest pieces with ## continuations")
    func continuation() throws {
        #expect(try ids("unaffable") == [2, id("un"), id("##aff"), id("##able"), 3])
    }

    @Test("a word that cannot be cut completely is one [UNK]")
    func unknown() throws {
        #expect(try ids("unaffablez hello") == [2, 1, id("hello"), 3])
    }

    @Test("the readable share counts the tokens that are not [UNK]; text without tokens counts as readable")
    func knownShare() throws {
        let tokenizer = try BertTokenizer(vocabulary: Self.vocabulary)
        #expect(tokenizer.knownShare(of: "hello world") == 1)
        #expect(tokenizer.knownShare(of: "hello แมวป่วย") == 0.5)
        #expect(tokenizer.knownShare(of: "แมว ป่วย") == 0)
        #expect(tokenizer.knownShare(of: "") == 1)
    }

    @Test("accents are stripped after NFD, whatever the input's normal form")
    func accents() throws {
        #expect(try ids("Café") == [2, id("cafe"), 3])
        #expect(try ids("Cafe\u{301}") == [2, id("cafe"), 3])
        #expect(try ids("NAÏVE") == [2, id("naive"), 3])
    }

    @Test("CJK ideographs become words of their own; symbols in ASCII punctuation are split")
    func chineseAndSymbols() throws {
        #expect(try ids("中国x") == [2, id("中"), id("国"), id("x"), 3])
        #expect(try ids("$x") == [2, id("$"), id("x"), 3])
    }

    @Test("control and format characters are dropped; other whitespace separates words")
    func cleanup() throws {
        #expect(try ids("hel\u{200B}lo\u{7}\u{A0}world\tx") == [2, id("hello"), id("world"), id("x"), 3])
    }

    @Test("words over 100 characters are [UNK] even when they could be cut")
    func longWords() throws {
        #expect(try ids(String(repeating: "x", count: 100)) == [2, 1, 3])
        #expect(try ids(String(repeating: "x", count: 101)) == [2, 1, 3])
    }

    @Test("long input is truncated to the maximum length, [SEP] kept")
    func truncation() throws {
        let encoded = try ids(Array(repeating: "hello", count: 10).joined(separator: " "), maximumLength: 5)
        #expect(encoded == [2, id("hello"), id("hello"), id("hello"), 3])
        #expect(try ids("") == [2, 3])
    }

    @Test("special tokens written verbatim keep their ids, as the reference's added tokens do")
    func verbatimSpecialTokens() throws {
        let vocabulary = Self.vocabulary + ["[MASK]", "[", "]", "cl", "##s"]
        let tokenizer = try BertTokenizer(vocabulary: vocabulary)
        func id(_ token: String) -> Int32 { Int32(vocabulary.firstIndex(of: token) ?? -1) }
        #expect(tokenizer.encode("hello [MASK] world") == [2, id("hello"), id("[MASK]"), id("world"), 3])
        #expect(tokenizer.encode("x[CLS]x[PAD]") == [2, id("x"), 2, id("x"), 0, 3])
        #expect(tokenizer.encode("[cls]") == [2, id("["), id("cl"), id("##s"), id("]"), 3])
    }

    @Test("a vocabulary without [UNK] is refused")
    func missingUnknown() {
        #expect(throws: EmbeddingError.self) { try BertTokenizer(vocabulary: ["[CLS]", "[SEP]"]) }
    }
}
