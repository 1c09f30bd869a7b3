import Foundation

/// A parsed `.safetensors` file: an 8-byte little-endian header length, a JSON header describing each
/// tensor (dtype, shape, byte range), then the raw little-endian tensor bytes.
///
/// Only what the embedder needs is supported: reading `F32` tensors by name with a checked shape.
struct SafeTensorsFile: Sendable {
    /// Where one tensor's bytes are and what they hold.
    struct TensorInfo: Sendable, Hashable, Decodable {
        let dtype: String
        let shape: [Int]
        let dataOffsets: [Int]

        enum CodingKeys: String, CodingKey {
            case dtype
            case shape
            case dataOffsets = "data_offsets"
        }
    }

    /// The largest header accepted, as in the reference implementation (100 MB).
    static let maximumHeaderLength = 100_000_000

    /// The file's path, for error messages.
    let path: String
    /// Every tensor in the file by name.
    let tensors: [String: TensorInfo]
    /// The bytes after the header; tensor offsets are relative to its start.
    private let payload: Data

    /// Reads and validates the file at `path`.
    init(path: String) throws(EmbeddingError) {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path), options: .mappedIfSafe)
        } catch {
            throw EmbeddingError(
                code: .missingFile,
                message: "cannot read the model weights at \(path); run `scripts/setup.sh run` or set MAIA_MODELS_DIR",
                path: path,
                underlying: error
            )
        }
        try self.init(data: data, path: path)
    }

    /// Parses `data`, the contents of the file at `path`.
    init(data: Data, path: String) throws(EmbeddingError) {
        self.path = path
        func corrupt(_ reason: String) -> EmbeddingError {
            EmbeddingError(
                code: .corruptFile,
                message: "\(path) is not a valid safetensors file: \(reason); delete it and run `scripts/setup.sh run`",
                path: path
            )
        }
        guard data.count >= 8 else { throw corrupt("it is \(data.count) bytes long, shorter than its 8-byte header") }
        var headerLength: UInt64 = 0
        for (index, byte) in data.prefix(8).enumerated() { headerLength |= UInt64(byte) << (8 * UInt64(index)) }
        guard headerLength <= UInt64(Self.maximumHeaderLength), Int(headerLength) <= data.count - 8 else {
            throw corrupt("its header claims \(headerLength) bytes but the file has \(data.count)")
        }
        let start = data.startIndex + 8
        let headerBytes = data[start..<(start + Int(headerLength))]
        let header: Header
        do {
            header = try JSONDecoder().decode(Header.self, from: headerBytes)
        } catch {
            throw corrupt("its JSON header cannot be decoded (\(error))")
        }
        let payload = data[(start + Int(headerLength))...]
        for (name, info) in header.tensors {
            guard info.dataOffsets.count == 2, info.dataOffsets[0] >= 0, info.dataOffsets[0] <= info.dataOffsets[1],
                info.dataOffsets[1] <= payload.count
            else { throw corrupt("tensor \(name) has byte range \(info.dataOffsets) outside the data") }
            guard info.shape.allSatisfy({ $0 >= 0 }) else { throw corrupt("tensor \(name) has shape \(info.shape)") }
            if let size = Self.elementSize(info.dtype) {
                let count = info.shape.reduce(1, *)
                guard count * size == info.dataOffsets[1] - info.dataOffsets[0] else {
                    throw corrupt(
                        "tensor \(name) has shape \(info.shape) but \(info.dataOffsets[1] - info.dataOffsets[0]) bytes"
                    )
                }
            }
        }
        self.tensors = header.tensors
        self.payload = payload
    }

    /// Returns the `F32` tensor `name`, checking that its shape is `shape`, as a flat row-major array.
    func floats(_ name: String, shape: [Int]) throws(EmbeddingError) -> [Float] {
        guard let info = tensors[name] else {
            throw EmbeddingError(
                code: .unexpectedShape,
                message: "\(path) has no tensor named \(name); is this the all-MiniLM-L6-v2 model?",
                path: path
            )
        }
        guard info.dtype == "F32", info.shape == shape else {
            throw EmbeddingError(
                code: .unexpectedShape,
                message: "tensor \(name) in \(path) is \(info.dtype) \(info.shape), expected F32 \(shape)",
                path: path
            )
        }
        let count = shape.reduce(1, *)
        let begin = payload.startIndex + info.dataOffsets[0]
        let bytes = payload[begin..<(begin + count * 4)]
        return [Float](unsafeUninitializedCapacity: count) { buffer, initialized in
            bytes.withUnsafeBytes { raw in
                #if _endian(little)
                if count > 0, let source = raw.baseAddress, let target = buffer.baseAddress {
                    UnsafeMutableRawPointer(target).copyMemory(from: source, byteCount: count * 4)
                }
                #else
                for index in 0..<count {
                    let bits = raw.loadUnaligned(fromByteOffset: index * 4, as: UInt32.self)
                    buffer[index] = Float(bitPattern: UInt32(littleEndian: bits))
                }
                #endif
            }
            initialized = count
        }
    }

    /// Bytes per element of the dtypes safetensors defines, or nil for one this parser does not know.
    static func elementSize(_ dtype: String) -> Int? {
        switch dtype {
        case "F64", "I64", "U64": 8
        case "F32", "I32", "U32": 4
        case "F16", "BF16", "I16", "U16": 2
        case "I8", "U8", "BOOL", "F8_E4M3", "F8_E5M2": 1
        default: nil
        }
    }
}

/// The JSON header: tensor entries by name, plus an optional `__metadata__` string map that is ignored.
private struct Header: Decodable {
    let tensors: [String: SafeTensorsFile.TensorInfo]

    struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Key.self)
        var tensors: [String: SafeTensorsFile.TensorInfo] = [:]
        for key in container.allKeys where key.stringValue != "__metadata__" {
            tensors[key.stringValue] = try container.decode(SafeTensorsFile.TensorInfo.self, forKey: key)
        }
        self.tensors = tensors
    }
}
