import Foundation

/// Writes small `.safetensors` files for tests: F32 tensors, laid out one after another.
enum SafeTensorsWriter {
    /// The bytes of a file holding `tensors` (name, shape, values).
    static func data(tensors: [(String, [Int], [Float])]) throws -> Data {
        var header: [String: Any] = ["__metadata__": ["format": "pt"]]
        var payload = Data()
        for (name, shape, values) in tensors {
            let start = payload.count
            for value in values {
                withUnsafeBytes(of: value.bitPattern.littleEndian) { payload.append(contentsOf: $0) }
            }
            header[name] = ["dtype": "F32", "shape": shape, "data_offsets": [start, payload.count]]
        }
        let json = try JSONSerialization.data(withJSONObject: header, options: [.sortedKeys])
        var file = Data()
        withUnsafeBytes(of: UInt64(json.count).littleEndian) { file.append(contentsOf: $0) }
        file.append(json)
        file.append(payload)
        return file
    }
}
