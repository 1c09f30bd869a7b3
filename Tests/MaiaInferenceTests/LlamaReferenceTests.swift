import Crypto
import Foundation
import MaiaInference
import MaiaTesting
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

    /// Logits after the prompt and 32 greedy tokens. Where MAIA's kernels reproduce the llama.cpp build that recorded
    /// the fixture (the fixture records its instruction set), the top ten logits are equal to the last bit and every
    /// token is llama.cpp's; on another CPU the sums round differently, so the logits are held to 0.05 and the
    /// tokens to the first one only (`maia-bench inference --reference --kernels avx2` measures that case).
    ///
    /// All 30 prompts: `scripts/test.sh` builds the C kernels optimised (-Xcc -O2), where this takes seconds; in a
    /// plain debug build (kernels unoptimised, about 0.4 s a token) it takes minutes.
    @Test("first-step logits and greedy tokens are llama.cpp's (Q4_1 as installed)")
    func greedy() throws {
        try checkGreedy(try InstalledModel.load(), fixture: "generation")
    }

    /// The same check on the other weight types the runtime reads, SmolLM2 requantized by llama.cpp's quantizer
    /// (`scripts/reference/make_quantized_models.py`). The Q4_0 fixture was recorded with llama.cpp's weight
    /// repacking off: on x86 it would multiply Q4_0 in interleaved 8-row blocks, in another summation order.
    @Test(
        "first-step logits and greedy tokens are llama.cpp's, Q4_0, F16 and F32 weights",
        .enabled(
            if: FileManager.default.fileExists(atPath: InstalledModel.requantized("F16"))
                || TestRequirements.requireAll,
            "the requantized SmolLM2 files are missing (scripts/setup.sh test writes them)"
        ),
        arguments: ["Q4_0", "F16", "F32"]
    )
    func greedyRequantized(type: String) throws {
        let path = InstalledModel.requantized(type)
        try #require(
            FileManager.default.fileExists(atPath: path),
            "\(path) is missing: scripts/setup.sh test writes it"
        )
        let fixture = try InstalledModel.fixture("generation-\(type)", as: GenerationFixture.self)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped)
        let digest = SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined()
        try #require(digest == fixture.sha256, "\(path) is not the file the fixture was recorded with")
        try checkGreedy(try LlamaModel(path: path), fixture: "generation-\(type)")
    }

    private func checkGreedy(_ model: LlamaModel, fixture name: String) throws {
        let fixture = try InstalledModel.fixture(name, as: GenerationFixture.self)
        #expect(fixture.cases.count >= 20)
        let exact = fixture.kernels == InferenceKernels.current.referenceBuild
        for item in fixture.cases {
            #expect(model.tokenizer.encode(item.prompt) == item.ids)
            let session = try LlamaSession(model: model, contextSize: 1024, threads: 1)
            var logits = try session.evaluate(item.ids)
            for pair in item.firstStepTopLogits {
                let ours = logits[Int(pair[0])]
                if exact {
                    #expect(ours == Float(pair[1]), "\(name): token \(Int(pair[0]))")
                } else {
                    #expect(abs(Double(ours) - pair[1]) < 0.05, "\(name): token \(Int(pair[0]))")
                }
            }
            var tokens: [Int] = []
            while tokens.count < item.greedy.count {
                let token = Sampler.argmax(logits)
                tokens.append(token)
                if model.tokenizer.isEndOfGeneration(token) { break }
                logits = try session.evaluate([token])
            }
            if exact {
                #expect(tokens == item.greedy, "\(name): \(item.prompt.debugDescription)")
            } else {
                #expect(tokens.first == item.greedy.first, "\(name): \(item.prompt.debugDescription)")
            }
        }
    }

    @Test(
        "a one- and a two-token prompt give llama.cpp's logits to the last bit",
        .enabled(if: InferenceKernels.current == .avx512, "recorded with llama.cpp's AVX-512 build")
    )
    func bitIdenticalShortPrompts() throws {
        let model = try InstalledModel.load()
        // Recorded with llama-cpp-python 0.3.36 (ggml 0.25.3, native AVX-512 build), n_threads=1: first three logits.
        let expected: [[Int]: [Float]] = [
            [1]: [13.368124008178711, 3.137681007385254, 6.047243118286133],
            [504, 3575]: [8.781224250793457, -3.950878620147705, -1.0089824199676514],
        ]
        for (prompt, logits) in expected {
            let session = try LlamaSession(model: model, contextSize: 64, threads: 1)
            #expect(Array(try session.evaluate(prompt).prefix(3)) == logits)
        }
    }

    /// llama.cpp sums attention in another order for a one-token pass (ggml_vec_dot_f16) than for a batch of two or
    /// more (llamafile's tinyBLAS), and so does the runtime; for this prompt both orders give the same logits there.
    @Test(
        "a prompt in one batch and token by token gives llama.cpp's logits both ways",
        .enabled(if: InferenceKernels.current == .avx512, "recorded with llama.cpp's AVX-512 build")
    )
    func batchAndTokenByToken() throws {
        let model = try InstalledModel.load()
        let prompt = model.tokenizer.encode("<|im_start|>user\nWhere do dreams come from?<|im_end|>\n")
        // llama-cpp-python 0.3.36 (native AVX-512 build), n_threads=1, `eval(ids)` and `eval([id])` per token.
        let expected: [Float] = [2.0092906951904297, 23.779754638671875, 18.438966751098633]
        let whole = try LlamaSession(model: model, contextSize: 128, threads: 2).evaluate(prompt)
        #expect(Array(whole.prefix(3)) == expected)
        let single = try LlamaSession(model: model, contextSize: 128, threads: 1)
        var last: [Float] = []
        for token in prompt { last = try single.evaluate([token]) }
        #expect(Array(last.prefix(3)) == expected)
    }

    @Test("batches of two or more tokens give the same logits however the prompt is split, on any thread count")
    func batchingIsExact() throws {
        let model = try InstalledModel.load()
        let prompt = model.tokenizer.encode("<|im_start|>user\nWhere do dreams come from?<|im_end|>\n")
        #expect(prompt.count == 11)
        let whole = try LlamaSession(model: model, contextSize: 128, threads: 2).evaluate(prompt)
        // Pieces of 4, 4 and 3 tokens: every pass is a batch, so every sum runs in the batch order.
        let pieces = try LlamaSession(model: model, contextSize: 128, threads: 1, batchSize: 4)
        #expect(whole == (try pieces.evaluate(prompt)))
    }
}
