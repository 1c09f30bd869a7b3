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
            values[index] = 0.5 * x * (1 + erff(x * inverseRoot2))
        }
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
