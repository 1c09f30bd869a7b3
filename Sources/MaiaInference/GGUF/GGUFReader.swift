/// A bounds-checked little-endian cursor over a mapped GGUF file's header.
struct GGUFReader {
    /// The most elements accepted in one metadata array or string: more means a corrupt length field.
    static let maximumCount = 1 << 28
    /// How deeply arrays may nest.
    static let maximumDepth = 4

    let file: MappedFile
    private(set) var position = 0

    init(file: MappedFile) {
        self.file = file
    }

    func corrupt(_ reason: String) -> InferenceError {
        InferenceError(.corruptFile, "\(file.path) is not a valid GGUF file: \(reason)")
    }

    private mutating func advance(_ count: Int) throws(InferenceError) -> UnsafeRawPointer {
        guard count >= 0, count <= file.count - position else {
            throw corrupt("it ends inside its header (at byte \(position))")
        }
        let start = file.base + position
        position += count
        return start
    }

    mutating func bytes(_ count: Int) throws(InferenceError) -> [UInt8] {
        let start = try advance(count)
        return Array(UnsafeRawBufferPointer(start: start, count: count))
    }

    private mutating func load<T: FixedWidthInteger>(_: T.Type) throws(InferenceError) -> T {
        let start = try advance(MemoryLayout<T>.size)
        return T(littleEndian: start.loadUnaligned(as: T.self))
    }

    mutating func u32() throws(InferenceError) -> UInt32 { try load(UInt32.self) }
    mutating func u64() throws(InferenceError) -> UInt64 { try load(UInt64.self) }

    /// A 64-bit length or count, checked against `maximumCount`.
    mutating func count() throws(InferenceError) -> Int {
        let value = try u64()
        guard value <= UInt64(Self.maximumCount) else { throw corrupt("a count of \(value) at byte \(position - 8)") }
        return Int(value)
    }

    mutating func string() throws(InferenceError) -> String {
        let length = try count()
        let start = try advance(length)
        return String(decoding: UnsafeRawBufferPointer(start: start, count: length), as: UTF8.self)
    }

    /// A value of GGUF value type `type`.
    mutating func value(ofType type: UInt32, depth: Int) throws(InferenceError) -> GGUFValue {
        switch type {
        case 0: return .unsigned(UInt64(try load(UInt8.self)))
        case 1: return .integer(Int64(try load(Int8.self)))
        case 2: return .unsigned(UInt64(try load(UInt16.self)))
        case 3: return .integer(Int64(try load(Int16.self)))
        case 4: return .unsigned(UInt64(try load(UInt32.self)))
        case 5: return .integer(Int64(try load(Int32.self)))
        case 6: return .float(Double(Float(bitPattern: try load(UInt32.self))))
        case 7: return .bool(try load(UInt8.self) != 0)
        case 8: return .string(try string())
        case 9:
            guard depth < Self.maximumDepth else { throw corrupt("arrays nested deeper than \(Self.maximumDepth)") }
            let elementType = try u32()
            let count = try count()
            var values: [GGUFValue] = []
            values.reserveCapacity(count)
            for _ in 0..<count { values.append(try value(ofType: elementType, depth: depth + 1)) }
            return .array(values)
        case 10: return .unsigned(try load(UInt64.self))
        case 11: return .integer(try load(Int64.self))
        case 12: return .float(Double(bitPattern: try load(UInt64.self)))
        default: throw corrupt("unknown metadata value type \(type) at byte \(position - 4)")
        }
    }
}
