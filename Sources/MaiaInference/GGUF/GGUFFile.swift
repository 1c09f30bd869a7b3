/// A GGUF model file (llama.cpp's format, versions 2 and 3), memory-mapped: the metadata is parsed at open, the
/// tensors stay in the mapping and are read in place.
///
/// Layout: magic `GGUF`, version, tensor count, metadata count; the metadata as key–typed-value pairs; the tensor
/// descriptions (name, dimensions, type, offset); padding to `general.alignment` (32 by default); the tensor data.
public final class GGUFFile: Sendable {
    /// Where one tensor is and what it holds.
    public struct Tensor: Sendable {
        /// The tensor's name (`blk.0.attn_q.weight`).
        public let name: String
        /// Dimensions, innermost first (a matrix of `rows` rows of `columns` values is `[columns, rows]`).
        public let dimensions: [Int]
        /// Element type.
        public let type: GGMLType
        /// Byte offset from the file's start.
        public let offset: Int
        /// Byte length.
        public let byteCount: Int
    }

    /// The file's path.
    public let path: String
    /// The format version (2 or 3).
    public let version: Int
    /// Every metadata value by key.
    public let metadata: [String: GGUFValue]
    /// Every tensor by name.
    public let tensors: [String: Tensor]
    let file: MappedFile

    /// Opens and parses the GGUF file at `path`.
    public init(path: String) throws(InferenceError) {
        let file = try MappedFile(path: path)
        var reader = GGUFReader(file: file)
        let magic = try reader.bytes(4)
        guard magic == Array("GGUF".utf8) else {
            throw InferenceError(.corruptFile, "\(path) is not a GGUF file (it does not start with `GGUF`)")
        }
        let version = Int(try reader.u32())
        guard version == 2 || version == 3 else {
            throw InferenceError(.corruptFile, "\(path) is GGUF version \(version); versions 2 and 3 are read")
        }
        let tensorCount = try reader.count()
        let metadataCount = try reader.count()
        var metadata: [String: GGUFValue] = [:]
        for _ in 0..<metadataCount {
            let key = try reader.string()
            metadata[key] = try reader.value(ofType: reader.u32(), depth: 0)
        }
        var described: [(name: String, dimensions: [Int], type: GGMLType, offset: Int)] = []
        for _ in 0..<tensorCount {
            let name = try reader.string()
            let rank = Int(try reader.u32())
            guard (1...4).contains(rank) else { throw reader.corrupt("tensor \(name) has \(rank) dimensions") }
            var dimensions: [Int] = []
            for _ in 0..<rank { dimensions.append(try reader.count()) }
            let code = try reader.u32()
            guard let type = GGMLType(rawValue: code) else {
                let accepted = GGMLType.allCases.map(\.name).joined(separator: ", ")
                throw InferenceError(
                    .unsupportedModel,
                    "tensor \(name) in \(path) has GGML type \(code); the runtime reads \(accepted)"
                )
            }
            described.append((name, dimensions, type, Int(try reader.u64())))
        }
        let alignment = metadata["general.alignment"]?.intValue ?? 32
        guard alignment > 0, alignment.nonzeroBitCount == 1 else { throw reader.corrupt("alignment \(alignment)") }
        let dataStart = (reader.position + alignment - 1) / alignment * alignment
        var tensors: [String: Tensor] = [:]
        for tensor in described {
            guard tensor.dimensions[0] % tensor.type.blockSize == 0 else {
                throw reader.corrupt("tensor \(tensor.name)'s rows are not whole \(tensor.type.name) blocks")
            }
            let rows = tensor.dimensions.dropFirst().reduce(1, *)
            let (byteCount, overflow) = tensor.type.rowBytes(tensor.dimensions[0]).multipliedReportingOverflow(by: rows)
            let start = dataStart + tensor.offset
            guard !overflow, tensor.offset >= 0, start <= file.count, byteCount <= file.count - start else {
                throw reader.corrupt("tensor \(tensor.name) extends past the end of the file")
            }
            tensors[tensor.name] = Tensor(
                name: tensor.name,
                dimensions: tensor.dimensions,
                type: tensor.type,
                offset: start,
                byteCount: byteCount
            )
        }
        self.path = path
        self.version = version
        self.metadata = metadata
        self.tensors = tensors
        self.file = file
    }

    /// The first byte of `tensor`'s data, valid while the file object lives.
    func pointer(to tensor: Tensor) -> UnsafeRawPointer {
        file.base + tensor.offset
    }
}
