import CInferenceKernels

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension LlamaSession {
    /// One forward pass over `tokens`, which follow the cached ones; stores their keys and values and returns the
    /// logits after the last token (empty when `wantLogits` is false).
    ///
    /// The arithmetic follows llama.cpp's CPU graph for Llama so that greedy decoding picks the same tokens:
    /// activations are quantised to the weight's dot-product type before every product, keys and values are cached
    /// as halves, queries and attention probabilities are rounded to halves, RMSNorm sums squares in double.
    func forward(_ tokens: [Int], wantLogits: Bool) -> [Float] {
        let shape = model.hyperparameters
        let count = tokens.count
        let width = shape.embeddingLength
        let hidden = shape.feedForwardLength
        let start = cachedTokens.count
        let buffers = buffers
        for (row, token) in tokens.enumerated() {
            model.tokenEmbedding.dequantize(row: token, into: buffers.residual + row * width)
        }
        prepareRotations(positions: start..<start + count)
        for (index, block) in model.blocks.enumerated() {
            rmsNorm(buffers.residual, weight: block.attentionNorm, rows: count, into: buffers.normed)
            project(
                [(block.query, buffers.query), (block.key, buffers.key), (block.value, buffers.value)],
                input: buffers.normed,
                rows: count,
                batched: count > 1
            )
            rotate(buffers.query, heads: shape.headCount, rows: count)
            rotate(buffers.key, heads: shape.kvHeadCount, rows: count)
            store(block: index, from: start, rows: count)
            // Only the rows whose output is still needed go on: in the last block, the last one (or none).
            let isLast = index == model.blocks.count - 1
            let first = isLast ? (wantLogits ? count - 1 : count) : 0
            let rows = count - first
            guard rows > 0 else { break }
            attend(block: index, queries: first..<count, start: start, batched: count > 1)
            project(
                block.output,
                input: buffers.attention + first * width,
                rows: rows,
                batched: count > 1,
                into: buffers.projected
            )
            add(buffers.projected, to: buffers.residual + first * width, count: rows * width)
            rmsNorm(buffers.residual + first * width, weight: block.feedForwardNorm, rows: rows, into: buffers.normed)
            project(
                [(block.gate, buffers.gate), (block.up, buffers.up)],
                input: buffers.normed,
                rows: rows,
                batched: count > 1
            )
            maia_swiglu(buffers.gate, buffers.up, buffers.gate, rows * hidden)
            project(block.down, input: buffers.gate, rows: rows, batched: count > 1, into: buffers.projected)
            add(buffers.projected, to: buffers.residual + first * width, count: rows * width)
        }
        guard wantLogits else { return [] }
        let last = buffers.residual + (count - 1) * width
        rmsNorm(last, weight: model.outputNorm, rows: 1, into: buffers.normed)
        project(model.output, input: buffers.normed, rows: 1, batched: count > 1, into: buffers.logits)
        return Array(UnsafeBufferPointer(start: buffers.logits, count: shape.vocabularySize))
    }

    /// `rows` rows of `input` times `matrix`, into `rows` rows of `matrix.rows` floats; rows split across threads.
    /// `batched`: the pass evaluates two or more tokens (`WeightMatrix.multiply`).
    func project(
        _ matrix: WeightMatrix,
        input: UnsafePointer<Float>,
        rows: Int,
        batched: Bool,
        into output: UnsafeMutablePointer<Float>
    ) {
        project([(matrix, output)], input: input, rows: rows, batched: batched)
    }

    /// `rows` rows of `input` times each matrix, into that matrix's output. Matrices that take the same activation
    /// type and width (a block's query, key and value; gate and up) share one conversion of the input and one
    /// parallel region, their rows split across threads as one range: a one-token pass has little work per matrix,
    /// and each region costs a wake-up of the workers. Every (row, token) product is computed as on its own.
    func project(
        _ products: [(matrix: WeightMatrix, output: UnsafeMutablePointer<Float>)],
        input: UnsafePointer<Float>,
        rows: Int,
        batched: Bool
    ) {
        var start = 0
        while start < products.count {
            let first = products[start].matrix
            var end = start + 1
            while end < products.count, products[end].matrix.activationType == first.activationType,
                products[end].matrix.columns == first.columns
            {
                end += 1
            }
            let group = Array(products[start..<end])
            start = end
            let stride = first.activationRowBytes
            let converted = buffers.converted
            for row in 0..<rows {
                maia_convert_row(
                    first.activationType,
                    input + row * first.columns,
                    converted + row * stride,
                    first.columns
                )
            }
            let total = group.reduce(0) { $0 + $1.matrix.rows }
            workers.run(total) { range, _ in
                var offset = 0
                for (matrix, output) in group {
                    let lower = max(range.lowerBound - offset, 0)
                    let upper = min(range.upperBound - offset, matrix.rows)
                    if lower < upper {
                        matrix.multiply(
                            rows: lower..<upper,
                            activations: converted,
                            activationStride: stride,
                            tokens: rows,
                            batched: batched,
                            into: output,
                            outStride: matrix.rows
                        )
                    }
                    offset += matrix.rows
                }
            }
        }
    }

    /// RMSNorm as ggml computes it: the squares summed in double, `1 / sqrtf(mean + eps)` in float, then the
    /// weight multiplied in.
    func rmsNorm(
        _ input: UnsafePointer<Float>,
        weight: UnsafePointer<Float>,
        rows: Int,
        into output: UnsafeMutablePointer<Float>
    ) {
        let width = model.hyperparameters.embeddingLength
        let epsilon = model.hyperparameters.rmsEpsilon
        for row in 0..<rows {
            let x = input + row * width
            let y = output + row * width
            var sum: Double = 0
            for i in 0..<width { sum += Double(x[i] * x[i]) }
            let mean = Float(sum / Double(width))
            let scale = 1 / sqrtf(mean + epsilon)
            for i in 0..<width { y[i] = (x[i] * scale) * weight[i] }
        }
    }

    func add(_ source: UnsafePointer<Float>, to target: UnsafeMutablePointer<Float>, count: Int) {
        for i in 0..<count { target[i] += source[i] }
    }

    /// The RoPE angles' cosines and sines for `positions`, computed like ggml's rope cache: the angle starts at the
    /// position and is multiplied by `base^(-2/dims)` for each following pair, in float.
    func prepareRotations(positions: Range<Int>) {
        let shape = model.hyperparameters
        let pairs = shape.ropeDimensions / 2
        let thetaScale = powf(shape.ropeBase, -2 / Float(shape.ropeDimensions))
        for (row, position) in positions.enumerated() {
            var theta = Float(position)
            for pair in 0..<pairs {
                var angle = theta
                if let factors = model.ropeFrequencyFactors { angle /= factors[pair] }
                angle *= shape.ropePositionScale
                buffers.cosines[row * pairs + pair] = cosf(angle)
                buffers.sines[row * pairs + pair] = sinf(angle)
                theta *= thetaScale
            }
        }
    }

    /// Rotates adjacent pairs of every head of `rows` rows in place (llama.cpp's "normal" RoPE mode, which Llama
    /// GGUF files expect: the converter permuted the query and key weights for it).
    func rotate(_ data: UnsafeMutablePointer<Float>, heads: Int, rows: Int) {
        let shape = model.hyperparameters
        let pairs = shape.ropeDimensions / 2
        for row in 0..<rows {
            for head in 0..<heads {
                let x = data + (row * heads + head) * shape.headSize
                for pair in 0..<pairs {
                    let cosine = buffers.cosines[row * pairs + pair]
                    let sine = buffers.sines[row * pairs + pair]
                    let x0 = x[2 * pair]
                    let x1 = x[2 * pair + 1]
                    // ggml's rope is C++ built with GCC, which fuses `x0*cos - x1*sin` into fma(x0, cos, -(x1*sin))
                    // and `x0*sin + x1*cos` into fma(x0, sin, x1*cos): the same fusions here (one rounding fewer).
                    x[2 * pair] = (-(x1 * sine)).addingProduct(x0, cosine)
                    x[2 * pair + 1] = (x1 * cosine).addingProduct(x0, sine)
                }
            }
        }
    }

    /// Writes the keys and values of `rows` new tokens into the cache as halves.
    func store(block: Int, from start: Int, rows: Int) {
        let shape = model.hyperparameters
        let size = shape.headSize
        for row in 0..<rows {
            for head in 0..<shape.kvHeadCount {
                let source = (row * shape.kvHeadCount + head) * size
                maia_f32_to_f16(
                    buffers.key + source,
                    keys + keyRowOffset(block: block, head: head, position: start + row),
                    size
                )
                var halves = [UInt16](repeating: 0, count: size)
                maia_f32_to_f16(buffers.value + source, &halves, size)
                for dimension in 0..<size {
                    values[valueRowOffset(block: block, head: head, dimension: dimension) + start + row] =
                        halves[dimension]
                }
            }
        }
    }

    /// Causal attention for the query rows `queries` of the batch (row r sits at position `start + r` and sees
    /// positions 0...start + r), into `buffers.attention`.
    ///
    /// `batched` is whether the forward pass evaluates two or more tokens: llama.cpp then multiplies with
    /// llamafile's tinyBLAS, whose sums run in another order than those of a one-token pass. A batch's rows go in
    /// tiles through `maia_attention_rows`, with the query heads of one key/value head together; tiles are dealt to
    /// the threads in turn, since later rows see more positions (contiguous halves would leave one thread with
    /// about three quarters of the work).
    func attend(block: Int, queries: Range<Int>, start: Int, batched: Bool) {
        let shape = model.hyperparameters
        let size = shape.headSize
        let heads = shape.headCount
        let group = heads / shape.kvHeadCount
        let scale = 1 / Float(size).squareRoot()
        let buffers = buffers
        guard batched else {
            workers.run(queries.count * heads) { range, part in
                let scratch = buffers.attentionScratch + part * buffers.attentionScratchCount
                for item in range {
                    let row = queries.lowerBound + item / heads
                    let head = item % heads
                    maia_attention(
                        buffers.query + (row * heads + head) * size,
                        keys + keyRowOffset(block: block, head: head / group, position: 0),
                        size,
                        values + valueRowOffset(block: block, head: head / group, dimension: 0),
                        valueStride,
                        start + row + 1,
                        size,
                        scale,
                        0,
                        scratch,
                        buffers.attention + (row * heads + head) * size
                    )
                }
            }
            return
        }
        let tile = 8
        let tiles = (queries.count + tile - 1) / tile
        workers.run(min(threads, tiles)) { range, part in
            let scratch = buffers.attentionScratch + part * buffers.attentionScratchCount
            for index in stride(from: range.lowerBound, to: tiles, by: min(threads, tiles)) {
                let first = queries.lowerBound + index * tile
                let rows = min(tile, queries.upperBound - first)
                for kvHead in 0..<shape.kvHeadCount {
                    let offset = (first * heads + kvHead * group) * size
                    maia_attention_rows(
                        buffers.query + offset,
                        heads * size,
                        group,
                        rows,
                        keys + keyRowOffset(block: block, head: kvHead, position: 0),
                        size,
                        values + valueRowOffset(block: block, head: kvHead, dimension: 0),
                        valueStride,
                        start + first + 1,
                        size,
                        scale,
                        scratch,
                        buffers.attention + offset
                    )
                }
            }
        }
    }
}
