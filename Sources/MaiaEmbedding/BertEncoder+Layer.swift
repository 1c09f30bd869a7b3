extension BertEncoder {
    /// Scratch buffers for one forward pass, sized for its batch and freed with it.
    final class Workspace {
        let qkv: UnsafeMutablePointer<Float>
        let context: UnsafeMutablePointer<Float>
        let projected: UnsafeMutablePointer<Float>
        let intermediate: UnsafeMutablePointer<Float>
        let scores: UnsafeMutablePointer<Float>

        init(tokenCount: Int, longest: Int, configuration: BertConfiguration) {
            let hidden = configuration.hiddenSize
            qkv = .allocate(capacity: tokenCount * 3 * hidden)
            context = .allocate(capacity: tokenCount * hidden)
            projected = .allocate(capacity: tokenCount * hidden)
            intermediate = .allocate(capacity: tokenCount * configuration.intermediateSize)
            scores = .allocate(capacity: max(longest * longest, 1))
        }

        deinit {
            qkv.deallocate()
            context.deallocate()
            projected.deallocate()
            intermediate.deallocate()
            scores.deallocate()
        }
    }

    /// Runs one transformer layer over the packed `states` in place.
    func run(
        _ layer: BertLayerWeights,
        states: UnsafeMutablePointer<Float>,
        lengths: [Int],
        offsets: [Int],
        workspace: inout Workspace
    ) {
        let configuration = weights.configuration
        let hidden = configuration.hiddenSize
        let inner = configuration.intermediateSize
        let tokens = offsets.last.map { $0 + (lengths.last ?? 0) } ?? 0
        let epsilon = configuration.layerNormEpsilon

        // Query, key and value for every token in one multiply.
        linear(
            states,
            tokens: tokens,
            inputs: hidden,
            layer.qkvWeight,
            layer.qkvBias,
            outputs: 3 * hidden,
            into: workspace.qkv
        )
        attend(
            qkv: workspace.qkv,
            lengths: lengths,
            offsets: offsets,
            into: workspace.context,
            scores: workspace.scores
        )
        linear(
            workspace.context,
            tokens: tokens,
            inputs: hidden,
            layer.attentionOutputWeight,
            layer.attentionOutputBias,
            outputs: hidden,
            into: workspace.projected
        )
        BertKernels.addAndNormalize(
            workspace.projected,
            into: states,
            rows: tokens,
            columns: hidden,
            scale: layer.attentionNormScale,
            shift: layer.attentionNormShift,
            epsilon: epsilon
        )
        // Feed-forward: hidden → intermediate (GELU) → hidden.
        linear(
            states,
            tokens: tokens,
            inputs: hidden,
            layer.intermediateWeight,
            layer.intermediateBias,
            outputs: inner,
            into: workspace.intermediate
        )
        BertKernels.gelu(workspace.intermediate, count: tokens * inner)
        linear(
            workspace.intermediate,
            tokens: tokens,
            inputs: inner,
            layer.outputWeight,
            layer.outputBias,
            outputs: hidden,
            into: workspace.projected
        )
        BertKernels.addAndNormalize(
            workspace.projected,
            into: states,
            rows: tokens,
            columns: hidden,
            scale: layer.outputNormScale,
            shift: layer.outputNormShift,
            epsilon: epsilon
        )
    }

    /// `output = input · weightᵀ + bias`, with `weight` stored `[outputs, inputs]` as PyTorch stores it.
    private func linear(
        _ input: UnsafePointer<Float>,
        tokens: Int,
        inputs: Int,
        _ weight: [Float],
        _ bias: [Float],
        outputs: Int,
        into output: UnsafeMutablePointer<Float>
    ) {
        BertKernels.fillRows(output, rows: tokens, with: bias, columns: outputs)
        weight.withUnsafeBufferPointer { weight in
            guard let weight = weight.baseAddress else { return }
            BLAS.gemm(
                transposeB: true,
                m: tokens,
                n: outputs,
                k: inputs,
                a: input,
                lda: inputs,
                b: weight,
                ldb: inputs,
                beta: 1,
                c: output,
                ldc: outputs
            )
        }
    }

    /// Scaled dot-product attention of every head, each sequence attending only to its own tokens.
    private func attend(
        qkv: UnsafeMutablePointer<Float>,
        lengths: [Int],
        offsets: [Int],
        into context: UnsafeMutablePointer<Float>,
        scores: UnsafeMutablePointer<Float>
    ) {
        let hidden = weights.configuration.hiddenSize
        let headSize = weights.configuration.headSize
        let stride = 3 * hidden
        let scale = 1 / Float(headSize).squareRoot()
        for (length, offset) in zip(lengths, offsets) where length > 0 {
            let rows = qkv + offset * stride
            for head in 0..<weights.configuration.headCount {
                let query = rows + head * headSize
                let key = query + hidden
                let value = query + 2 * hidden
                BLAS.gemm(
                    transposeB: true,
                    m: length,
                    n: length,
                    k: headSize,
                    alpha: scale,
                    a: query,
                    lda: stride,
                    b: key,
                    ldb: stride,
                    beta: 0,
                    c: scores,
                    ldc: length
                )
                BertKernels.softmaxRows(scores, rows: length, columns: length)
                BLAS.gemm(
                    transposeB: false,
                    m: length,
                    n: headSize,
                    k: length,
                    a: scores,
                    lda: length,
                    b: value,
                    ldb: stride,
                    beta: 0,
                    c: context + offset * hidden + head * headSize,
                    ldc: hidden
                )
            }
        }
    }
}
