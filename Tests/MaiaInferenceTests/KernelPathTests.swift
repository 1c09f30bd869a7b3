import CInferenceKernels
import MaiaInference
import Testing

/// The portable C kernels and the AVX2 ones claim the same results bit for bit (both reproduce llama.cpp's AVX2
/// build), and the products and quantisation claim them on the AVX-512 level too; the batched attention kernel
/// claims each query's own result. These tests run them on random data. The level cap is per thread, so other suites
/// are not affected.
@Suite(
    "Inference kernels: the paths agree to the last bit where they claim to",
    .enabled(if: InferenceKernels.current != .portable, "this CPU runs only the portable kernels")
)
struct KernelPathTests {
    /// A seeded generator (SplitMix64), so that a failure reproduces.
    struct Random {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func float(_ range: ClosedRange<Float>) -> Float {
            range.lowerBound + Float(next() >> 40) / Float(1 << 24) * (range.upperBound - range.lowerBound)
        }
        mutating func half(_ range: ClosedRange<Float>) -> UInt16 {
            var value = float(range)
            var half: UInt16 = 0
            maia_f32_to_f16(&value, &half, 1)
            return half
        }
    }

    /// `body` once with the kernels capped at portable, once at AVX2; the cap is lifted afterwards.
    func onBothPaths<T: Equatable>(_ body: () -> T) -> (portable: T, avx2: T) {
        defer { _ = maia_limit_kernel_level(2) }
        #expect(maia_limit_kernel_level(0) == 0)
        let portable = body()
        #expect(maia_limit_kernel_level(1) == 1)
        return (portable, body())
    }

    /// Random rows of a quantised type, built block by block: a half scale (and minimum), then random codes.
    func weights(type: Int32, rows: Int, columns: Int, random: inout Random) -> [UInt8] {
        let rowBytes = maia_row_bytes(type, columns)
        var data = [UInt8](repeating: 0, count: rows * rowBytes)
        let blockBytes = rowBytes / (columns / 32)
        let scales = type == Int32(MAIA_TYPE_Q4_1.rawValue) ? 2 : 1
        for block in 0..<rows * columns / 32 {
            let base = block * blockBytes
            for scale in 0..<scales {
                let half = random.half(-0.05...0.05)
                data[base + 2 * scale] = UInt8(half & 0xFF)
                data[base + 2 * scale + 1] = UInt8(half >> 8)
            }
            for byte in base + 2 * scales..<base + blockBytes { data[byte] = UInt8(truncatingIfNeeded: random.next()) }
        }
        return data
    }

    /// `body` once per kernel level this CPU runs (portable, AVX2, AVX-512); the cap is lifted afterwards.
    func onEveryPath<T>(_ body: () -> T) -> [T] {
        defer { _ = maia_limit_kernel_level(2) }
        return (0...InferenceKernels.current.rawValue).map { level in
            #expect(maia_limit_kernel_level(Int32(level)) == Int32(level))
            return body()
        }
    }

