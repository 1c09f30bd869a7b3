extension [Float] {
    /// The floats as little-endian IEEE 754 bytes, the on-disk vector format.
    var littleEndianBytes: [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(count * 4)
        for value in self {
            Swift.withUnsafeBytes(of: value.bitPattern.littleEndian) { bytes.append(contentsOf: $0) }
        }
        return bytes
    }

    /// Floats decoded from little-endian IEEE 754 bytes; a trailing partial float is ignored.
    init(littleEndian bytes: [UInt8]) {
        let count = bytes.count / 4
        self = (0..<count).map { index in
            let base = index * 4
            let bits =
                UInt32(bytes[base]) | UInt32(bytes[base + 1]) << 8 | UInt32(bytes[base + 2]) << 16
                | UInt32(bytes[base + 3]) << 24
            return Float(bitPattern: bits)
        }
    }
}
