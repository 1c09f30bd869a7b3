#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The element-wise and row-wise steps of the encoder, on raw row-major buffers.
enum BertKernels {
    /// `output[r] = LayerNorm(input[r] + output[r])` for each row: the residual connection and its norm.
    static func addAndNormalize(
        _ input: UnsafePointer<Float>,
        into output: UnsafeMutablePointer<Float>,
        rows: Int,
        columns: Int,
        scale: UnsafePointer<Float>,
        shift: UnsafePointer<Float>,
        epsilon: Float
    ) {
        for row in 0..<rows {
            let x = output + row * columns
            let y = input + row * columns
            var sum: Float = 0
            for index in 0..<columns {
                x[index] += y[index]
                sum += x[index]
            }
            normalizeRow(x, columns: columns, mean: sum / Float(columns), scale: scale, shift: shift, epsilon: epsilon)
        }
    }

    /// `matrix[r] = LayerNorm(matrix[r])` for each row.
    static func normalize(
        _ matrix: UnsafeMutablePointer<Float>,
        rows: Int,
        columns: Int,
        scale: UnsafePointer<Float>,
        shift: UnsafePointer<Float>,
        epsilon: Float
    ) {
        for row in 0..<rows {
            let x = matrix + row * columns
            var sum: Float = 0
            for index in 0..<columns { sum += x[index] }
            normalizeRow(x, columns: columns, mean: sum / Float(columns), scale: scale, shift: shift, epsilon: epsilon)
        }
    }

    /// Normalises one row to zero mean and unit (biased) variance, then applies the scale and shift.
    @inline(__always)
    private static func normalizeRow(
        _ x: UnsafeMutablePointer<Float>,
        columns: Int,
        mean: Float,
        scale: UnsafePointer<Float>,
        shift: UnsafePointer<Float>,
        epsilon: Float
    ) {
        var squares: Float = 0
        for index in 0..<columns {
            let centered = x[index] - mean
            squares += centered * centered
        }
        let inverse = 1 / (squares / Float(columns) + epsilon).squareRoot()
        for index in 0..<columns {
            x[index] = (x[index] - mean) * inverse * scale[index] + shift[index]
        }
    }

    /// GELU in its exact form, `x · Φ(x) = x/2 · (1 + erf(x/√2))`, in place.
    static func gelu(_ values: UnsafeMutablePointer<Float>, count: Int) {
        let inverseRoot2: Float = 0.707_106_781_186_547_5
        for index in 0..<count {
            let x = values[index]
            values[index] = 0.5 * x * (1 + erf(x * inverseRoot2))
        }
    }

    /// The error function to within 1e-7 (absolute), as a rational function without branches or calls so
    /// that loops over it vectorise: `x·P(x²)/Q(x²)` on `x` clamped to ±4, where erf is ±1 in `Float`.
    ///
    /// The coefficients are the minimax fit Eigen uses for `erf` on floats (`generic_fast_erf_float`).
    @inline(__always)
    static func erf(_ value: Float) -> Float {
        let x = Swift.min(Swift.max(value, -4), 4)
        let x2 = x * x
        var p: Float = -2.726_142_3e-10
        p = p * x2 + 2.770_681_4e-08
        p = p * x2 - 2.101_024_1e-06
        p = p * x2 - 5.692_506_4e-05
        p = p * x2 - 7.349_906_3e-04
        p = p * x2 - 2.954_600_0e-03
        p = p * x2 - 1.609_603_3e-02
        var q: Float = -1.456_607_2e-05
        q = q * x2 - 2.133_740_6e-04
        q = q * x2 - 1.682_827_0e-03
        q = q * x2 - 7.373_329_2e-03
        q = q * x2 - 1.426_473_9e-02
        return x * p / q
    }

    /// Softmax of each of the `rows` rows of `matrix`, in place.
    static func softmaxRows(_ matrix: UnsafeMutablePointer<Float>, rows: Int, columns: Int) {
        for row in 0..<rows {
            let x = matrix + row * columns
            var largest = -Float.infinity
            for index in 0..<columns { largest = max(largest, x[index]) }
            var sum: Float = 0
            for index in 0..<columns {
                let value = expf(x[index] - largest)
                x[index] = value
                sum += value
            }
            let inverse = 1 / sum
            for index in 0..<columns { x[index] *= inverse }
        }
    }
}
