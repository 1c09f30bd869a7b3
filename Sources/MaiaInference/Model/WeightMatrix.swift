import CInferenceKernels

/// A weight matrix in the mapped file: `rows` rows of `columns` values of `type`, row after row.
struct WeightMatrix: Sendable {
    /// The first byte; points into the model file's mapping, which the model keeps alive.
    nonisolated(unsafe) let data: UnsafeRawPointer
    let type: GGMLType
    let rows: Int
    let columns: Int

    /// The type activations are converted to before they meet this matrix.
    var activationType: Int32 { maia_vec_dot_type(Int32(type.rawValue)) }

    /// Bytes of one converted activation row.
    var activationRowBytes: Int { maia_row_bytes(activationType, columns) }

    /// `out[t * outStride + r] = row r · activation t` for rows in `rowRange` and `tokens` activations converted to
    /// `activationType`, `activationStride` bytes apart; `batched` when the forward pass evaluates two or more tokens
    /// (llama.cpp sums f16 products in another order then).
    func multiply(
        rows rowRange: Range<Int>,
        activations: UnsafeRawPointer,
        activationStride: Int,
        tokens: Int,
        batched: Bool,
        into out: UnsafeMutablePointer<Float>,
        outStride: Int
    ) {
        maia_matmul(
            Int32(type.rawValue),
            data,
            columns,
            rowRange.lowerBound,
            rowRange.upperBound,
            activations,
            activationStride,
            tokens,
            batched ? 1 : 0,
            out,
            outStride
        )
    }

    /// Row `row` as floats (embedding lookup).
    func dequantize(row: Int, into out: UnsafeMutablePointer<Float>) {
        maia_dequantize_row(Int32(type.rawValue), data + row * type.rowBytes(columns), out, columns)
    }
}
