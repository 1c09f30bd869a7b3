/// The weights of one transformer layer, with the query, key and value projections fused into one matrix.
struct BertLayerWeights: Sendable {
    /// `[3·hidden, hidden]`: query rows, then key rows, then value rows.
    let qkvWeight: [Float]
    let qkvBias: [Float]
    let attentionOutputWeight: [Float]
    let attentionOutputBias: [Float]
    let attentionNormScale: [Float]
    let attentionNormShift: [Float]
    let intermediateWeight: [Float]
    let intermediateBias: [Float]
    let outputWeight: [Float]
    let outputBias: [Float]
    let outputNormScale: [Float]
    let outputNormShift: [Float]

    /// Reads layer `index` from `file`, checking every shape against `configuration`.
    init(index: Int, file: SafeTensorsFile, configuration: BertConfiguration) throws(EmbeddingError) {
        let prefix = "encoder.layer.\(index)."
        let hidden = configuration.hiddenSize
        let inner = configuration.intermediateSize
        func tensor(_ name: String, _ shape: [Int]) throws(EmbeddingError) -> [Float] {
            try file.floats(prefix + name, shape: shape)
        }
        qkvWeight =
            try tensor("attention.self.query.weight", [hidden, hidden])
            + tensor("attention.self.key.weight", [hidden, hidden])
            + tensor("attention.self.value.weight", [hidden, hidden])
        qkvBias =
            try tensor("attention.self.query.bias", [hidden])
            + tensor("attention.self.key.bias", [hidden])
            + tensor("attention.self.value.bias", [hidden])
        attentionOutputWeight = try tensor("attention.output.dense.weight", [hidden, hidden])
        attentionOutputBias = try tensor("attention.output.dense.bias", [hidden])
        attentionNormScale = try tensor("attention.output.LayerNorm.weight", [hidden])
        attentionNormShift = try tensor("attention.output.LayerNorm.bias", [hidden])
        intermediateWeight = try tensor("intermediate.dense.weight", [inner, hidden])
        intermediateBias = try tensor("intermediate.dense.bias", [inner])
        outputWeight = try tensor("output.dense.weight", [hidden, inner])
        outputBias = try tensor("output.dense.bias", [hidden])
        outputNormScale = try tensor("output.LayerNorm.weight", [hidden])
        outputNormShift = try tensor("output.LayerNorm.bias", [hidden])
    }
}
