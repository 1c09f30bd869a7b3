/// BERT's encoder run on a batch of token id sequences, returning each sequence's mean-pooled hidden states.
///
/// The batch is packed: the tokens of all sequences sit in one `[tokens, hidden]` matrix for the dense
/// layers (so no compute is spent on padding), and attention runs per sequence over that sequence's own
/// tokens. This is exactly what padding with an attention mask computes: padded positions get zero
/// attention weight and are left out of mean pooling.
struct BertEncoder: Sendable {
    let weights: BertWeights
    /// How many threads one forward pass uses (BLAS itself runs single-threaded inside each).
    let workers: Int

    init(weights: BertWeights, workers: Int) {
        BLAS.singleThreaded
        self.weights = weights
        self.workers = max(1, workers)
    }

    /// Mean-pooled final hidden states (not normalised), one `hidden`-long vector per sequence.
    ///
    /// Every id must be below the vocabulary size and every sequence non-empty and no longer than the
    /// position table; ``MiniLMEmbedder`` guarantees both.
    func pooledStates(_ sequences: [[Int32]]) -> [[Float]] {
        let configuration = weights.configuration
        let hidden = configuration.hiddenSize
        let tokenCount = sequences.reduce(0) { $0 + $1.count }
        guard tokenCount > 0 else { return sequences.map { _ in [Float](repeating: 0, count: hidden) } }
        var offsets: [Int] = []
        var running = 0
        for sequence in sequences {
            offsets.append(running)
            running += sequence.count
        }
        var states = embed(sequences, tokenCount: tokenCount)
        let workspace = Workspace(
            tokenCount: tokenCount,
            longest: sequences.map(\.count).max() ?? 0,
            workers: workers,
            configuration: configuration,
            roundsActivations: weights.roundsActivations
        )
        let lengths = sequences.map(\.count)
        states.withUnsafeMutableBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            for layer in weights.layers {
                run(layer, states: base, lengths: lengths, offsets: offsets, workspace: workspace)
            }
        }
        return zip(offsets, sequences).map { offset, sequence in
            var pooled = [Float](repeating: 0, count: hidden)
            for row in offset..<(offset + sequence.count) {
                for column in 0..<hidden { pooled[column] += states[row * hidden + column] }
            }
            let scale = 1 / Float(max(sequence.count, 1))
            return pooled.map { $0 * scale }
        }
    }

    /// Word + position + token-type embeddings of every token, layer-normalised.
    private func embed(_ sequences: [[Int32]], tokenCount: Int) -> [Float] {
        let hidden = weights.configuration.hiddenSize
        var states = [Float](repeating: 0, count: tokenCount * hidden)
        states.withUnsafeMutableBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            var row = 0
            for sequence in sequences {
                for (position, id) in sequence.enumerated() {
                    let target = base + row * hidden
                    weights.wordEmbeddings.copyRow(Int(id), width: hidden, into: target)
                    let place = position * hidden
                    for column in 0..<hidden {
                        target[column] +=
                            weights.positionEmbeddings[place + column] + weights.tokenTypeEmbeddings[column]
                    }
                    row += 1
                }
            }
        }
        states.withUnsafeMutableBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            BertKernels.normalize(
                base,
                rows: tokenCount,
                columns: hidden,
                scale: weights.embeddingNormScale,
                shift: weights.embeddingNormShift,
                epsilon: weights.configuration.layerNormEpsilon
            )
        }
        return states
    }
}
