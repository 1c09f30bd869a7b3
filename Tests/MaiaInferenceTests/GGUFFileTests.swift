import Foundation
import MaiaInference
import MaiaTesting
import Testing

@Suite("GGUF reader")
struct GGUFFileTests {
    /// A minimal GGUF header: magic, version, tensor count, metadata count, then `body`.
    static func header(version: UInt32 = 3, tensors: UInt64 = 0, metadata: UInt64 = 0, body: [UInt8] = []) -> [UInt8] {
        var bytes = Array("GGUF".utf8)
        withUnsafeBytes(of: version.littleEndian) { bytes += $0 }
        withUnsafeBytes(of: tensors.littleEndian) { bytes += $0 }
        withUnsafeBytes(of: metadata.littleEndian) { bytes += $0 }
        return bytes + body
    }

    static func open(_ bytes: [UInt8]) throws -> InferenceError? {
        let folder = try TemporaryDirectory()
        let path = folder.url.appendingPathComponent("model.gguf").path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        do {
            _ = try GGUFFile(path: path)
            return nil
        } catch {
            return error
        }
    }

    @Test("a missing file is named with its path")
    func missing() {
        #expect(throws: InferenceError.self) { try GGUFFile(path: "/nonexistent/model.gguf") }
        do {
            _ = try GGUFFile(path: "/nonexistent/model.gguf")
        } catch {
            #expect(error.code == .missingFile)
            #expect(error.message.contains("/nonexistent/model.gguf"))
        }
    }

    @Test("bad files are refused with the reason: empty, wrong magic, unknown version, truncated, bad value type")
    func corrupt() throws {
        let cases: [([UInt8], InferenceError.Code, String)] = [
            ([], .corruptFile, "empty"),
            (Array("GGML and more bytes here".utf8), .corruptFile, "does not start with `GGUF`"),
            (Self.header(version: 7), .corruptFile, "version 7"),
            (Array(Self.header().prefix(10)), .corruptFile, "ends inside its header"),
            (Self.header(metadata: 1, body: [1, 0, 0, 0, 0, 0, 0, 0, 65, 99, 0, 0, 0]), .corruptFile, "value type 99"),
            (Self.header(metadata: UInt64(1) << 40), .corruptFile, "a count of"),
        ]
        for (bytes, code, phrase) in cases {
            let error = try #require(try Self.open(bytes), "\(phrase)")
            #expect(error.code == code, "\(phrase)")
            #expect(error.message.contains(phrase), "\(error.message)")
        }
    }

    @Test("a valid file without a llama architecture is refused as unsupported")
    func notLlama() throws {
        let folder = try TemporaryDirectory()
        let path = folder.url.appendingPathComponent("model.gguf").path
        // general.architecture = "bert" (string value type 8).
        var body: [UInt8] = []
        let key = Array("general.architecture".utf8)
        withUnsafeBytes(of: UInt64(key.count).littleEndian) { body += $0 }
        body += key
        withUnsafeBytes(of: UInt32(8).littleEndian) { body += $0 }
        withUnsafeBytes(of: UInt64(4).littleEndian) { body += $0 }
        body += Array("bert".utf8)
        try Data(Self.header(metadata: 1, body: body)).write(to: URL(fileURLWithPath: path))
        let file = try GGUFFile(path: path)
        #expect(file.metadata["general.architecture"] == .string("bert"))
        #expect(throws: InferenceError.self) { try LlamaModel(file: file) }
        do {
            _ = try LlamaModel(file: file)
        } catch {
            #expect(error.code == .unsupportedModel)
            #expect(error.message.contains("`bert`"))
        }
    }

    @Test(
        "SmolLM2's shape and tokenizer are read from its metadata",
        .enabled(if: InstalledModel.runs, "SmolLM2 is not installed (scripts/setup.sh run)")
    )
    func smolLM2() throws {
        let model = try InstalledModel.load()
        let shape = model.hyperparameters
        #expect(shape.embeddingLength == 576)
        #expect(shape.blockCount == 30)
        #expect(shape.headCount == 9)
        #expect(shape.kvHeadCount == 3)
        #expect(shape.vocabularySize == 49152)
        #expect(shape.ropeBase == 100_000)
        #expect(model.tokenizer.bos == 1)
        #expect(model.tokenizer.eos == 2)
        #expect(!model.tokenizer.addsBOS)
        #expect(model.chatTemplate.layout == .chatML)
        #expect(
            model.chatTemplate.defaultSystem == "You are a helpful AI assistant named SmolLM, trained by Hugging Face"
        )
        #expect(model.file.tensors["blk.0.attn_q.weight"]?.type == .q4_1)
        #expect(model.file.tensors["token_embd.weight"]?.type == .q8_0)
    }
}
