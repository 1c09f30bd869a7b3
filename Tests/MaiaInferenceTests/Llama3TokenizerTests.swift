import Foundation
import MaiaCore
import MaiaInference
import MaiaTesting
import Testing

/// Llama 3's tokenizer (`llama-bpe` pre-tokenizer, whole-word tokens before merges) against llama.cpp's ids, on
/// llama.cpp's own vocabulary test file (installed by `scripts/setup.sh test` from llama-cpp-python's sdist;
/// fixture from `scripts/reference/make_llama3_tokenizer_fixture.py`).
@Suite(
    "Llama 3 tokenizer against llama.cpp",
    .enabled(if: Llama3Vocabulary.runs, "the Llama 3 vocabulary is not installed (scripts/setup.sh test)")
)
struct Llama3TokenizerTests {

    @Test("every fixture text gives llama.cpp's ids: 8 languages, emoji, code, whitespace, header tokens")
    func fixture() throws {
        let tokenizer = try BPETokenizer(GGUFFile(path: Llama3Vocabulary.path))
        let fixture = try InstalledModel.fixture("llama3-tokenizer", as: TokenizerFixture.self)
        #expect(fixture.cases.count >= 300)
        var identical = 0
        for item in fixture.cases {
            let ids = tokenizer.encode(item.text)
            #expect(ids == item.ids, "\(item.text.debugDescription)")
            if ids == item.ids { identical += 1 }
        }
        #expect(identical == fixture.cases.count)
    }

    @Test("the Llama 3 family adds its beginning-of-text token, and decoding gives the text back")
    func specialsAndRoundTrip() throws {
        let tokenizer = try BPETokenizer(GGUFFile(path: Llama3Vocabulary.path))
        let begin = try #require(tokenizer.id(of: "<|begin_of_text|>"))
        #expect(tokenizer.encode("Hello world", addSpecial: true) == [begin, 9906, 1917])
        let fixture = try InstalledModel.fixture("llama3-tokenizer", as: TokenizerFixture.self)
        for item in fixture.cases where !item.text.contains("<|") {
            #expect(tokenizer.decode(tokenizer.encode(item.text)) == item.text, "\(item.text.debugDescription)")
        }
    }
}

/// Where `scripts/setup.sh test` puts llama.cpp's Llama 3 vocabulary file.
enum Llama3Vocabulary {
    static let path = LocalPaths(environment: ProcessInfo.processInfo.environment).models
        .appendingPathComponent("llama3-vocab/ggml-vocab-llama-bpe.gguf").path

    /// Installed, or required (`MAIA_TEST_REQUIRE_ALL`), where a missing file then fails the test.
    static var runs: Bool { FileManager.default.fileExists(atPath: path) || TestRequirements.requireAll }
}
