import Foundation
import MaiaEmbedding

/// `Tests/Fixtures/minilm-reference.json`: sentence-transformers' token ids and embeddings for companion-style
/// sentences in eight languages (see `Tests/Fixtures/README.md`).
struct ReferenceFixture: Decodable {
    struct Sentence: Decodable {
        let language: String
        let text: String
        let tokenIDs: [Int32]
        let embedding: [Float]

        enum CodingKeys: String, CodingKey {
            case language
            case text
            case tokenIDs = "token_ids"
            case embedding
        }
    }

    let sentences: [Sentence]

    /// The fixture, read relative to this source file.
    static let shared: Result<ReferenceFixture, any Error> = Result {
        let url = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent()
            .deletingLastPathComponent()
            .appendingPathComponent("Fixtures/minilm-reference.json")
        return try JSONDecoder().decode(ReferenceFixture.self, from: Data(contentsOf: url))
    }

    /// The model in the default folder, loaded once for all tests (`scripts/setup.sh test` fetches it).
    static let embedder: Result<MiniLMEmbedder, EmbeddingError> = Result { () throws(EmbeddingError) in
        try MiniLMEmbedder()
    }
}

/// The cosine similarity of two vectors of equal length.
func cosine(_ a: [Float], _ b: [Float]) -> Float {
    var dot: Float = 0
    var normA: Float = 0
    var normB: Float = 0
    for (x, y) in zip(a, b) {
        dot += x * y
        normA += x * x
        normB += y * y
    }
    return dot / (normA.squareRoot() * normB.squareRoot())
}
