import CInferenceKernels
import MaiaInference
import Testing

/// The portable C kernels and the AVX2 ones claim the same results bit for bit (both reproduce llama.cpp's AVX2
/// build); these tests run both on random data. The level cap is per thread, so other suites are not affected.
@Suite(
    "Inference kernels: portable and AVX2 paths agree to the last bit",
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
                maia_matmul(type, matrix, columns, 0, rows, converted, stride, tokens, &out, rows)
                return out
            }
            #expect(results.portable == results.avx2, "\(tokens) tokens")
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
