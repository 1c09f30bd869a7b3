import CVectorKernels
import Foundation
import MaiaCore
import MaiaTesting
import Testing

@testable import MaiaMemory

@Suite("In-process vector index")
struct VectorIndexTests {
    private func unit(_ values: [Float]) -> [Float] {
        let norm = values.reduce(0) { $0 + $1 * $1 }.squareRoot()
        return values.map { $0 / norm }
    }

    private func random(_ dimensions: Int, _ generator: inout some RandomNumberGenerator) -> [Float] {
        unit((0..<dimensions).map { _ in Float.random(in: -1...1, using: &generator) })
    }

    @Test("returns the same top results as an exact float scan, at 10 and at hybrid search's depth of 30")
    func matchesExactScan() {
        var generator = SeededGenerator(seed: 12)
        var index = VectorIndex(dimensions: 384)
        var vectors: [Int64: [Float]] = [:]
        for rowid in Int64(1)...1000 {
            let vector = random(384, &generator)
            vectors[rowid] = vector
            index.append(rowid: rowid, vector: vector)
        }
        for limit in [10, 10, 10, 10, 10, 30, 30, 30, 30, 30] {
            let query = random(384, &generator)
            let exact = vectors.map { rowid, vector in
                ("\(rowid)", zip(vector, query).reduce(Float(0)) { $0 + $1.0 * $1.1 })
            }
            .sorted { $0.1 > $1.1 }.prefix(limit)
            let found = VectorIndex.rescore(
                query,
                index.shortlist(query, limit: limit).map { ("\($0)", vectors[$0]!) },
                limit: limit
            )
            #expect(found.map(\.id) == exact.map(\.0))
            for (hit, truth) in zip(found, exact) { #expect(abs(hit.score - truth.1) < 1e-5) }
        }
    }

    @Test("rows are added in any order and the highest rowid is kept; wrong lengths and empty queries find nothing")
    func appendAndBadInput() {
        var index = VectorIndex(dimensions: 3)
        index.append(rowid: 1, vector: unit([1, 0, 0]))
        index.append(rowid: 4, vector: unit([0, 1, 0]))
        index.append(rowid: 2, vector: unit([0, 0, 1]))
        index.append(rowid: 5, vector: [1, 2])
        #expect(index.count == 3, "the vector of another length is left out")
        #expect(index.highestRowid == 4)
        #expect(index.shortlist(unit([0, 0, 1]), limit: 1).sorted() == [1, 2, 4], "all, to be rescored")
        let exact = VectorIndex.rescore(unit([0, 0, 1]), [("b", unit([0, 1, 0])), ("a", unit([0, 0, 1]))], limit: 1)
        #expect(exact.map(\.id) == ["a"])
        #expect(index.shortlist([1, 0], limit: 1).isEmpty)
        #expect(index.shortlist(unit([0, 0, 1]), limit: 0).isEmpty)
        #expect(VectorIndex.rescore([1, 0, 0], [("short", [1, 0])], limit: 1).isEmpty, "another length is left out")
        [UInt8](repeating: 0, count: 2).withUnsafeBytes { index.append(rowid: 9, codes: $0, scale: 1) }
        #expect(index.count == 3, "codes of another length are ignored")
    }

    @Test(
        "every 4-bit kernel the CPU runs computes the exact dot product of the codes, for padded, whole and odd blocks",
        arguments: [3, 40, 130, 384, 768]
    )
    func int4Kernel(dimensions: Int) {
        var generator = SystemRandomNumberGenerator()
        let index = VectorIndex(dimensions: dimensions)
        // 51 rows: the AVX-512 loop takes rows four at a time and the rest one by one.
        let vectors = (0..<51).map { _ in random(dimensions, &generator) }
        let rows = vectors.flatMap { VectorIndex.pack($0).bytes }
        var query = (0..<dimensions).map { _ in Int8.random(in: -128...127, using: &generator) }
        query += Array(repeating: 0, count: index.blocks * 32 - dimensions)
        let expected = vectors.map { vector in
            let scale = VectorIndex.pack(vector).scale
            let codes = vector.map { Int32(($0 / scale).rounded()) }
            #expect(codes.allSatisfy { (-7...7).contains($0) })
            return zip(codes, query).reduce(0) { $0 + $1.0 * Int32($1.1) }
        }
        let detected = maia_int4_kernel_level()
        let previous = maia_int4_limit_kernel_level(detected)
        defer { _ = maia_int4_limit_kernel_level(previous) }
        for level in 0...detected {
            _ = maia_int4_limit_kernel_level(level)
            #expect(maia_int4_kernel_level() == level)
            var dots = [Int32](repeating: 0, count: vectors.count)
            maia_int4_dots(rows, query, index.blocks, vectors.count, &dots)
            #expect(dots == expected, "kernel level \(level)")
        }
    }

    @Test("the top-k heap keeps the k largest")
    func topK() {
        var heap = TopK(capacity: 3)
        for (row, score) in [5, 1, 9, 3, 7, 2].enumerated() { heap.insert(Float(score), row) }
        #expect(heap.items.map(\.score).sorted() == [5, 7, 9])
    }
}
