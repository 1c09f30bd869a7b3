import CVectorKernels

/// An in-process nearest-neighbour index over one user's unit-length vectors.
///
/// Search scans int8-quantised copies (a quarter of the memory traffic of float32) with the `CVectorKernels` dot
/// product, keeps a shortlist, and re-scores the shortlist exactly with the float32 vectors, so results match an
/// exact scan except in rare near-ties at the shortlist boundary. Exact scanning stays simple and fast to about
/// 100K vectors per user (see docs/storage.md for the measurements).
struct VectorIndex: Sendable {
    private(set) var ids: [String] = []
    private var positions: [String: Int] = [:]
    private var floats: [Float] = []
    private var quantized: [Int8] = []
    private var scales: [Float] = []
    let dimensions: Int

    init(dimensions: Int) {
        self.dimensions = dimensions
    }

    var count: Int { ids.count }

    /// Adds or replaces the vector for `id`; vectors of another length are ignored.
    mutating func upsert(id: String, vector: [Float]) {
        guard vector.count == dimensions else { return }
        let (codes, scale) = Self.quantize(vector)
        if let position = positions[id] {
            let start = position * dimensions
            floats.replaceSubrange(start..<start + dimensions, with: vector)
            quantized.replaceSubrange(start..<start + dimensions, with: codes)
            scales[position] = scale
        } else {
            positions[id] = ids.count
            ids.append(id)
            floats += vector
            quantized += codes
            scales.append(scale)
        }
    }

    /// The `limit` ids most similar to `query`, best first, with their exact cosine similarity.
    func search(_ query: [Float], limit: Int) -> [(id: String, score: Float)] {
        guard query.count == dimensions, limit > 0, !ids.isEmpty else { return [] }
        let count = ids.count
        let (queryCodes, queryScale) = Self.quantize(query)
        let dots = [Int32](unsafeUninitializedCapacity: count) { buffer, initialized in
            quantized.withUnsafeBufferPointer { rows in
                queryCodes.withUnsafeBufferPointer { codes in
                    maia_int8_dots(rows.baseAddress!, codes.baseAddress!, dimensions, count, buffer.baseAddress!)
                }
            }
            initialized = count
        }
        var best = TopK(capacity: Swift.min(count, Swift.max(limit * 4, 40)))
        for row in 0..<count {
            best.insert(Float(dots[row]) * scales[row] * queryScale, row)
        }
        let rescored = floats.withUnsafeBufferPointer { rows in
            query.withUnsafeBufferPointer { q in
                best.items.map { item in
                    (
                        row: item.row,
                        score: Self.dot(rows.baseAddress! + item.row * dimensions, q.baseAddress!, dimensions)
                    )
                }
            }
        }
        return rescored.sorted { $0.score > $1.score }.prefix(limit).map { (ids[$0.row], $0.score) }
    }

    /// Symmetric int8 quantisation with one scale per vector.
    static func quantize(_ vector: [Float]) -> (codes: [Int8], scale: Float) {
        let largest = vector.reduce(Float(0)) { Swift.max($0, abs($1)) }
        guard largest > 0 else { return (Array(repeating: 0, count: vector.count), 0) }
        let scale = largest / 127
        return (vector.map { Int8(($0 / scale).rounded()) }, scale)
    }

    @inline(__always)
    static func dot(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ count: Int) -> Float {
        var sum = SIMD16<Float>()
        var index = 0
        while index + 16 <= count {
            sum +=
                UnsafeRawPointer(a + index).loadUnaligned(as: SIMD16<Float>.self)
                * UnsafeRawPointer(b + index).loadUnaligned(as: SIMD16<Float>.self)
            index += 16
        }
        var total = sum.sum()
        while index < count {
            total += a[index] * b[index]
            index += 1
        }
        return total
    }
}

/// The `capacity` highest-scoring rows seen, kept in a min-heap so each insertion costs O(log capacity).
struct TopK {
    private(set) var items: [(score: Float, row: Int)] = []
    let capacity: Int

    init(capacity: Int) {
        self.capacity = capacity
        items.reserveCapacity(capacity)
    }

    mutating func insert(_ score: Float, _ row: Int) {
        if items.count < capacity {
            items.append((score, row))
            siftUp(items.count - 1)
        } else if let weakest = items.first, score > weakest.score {
            items[0] = (score, row)
            siftDown(0)
        }
    }

    private mutating func siftUp(_ start: Int) {
        var child = start
        while child > 0 {
            let parent = (child - 1) / 2
            guard items[child].score < items[parent].score else { return }
            items.swapAt(child, parent)
            child = parent
        }
    }

    private mutating func siftDown(_ start: Int) {
        var parent = start
        while true {
            let left = 2 * parent + 1
            let right = left + 1
            var smallest = parent
            if left < items.count, items[left].score < items[smallest].score { smallest = left }
            if right < items.count, items[right].score < items[smallest].score { smallest = right }
            if smallest == parent { return }
            items.swapAt(parent, smallest)
            parent = smallest
        }
    }
}
