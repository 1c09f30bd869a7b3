import CVectorKernels

/// An in-process nearest-neighbour index over one user's unit-length vectors.
///
/// It holds only 4-bit copies of the vectors (an eighth of float32's memory traffic: the scan is bound by memory
/// bandwidth, see docs/storage.md), persisted beside each vector so that loading it reads 200 bytes a vector, not
/// 1.5 KB. Rows are named by their `vector_codes` rowid, not by message id: loading 100K rows then makes no string
/// and no dictionary entry per row (docs/storage.md, "Rows named by rowid"), and the store resolves message ids
/// only for the shortlist. A search scans the codes against an int8 query with the `CVectorKernels` dot product and
/// keeps a shortlist (``shortlist(_:limit:)``); the store reads the shortlist's float32 vectors and
/// ``rescore(_:_:limit:)`` ranks them exactly. Results match an exact scan unless a true top result falls outside
/// the shortlist, which the benchmark's recall check measures.
struct VectorIndex: Sendable {
    /// Each row's `vector_codes` rowid, ascending (rows are appended in rowid order).
    private(set) var rowids: [Int64] = []
    /// 4-bit codes, `blocks * 16` bytes a vector, in the layout `maia_int4_dots` reads.
    private(set) var packed: [UInt8] = []
    private(set) var scales: [Float] = []
    let dimensions: Int
    /// Blocks of 32 dimensions a vector takes in `packed` (the last one padded).
    let blocks: Int

    init(dimensions: Int) {
        self.dimensions = dimensions
        blocks = Self.blocks(dimensions)
    }

    var count: Int { rowids.count }

    /// The highest rowid added (0 when empty).
    private(set) var highestRowid: Int64 = 0

    /// Adds the packed vector of `rowid` (as ``pack(_:)`` makes it), copied from `codes`; codes of another length
    /// are ignored. Rows may come in any order (the store loads a model's rows, then its reply contexts', each
    /// above the rowid it had loaded before), but the caller must not add a rowid twice.
    mutating func append(rowid: Int64, codes: UnsafeRawBufferPointer, scale: Float) {
        guard codes.count == blocks * 16 else { return }
        highestRowid = Swift.max(highestRowid, rowid)
        rowids.append(rowid)
        packed.append(contentsOf: codes)
        scales.append(scale)
    }

    /// Adds the rows of a snapshot (``snapshot``'s three buffers); returns false, adding nothing, when the buffers do
    /// not hold the same number of rows of this index's width.
    mutating func append(
        snapshotRowids: UnsafeRawBufferPointer,
        scales: UnsafeRawBufferPointer,
        codes: UnsafeRawBufferPointer
    )
        -> Bool
    {
        let count = snapshotRowids.count / 8
        guard snapshotRowids.count == count * 8, scales.count == count * 4, codes.count == count * blocks * 16 else {
            return false
        }
        rowids.reserveCapacity(rowids.count + count)
        self.scales.reserveCapacity(self.scales.count + count)
        for row in 0..<count {
            let rowid = Int64(littleEndian: snapshotRowids.loadUnaligned(fromByteOffset: row * 8, as: Int64.self))
            highestRowid = Swift.max(highestRowid, rowid)
            rowids.append(rowid)
            self.scales.append(
                Float(bitPattern: UInt32(littleEndian: scales.loadUnaligned(fromByteOffset: row * 4, as: UInt32.self)))
            )
        }
        packed.append(contentsOf: codes)
        return true
    }

    /// Adds `vector` as row `rowid` (see ``append(rowid:codes:scale:)``); vectors of another length are ignored.
    mutating func append(rowid: Int64, vector: [Float]) {
        guard vector.count == dimensions else { return }
        let (codes, scale) = Self.pack(vector)
        codes.withUnsafeBytes { append(rowid: rowid, codes: $0, scale: scale) }
    }

    /// The rowids whose codes score highest against `query` (`limit × 4`, at least 100), to be rescored exactly.
    /// Each shortlisted row costs a read of its float vector through SQLite; 100 candidates held the exact top 30 at
    /// 100K (`maia-bench store`'s recall@30 was 1.000 from `limit × 3` to `limit × 10`).
    func shortlist(_ query: [Float], limit: Int) -> [Int64] {
        shortlist(scores: codeScores(query), limit: limit)
    }

    /// ``shortlist(_:limit:)`` from the query's ``codeScores(_:)``.
    func shortlist(scores: [Float], limit: Int) -> [Int64] {
        guard limit > 0 else { return [] }
        return nearest(scores: scores, count: Swift.max(limit * 4, 100))
    }

