import Foundation
import Testing

@testable import MaiaEmbedding

@Suite("safetensors parsing")
struct SafeTensorsFileTests {
    @Test("tensors are read by name with their shape and little-endian values")
    func readsTensors() throws {
        let data = try SafeTensorsWriter.data(tensors: [
            ("a", [2, 2], [1, -2, 3.5, 4]),
            ("b", [3], [0.25, 0, -1e-3]),
        ])
        let file = try SafeTensorsFile(data: data, path: "test.safetensors")
        #expect(try file.floats("a", shape: [2, 2]) == [1, -2, 3.5, 4])
        #expect(try file.floats("b", shape: [3]) == [0.25, 0, -1e-3])
        #expect(file.tensors.count == 2)
    }

    @Test("a missing tensor or a different shape is an unexpectedShape error naming the tensor")
    func shapeErrors() throws {
        let file = try SafeTensorsFile(data: SafeTensorsWriter.data(tensors: [("a", [2], [1, 2])]), path: "x")
        let missing = try #require(throws: EmbeddingError.self) { try file.floats("b", shape: [2]) }
        #expect(missing.code == .unexpectedShape)
        #expect(missing.message.contains("b"))
        let shape = try #require(throws: EmbeddingError.self) { try file.floats("a", shape: [1, 2]) }
        #expect(shape.code == .unexpectedShape)
        #expect(shape.message.contains("[2]"))
    }

    @Test("byte ranges outside the data or not matching the shape are corruptFile errors")
    func rangeErrors() throws {
        for header in [
            #"{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,16]}}"#,
            #"{"a":{"dtype":"F32","shape":[3],"data_offsets":[0,8]}}"#,
            #"{"a":{"dtype":"F32","shape":[2],"data_offsets":[8,0]}}"#,
            #"{"a":{"dtype":"F32","shape":[2]}}"#,
        ] {
            var data = Data()
            let json = Data(header.utf8)
            withUnsafeBytes(of: UInt64(json.count).littleEndian) { data.append(contentsOf: $0) }
            data.append(json)
            data.append(Data(count: 8))
            let error = try #require(throws: EmbeddingError.self) { try SafeTensorsFile(data: data, path: "bad") }
            #expect(error.code == .corruptFile, "\(header)")
            #expect(error.path == "bad")
        }
    }
}
