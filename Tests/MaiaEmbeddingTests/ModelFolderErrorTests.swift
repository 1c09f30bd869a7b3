import Foundation
import MaiaEmbedding
import MaiaTesting
import Testing

@Suite("Loading a bad model folder")
struct ModelFolderErrorTests {
    /// A folder with the real model's small files (config, vocab, tokenizer settings) but no weights.
    func folderWithoutWeights() throws -> TemporaryDirectory {
        let directory = try TemporaryDirectory(prefix: "maia-minilm")
        let real = MiniLMEmbedder.defaultFolder().url
        for name in ["config.json", "vocab.txt", "tokenizer_config.json", "sentence_bert_config.json"] {
            try FileManager.default.copyItem(
                at: real.appendingPathComponent(name),
                to: directory.url.appendingPathComponent(name)
            )
        }
        return directory
    }

    @Test("a folder that does not exist gives missingFile naming the file and the fix")
    func missingFolder() throws {
        let folder = ModelFolder(path: "/nonexistent/maia-models/minilm")
        let error = try #require(throws: EmbeddingError.self) { try MiniLMEmbedder(folder: folder) }
        #expect(error.code == .missingFile)
        #expect(error.path?.hasPrefix("/nonexistent/maia-models/minilm/") == true)
        #expect(error.description.contains("/nonexistent/maia-models/minilm/"))
        #expect(error.description.contains("scripts/setup.sh"))
        #expect(error.description.contains("MAIA_MODELS_DIR"))
    }

    @Test("missing weights give missingFile naming model.safetensors")
    func missingWeights() throws {
        let directory = try folderWithoutWeights()
        defer { directory.remove() }
        let error = try #require(throws: EmbeddingError.self) {
            try MiniLMEmbedder(folder: ModelFolder(url: directory.url))
        }
        #expect(error.code == .missingFile)
        #expect(error.path == directory.url.appendingPathComponent("model.safetensors").path)
    }

    @Test("corrupt weights give corruptFile naming model.safetensors", arguments: ["short", "huge header", "bad json"])
    func corruptWeights(kind: String) throws {
        let directory = try folderWithoutWeights()
        defer { directory.remove() }
        let bytes: [UInt8] =
            switch kind {
            case "short": [1, 2, 3]
            case "huge header": [0xFF, 0xFF, 0xFF, 0xFF, 0, 0, 0, 0] + Array("{}".utf8)
            default: [5, 0, 0, 0, 0, 0, 0, 0] + Array("{oops".utf8)
            }
        let path = directory.url.appendingPathComponent("model.safetensors")
        try Data(bytes).write(to: path)
        let error = try #require(throws: EmbeddingError.self) {
            try MiniLMEmbedder(folder: ModelFolder(url: directory.url))
        }
        #expect(error.code == .corruptFile)
        #expect(error.path == path.path)
        #expect(error.description.contains("model.safetensors"))
    }

    @Test("weights of the wrong shape give unexpectedShape naming the tensor")
    func wrongShape() throws {
        let directory = try folderWithoutWeights()
        defer { directory.remove() }
        let file = try SafeTensorsWriter.data(tensors: [
            ("embeddings.word_embeddings.weight", [2, 3], [Float](repeating: 0.5, count: 6))
        ])
        try file.write(to: directory.url.appendingPathComponent("model.safetensors"))
        let error = try #require(throws: EmbeddingError.self) {
            try MiniLMEmbedder(folder: ModelFolder(url: directory.url))
        }
        #expect(error.code == .unexpectedShape)
        #expect(error.description.contains("embeddings.word_embeddings.weight"))
        #expect(error.description.contains("[30522, 384]"))
    }

    @Test("an unreadable config.json gives corruptFile naming it")
    func badConfig() throws {
        let directory = try folderWithoutWeights()
        defer { directory.remove() }
        try directory.write("{\"hidden_size\": \"big\"}", to: "config.json")
        let error = try #require(throws: EmbeddingError.self) {
            try MiniLMEmbedder(folder: ModelFolder(url: directory.url))
        }
        #expect(error.code == .corruptFile)
        #expect(error.path == directory.url.appendingPathComponent("config.json").path)
    }

    @Test("a batch size of zero is refused")
    func zeroBatch() throws {
        let error = try #require(throws: EmbeddingError.self) {
            try MiniLMEmbedder(folder: MiniLMEmbedder.defaultFolder(), batchSize: 0)
        }
        #expect(error.code == .invalidInput)
    }
}
