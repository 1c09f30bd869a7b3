/// The architecture settings of a BERT model, read from its `config.json`.
struct BertConfiguration: Sendable, Hashable, Decodable {
    var hiddenSize: Int
    var layerCount: Int
    var headCount: Int
    var intermediateSize: Int
    var layerNormEpsilon: Float
    var maximumPositions: Int
    var vocabularySize: Int
    var tokenTypeCount: Int
    var activation: String

    enum CodingKeys: String, CodingKey {
        case hiddenSize = "hidden_size"
        case layerCount = "num_hidden_layers"
        case headCount = "num_attention_heads"
        case intermediateSize = "intermediate_size"
        case layerNormEpsilon = "layer_norm_eps"
        case maximumPositions = "max_position_embeddings"
        case vocabularySize = "vocab_size"
        case tokenTypeCount = "type_vocab_size"
        case activation = "hidden_act"
    }

    /// The width of one attention head.
    var headSize: Int { hiddenSize / headCount }

    /// Loads and checks `config.json` in `folder`.
    init(folder: ModelFolder) throws(EmbeddingError) {
        self = try folder.json(BertConfiguration.self, of: "config.json")
        let path = folder.path(of: "config.json")
        guard hiddenSize > 0, layerCount > 0, headCount > 0, hiddenSize % headCount == 0, intermediateSize > 0,
            maximumPositions > 0, vocabularySize > 0, tokenTypeCount > 0
        else {
            throw EmbeddingError(
                code: .unexpectedShape,
                message: "\(path) describes an impossible BERT (hidden \(hiddenSize), heads \(headCount))",
                path: path
            )
        }
        guard activation == "gelu" else {
            throw EmbeddingError(
                code: .unexpectedShape,
                message: "\(path) asks for activation \(activation); only gelu (erf form) is implemented",
                path: path
            )
        }
    }
}
