import MaiaInference
import Testing

/// The in-process runtime against llama.cpp's recorded answers (`scripts/reference/make_inference_fixture.py`, SmolLM2-135M
/// Q4_1, one thread).
@Suite(
    "In-process Llama against llama.cpp's recorded answers",
    .enabled(if: InstalledModel.runs, "SmolLM2 is not installed (scripts/setup.sh run)")
)
struct LlamaReferenceTests {
    @Test("every fixture text tokenizes to llama.cpp's ids (8 languages, emoji, code, special tokens)")
    func tokenizer() throws {
        let model = try InstalledModel.load()
        let fixture = try InstalledModel.fixture("tokenizer", as: TokenizerFixture.self)
        #expect(fixture.cases.count >= 200)
        for item in fixture.cases {
            #expect(model.tokenizer.encode(item.text) == item.ids, "\(item.text.debugDescription)")
        }
    }

    @Test("decoding gives the text back for texts without special tokens")
    func roundTrip() throws {
        let model = try InstalledModel.load()
        let fixture = try InstalledModel.fixture("tokenizer", as: TokenizerFixture.self)
        for item in fixture.cases where !item.text.contains("<") && !item.text.contains("\u{0}") {
            #expect(model.tokenizer.decode(model.tokenizer.encode(item.text)) == item.text)
        }
    }

    /// Logits after the prompt: the top ten of llama.cpp within 0.6 (measured worst: 0.41 on 30 prompts; one and two
    /// positions are bit-identical, see docs/in-process-inference.md for where longer prompts drift).
    ///
    /// A debug build runs the kernels unoptimised (about 0.4 s a token), so the suite checks every fifth prompt;
    /// `maia-bench inference --reference` checks all 30 in a release build.
    @Test("first-step logits are within 0.6 of llama.cpp's, and greedy decoding follows llama.cpp")
    func greedy() throws {
        let model = try InstalledModel.load()
        let fixture = try InstalledModel.fixture("generation", as: GenerationFixture.self)
        #expect(fixture.cases.count >= 20)
        var identical = 0
        var firstTokenSame = 0
        let checked = stride(from: 0, to: fixture.cases.count, by: 5).map { fixture.cases[$0] }
        for item in checked {
            #expect(model.tokenizer.encode(item.prompt) == item.ids)
            let session = try LlamaSession(model: model, contextSize: 1024, threads: 1)
            var logits = try session.evaluate(item.ids)
            for pair in item.firstStepTopLogits {
                #expect(abs(Double(logits[Int(pair[0])]) - pair[1]) < 0.6, "token \(Int(pair[0]))")
            }
            var tokens: [Int] = []
            while tokens.count < item.greedy.count {
                let token = Sampler.argmax(logits)
                tokens.append(token)
                if model.tokenizer.isEndOfGeneration(token) { break }
                logits = try session.evaluate([token])
            }
            if tokens.first == item.greedy.first { firstTokenSame += 1 }
            if tokens == item.greedy { identical += 1 }
        }
        // Measured on these six: 1 of 6 identical over 32 tokens, 5 of 6 on the first token.
        #expect(identical >= 1, "\(identical) of \(checked.count) identical")
        #expect(firstTokenSame >= 5, "\(firstTokenSame) of \(checked.count) first tokens identical")
        withKnownIssue("issue 18: greedy decoding does not yet match llama.cpp on every prompt (attention rounding)") {
            #expect(identical == checked.count)
        }
    }

    @Test("a one- and a two-token prompt give llama.cpp's logits to the last bit")
    func bitIdenticalShortPrompts() throws {
        let model = try InstalledModel.load()
        // Recorded with llama-cpp-python 0.3.36 (ggml 0.25.3, AVX2), n_threads=1: first three logits.
        let expected: [[Int]: [Float]] = [
            [1]: [13.368124008178711, 3.137681007385254, 6.047243118286133],
            [504, 3575]: [8.781224250793457, -3.950878620147705, -1.0089824199676514],
        ]
        for (prompt, logits) in expected {
            let session = try LlamaSession(model: model, contextSize: 64, threads: 1)
            #expect(Array(try session.evaluate(prompt).prefix(3)) == logits)
        }
    }

    @Test("evaluating a prompt in one batch, in pieces or token by token gives the same logits")
    func batchingIsExact() throws {
        let model = try InstalledModel.load()
        let prompt = model.tokenizer.encode("<|im_start|>user\nWhere do dreams come from?<|im_end|>\n")
        let whole = try LlamaSession(model: model, contextSize: 128, threads: 2).evaluate(prompt)
        let pieces = try LlamaSession(model: model, contextSize: 128, threads: 1, batchSize: 5)
        let byPieces = try pieces.evaluate(prompt)
        #expect(whole == byPieces)
        let single = try LlamaSession(model: model, contextSize: 128, threads: 1)
        var last: [Float] = []
        for token in prompt { last = try single.evaluate([token]) }
        #expect(whole == last)
    }
}
