/// A loaded index as bytes to persist, so that the next process loads one row instead of one per vector
/// (`SQLiteStore+Snapshots.swift`).
extension VectorIndex {
    /// The rowids as little-endian Int64, the scales as little-endian Float32 bits, and the codes as they are:
    /// the buffers ``append(snapshotRowids:scales:codes:)`` reads back.
    var snapshot: (rowids: [UInt8], scales: [UInt8], codes: [UInt8]) {
        var rowidBytes: [UInt8] = []
        rowidBytes.reserveCapacity(rowids.count * 8)
        for rowid in rowids { withUnsafeBytes(of: rowid.littleEndian) { rowidBytes.append(contentsOf: $0) } }
        var scaleBytes: [UInt8] = []
        scaleBytes.reserveCapacity(scales.count * 4)
        for scale in scales { withUnsafeBytes(of: scale.bitPattern.littleEndian) { scaleBytes.append(contentsOf: $0) } }
        return (rowidBytes, scaleBytes, packed)
    }
}