    /// Products and activation quantisation have the same results on every level (AVX-512 only adds speed: VNNI
    /// sums and two tokens per register for Q4_1, tiles of 4 rows × 8 tokens); rows 3..<22 of 23 and 1 to 19 tokens
    /// cover every partial tile.
    @Test(
        "quantised products (Q4_0, Q4_1, Q8_0) for 1 to 19 tokens, on every kernel level",
        arguments: [MAIA_TYPE_Q4_0, MAIA_TYPE_Q4_1, MAIA_TYPE_Q8_0].map { Int32($0.rawValue) }
    )
    func productsOnEveryLevel(type: Int32) {
        var random = Random(state: UInt64(type) + 100)
        let rows = 23
        let columns = 576
        let matrix = weights(type: type, rows: rows, columns: columns, random: &random)
        let activationType = maia_vec_dot_type(type)
        let stride = maia_row_bytes(activationType, columns)
        for tokens in 1...19 {
            let input = (0..<tokens * columns).map { _ in random.float(-3...3) }
            let results = onEveryPath { () -> [Float] in
                var converted = [UInt8](repeating: 0, count: tokens * stride)
                var out = [Float](repeating: -1, count: tokens * rows)
                input.withUnsafeBufferPointer { values in
                    converted.withUnsafeMutableBytes { bytes in
                        for token in 0..<tokens {
                            maia_convert_row(
                                activationType,
                                values.baseAddress! + token * columns,
                                bytes.baseAddress! + token * stride,
                                columns
                            )
                        }
                    }
                }
                maia_matmul(type, matrix, columns, 3, 22, converted, stride, tokens, 0, &out, rows)
                return out
            }
            #expect(results.allSatisfy { $0 == results[0] }, "\(tokens) tokens")
            // Rows outside 3..<22 are not written.
            #expect(
                results[0].enumerated().allSatisfy {
                    ($0.offset % rows >= 3 && $0.offset % rows < 22) || $0.element == -1
                }
            )
        }
    }

    @Test("activation quantisation (Q8_0, Q8_1) rounds half to even and gives the same bytes on every level")
    func quantisation() {
        var random = Random(state: 7)
        // A block whose largest magnitude is 127 scales by exactly 1, so .5 values are ties: 2.5 → 2, -3.5 → -4.
        var input: [Float] = [127, 2.5, -3.5, 0.5, -0.5, 1.5, 126.5, -126.5] + [Float](repeating: 0, count: 24)
        input += (0..<32 * 17).map { _ in random.float(-5...5) }
        input += [Float](repeating: 0, count: 32)  // an all-zero block (scale 0)
        for type in [MAIA_TYPE_Q8_0, MAIA_TYPE_Q8_1].map({ Int32($0.rawValue) }) {
            let results = onEveryPath { () -> [UInt8] in
                var out = [UInt8](repeating: 0, count: maia_row_bytes(type, input.count))
                maia_convert_row(type, input, &out, input.count)
                return out
            }
            #expect(results.allSatisfy { $0 == results[0] })
            let first = type == Int32(MAIA_TYPE_Q8_0.rawValue) ? 2 : 4
            #expect(results[0][first..<first + 8].map { Int8(bitPattern: $0) } == [127, 2, -4, 0, 0, 2, 126, -126])
        }
    }

    @Test("attention for rows of a batch together gives each query's own result, for 1, 3 and 4 heads per group")
    func attentionRows() {
        var random = Random(state: 11)
        let size = 64
        let context = 300
        let stride = 320
        let keys = (0..<context * size).map { _ in random.half(-3...3) }
        var values = [UInt16](repeating: 0, count: size * stride)
        for index in 0..<size * context { values[index / context * stride + index % context] = random.half(-1...1) }
        var scratch = [Float](repeating: 0, count: maia_attention_rows_scratch(context, size))
        for group in [1, 3, 4] {
            let rowStride = 2 * group * size
            for (first, rows) in [(1, 1), (1, 9), (2, 3), (15, 2), (16, 5), (31, 11), (100, 17), (280, 21)] {
                let query = (0..<rows * rowStride).map { _ in random.float(-4...4) }
                var together = [Float](repeating: 0, count: rows * rowStride)
                maia_attention_rows(
                    query,
                    rowStride,
                    group,
                    rows,
                    keys,
                    size,
                    values,
                    stride,
                    first,
                    size,
                    0.125,
                    &scratch,
                    &together
                )
                var alone = [Float](repeating: 0, count: rows * rowStride)
                for row in 0..<rows {
                    for head in 0..<group {
                        let offset = row * rowStride + head * size
                        query.withUnsafeBufferPointer { q in
                            alone.withUnsafeMutableBufferPointer { out in
                                maia_attention(
                                    q.baseAddress! + offset,
                                    keys,
                                    size,
                                    values,
                                    stride,
                                    first + row,
                                    size,
                                    0.125,
                                    1,
                                    &scratch,
                                    out.baseAddress! + offset
                                )
                            }
                        }
                    }
                }
                #expect(together == alone, "group \(group), first \(first), rows \(rows)")
            }
        }
    }

    @Test(
        "quantised products (Q4_0, Q4_1, Q8_0) for 1 to 9 tokens",
        arguments: [MAIA_TYPE_Q4_0, MAIA_TYPE_Q4_1, MAIA_TYPE_Q8_0].map { Int32($0.rawValue) }
    )
    func products(type: Int32) {
        var random = Random(state: UInt64(type))
        let rows = 24
        let columns = 256
        let matrix = weights(type: type, rows: rows, columns: columns, random: &random)
        let activationType = maia_vec_dot_type(type)
        let stride = maia_row_bytes(activationType, columns)
        for tokens in 1...9 {
            // Activations with one large value per row, like the residual stream's outliers.
            var input = (0..<tokens * columns).map { _ in random.float(-2...2) }
            for token in 0..<tokens { input[token * columns + Int(random.next() % UInt64(columns))] = 40 }
            let results = onBothPaths { () -> [Float] in
                var converted = [UInt8](repeating: 0, count: tokens * stride)
                var out = [Float](repeating: 0, count: tokens * rows)
                for token in 0..<tokens {
                    input.withUnsafeBufferPointer { values in
                        converted.withUnsafeMutableBytes { bytes in
                            maia_convert_row(
                                activationType,
                                values.baseAddress! + token * columns,
                                bytes.baseAddress! + token * stride,
                                columns
                            )
                        }
                    }
                }
                maia_matmul(type, matrix, columns, 0, rows, converted, stride, tokens, 0, &out, rows)
                return out
            }
            #expect(results.portable == results.avx2, "\(tokens) tokens")
        }
    }

    /// F16 and F32 weights sum in the order of llama.cpp's pass (tinyBLAS in a batch, ggml_vec_dot_f16/_f32 alone),
    /// the same on the portable and AVX2 paths, and close to the exact product on every level.
    @Test(
        "f16 and f32 products for a one-token pass and for a batch, on every kernel level",
        arguments: [MAIA_TYPE_F16, MAIA_TYPE_F32].map { Int32($0.rawValue) },
        [false, true]
    )
    func floatProducts(type: Int32, batched: Bool) {
        var random = Random(state: UInt64(type) * 2 + (batched ? 11 : 12))
        let rows = 9
        let columns = 576
        let half = type == Int32(MAIA_TYPE_F16.rawValue)
        // Values a half holds exactly, so that both types multiply the same numbers.
        var halves = [UInt16](repeating: 0, count: rows * columns)
        maia_f32_to_f16((0..<rows * columns).map { _ in random.float(-1...1) }, &halves, halves.count)
        var weights = [Float](repeating: 0, count: halves.count)
        maia_f16_to_f32(halves, &weights, halves.count)
        let matrix: [UInt8] = half ? halves.withUnsafeBytes { Array($0) } : weights.withUnsafeBytes { Array($0) }
        for tokens in 1...3 {
            var converted = [UInt16](repeating: 0, count: tokens * columns)
            maia_f32_to_f16((0..<tokens * columns).map { _ in random.float(-3...3) }, &converted, converted.count)
            var activations = [Float](repeating: 0, count: converted.count)
            maia_f16_to_f32(converted, &activations, converted.count)
            let input: [UInt8] =
                half ? converted.withUnsafeBytes { Array($0) } : activations.withUnsafeBytes { Array($0) }
            let results = onEveryPath { () -> [Float] in
                var out = [Float](repeating: 0, count: tokens * rows)
                maia_matmul(
                    type,
                    matrix,
                    columns,
                    0,
                    rows,
                    input,
                    columns * (half ? 2 : 4),
                    tokens,
                    batched ? 1 : 0,
                    &out,
                    rows
                )
                return out
            }
            #expect(results[0] == results[1], "\(tokens) tokens")
            for token in 0..<tokens {
                for row in 0..<rows {
                    let exact = (0..<columns).reduce(0.0) {
                        $0 + Double(weights[row * columns + $1]) * Double(activations[token * columns + $1])
                    }
                    for result in results {
                        #expect(abs(Double(result[token * rows + row]) - exact) < 1e-3, "row \(row)")
                    }
                }
            }
        }
    }

    @Test("attention for a one-token pass and for a batch, 1 to 200 positions", arguments: [false, true])
    func attention(batched: Bool) {
        var random = Random(state: batched ? 2 : 1)
        let size = 64
        let stride = 256
        let keys = (0..<stride * size).map { _ in random.half(-3...3) }
        var values = [UInt16](repeating: 0, count: size * stride)
        for count in [1, 2, 7, 8, 9, 31, 33, 64, 65, 200] {
            for position in 0..<count {
                for dimension in 0..<size { values[dimension * stride + position] = random.half(-1...1) }
            }
            let query = (0..<size).map { _ in random.float(-4...4) }
            let results = onBothPaths { () -> [Float] in
                var scratch = [Float](repeating: 0, count: 2 * (stride + 64) + size)
                var out = [Float](repeating: 0, count: size)
                maia_attention(query, keys, size, values, stride, count, size, 0.125, batched ? 1 : 0, &scratch, &out)
                return out
            }
            #expect(results.portable == results.avx2, "\(count) positions")
        }
    }

    @Test("SwiGLU and half conversion, including the scalar tails")
    func elementwise() {
        var random = Random(state: 3)
        for count in [5, 16, 37, 1536] {
            let gate = (0..<count).map { _ in random.float(-20...20) }
            let up = (0..<count).map { _ in random.float(-3...3) }
            let swiglu = onBothPaths { () -> [Float] in
                var out = [Float](repeating: 0, count: count)
                maia_swiglu(gate, up, &out, count)
                return out
            }
            #expect(swiglu.portable == swiglu.avx2, "\(count) values")
            let halves = onBothPaths { () -> [UInt16] in
                var out = [UInt16](repeating: 0, count: count)
                maia_f32_to_f16(gate, &out, count)
                return out
            }
            #expect(halves.portable == halves.avx2, "\(count) values")
        }
    }
}