    /// The `count` rowids with the highest of `scores` (``codeScores(_:)``), in no particular order.
    func nearest(scores: [Float], count wanted: Int) -> [Int64] {
        guard wanted > 0, scores.count == rowids.count else { return [] }
        var best = TopK(capacity: Swift.min(scores.count, wanted))
        scores.withUnsafeBufferPointer { scores in
            for row in scores.indices { best.insert(scores[row], row) }
        }
        return best.items.map { rowids[$0.row] }
    }

    /// Each row's score by its codes against `query`, in row order: the 4-bit scan. The query's own scale is left
    /// out (it is the same for every row), so the scores only rank. Empty for a query of another length.
    func codeScores(_ query: [Float]) -> [Float] {
        guard query.count == dimensions, !rowids.isEmpty else { return [] }
        let count = rowids.count
        var queryCodes = [Int8](repeating: 0, count: blocks * 32)
        let queryScale = Self.scale(query, levels: 127)
        if queryScale > 0 {
            for (index, value) in query.enumerated() { queryCodes[index] = Int8((value / queryScale).rounded()) }
        }
        // The kernel's int32 sums are turned into scores where they lie: one 4-byte slot per row, no second array.
        return [Float](unsafeUninitializedCapacity: count) { buffer, initialized in
            let slots = UnsafeMutableRawPointer(buffer.baseAddress!)
            packed.withUnsafeBufferPointer { rows in
                maia_int4_dots(rows.baseAddress!, queryCodes, blocks, count, slots.assumingMemoryBound(to: Int32.self))
            }
            scales.withUnsafeBufferPointer { scales in
                for row in 0..<count {
                    let dot = slots.load(fromByteOffset: row * 4, as: Int32.self)
                    slots.storeBytes(of: Float(dot) * scales[row], toByteOffset: row * 4, as: Float.self)
                }
            }
            initialized = count
        }
    }

    /// The `limit` candidates most similar to `query`, best first, with their exact cosine similarity; candidates
    /// of another length are left out. Equal scores keep the candidates' order (texts the model cannot read, such as
    /// Thai for MiniLM, all embed alike).
    static func rescore(
        _ query: [Float],
        _ candidates: [(id: String, vector: [Float])],
        limit: Int
    ) -> [(id: String, score: Float)] {
        let scored = query.withUnsafeBufferPointer { q in
            candidates.compactMap { candidate -> (id: String, score: Float)? in
                guard candidate.vector.count == query.count else { return nil }
                return candidate.vector.withUnsafeBufferPointer { row in
                    (candidate.id, dot(row.baseAddress!, q.baseAddress!, query.count))
                }
            }
        }
        let ranked = scored.indices.sorted { (scored[$0].score, $1) > (scored[$1].score, $0) }
        return ranked.prefix(Swift.max(limit, 0)).map { scored[$0] }
    }

    /// The `limit` candidates that stand out among themselves in answer to `query`, best first: scored by their
    /// similarity to the query less their similarity to the candidates' mean direction, which is the dot product
    /// with the query minus that unit centroid. The time list ranks an interval's memories this way, so that
    /// "What happened last summer?" finds what was unlike the rest of that summer's talk rather than whatever is
    /// nearest to a query without content (docs/storage.md, "What stands out in an interval").
    static func standingOut(
        _ query: [Float],
        _ candidates: [(id: String, vector: [Float])],
        limit: Int
    ) -> [(id: String, score: Float)] {
        var centroid = [Float](repeating: 0, count: query.count)
        for candidate in candidates where candidate.vector.count == query.count {
            for index in centroid.indices { centroid[index] += candidate.vector[index] }
        }
        let length = centroid.reduce(0) { $0 + $1 * $1 }.squareRoot()
        let direction = length > 0 ? zip(query, centroid).map { $0 - $1 / length } : query
        return rescore(direction, candidates, limit: limit)
    }

    /// Blocks of 32 dimensions a vector of `dimensions` takes.
    static func blocks(_ dimensions: Int) -> Int { (dimensions + 31) / 32 }

    /// Symmetric 4-bit quantisation (-7...7) with one scale per vector, packed as `maia_int4_dots` reads it.
    static func pack(_ vector: [Float]) -> (bytes: [UInt8], scale: Float) {
        let scale = Self.scale(vector, levels: 7)
        var bytes = [UInt8](repeating: 0x88, count: blocks(vector.count) * 16)
        guard scale > 0 else { return (bytes, 0) }
        for (index, value) in vector.enumerated() {
            let code = UInt8(Int((value / scale).rounded()) + 8)
            let byte = index / 32 * 16 + index % 16
            bytes[byte] = index % 32 < 16 ? (bytes[byte] & 0xF0) | code : (bytes[byte] & 0x0F) | (code << 4)
        }
        return (bytes, scale)
    }

    /// The step that maps the largest magnitude of `vector` to `levels`; 0 for a zero vector.
    static func scale(_ vector: [Float], levels: Float) -> Float {
        vector.reduce(Float(0)) { Swift.max($0, abs($1)) } / levels
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
