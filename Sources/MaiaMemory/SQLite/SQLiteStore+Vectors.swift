public import Foundation
public import MaiaCore

/// Identifies one user's vectors of one model in the in-process index cache; the index also holds that model's
/// reply-context vectors (``ReplyContext``), so that one search scores each message by the better of the two.
struct IndexKey: Hashable {
    let user: UserID
    let model: String

    /// The models whose rows the index holds.
    var models: [String] { [model, ReplyContext.model(of: model)] }
}

/// A loaded index and how far it has read the `vector_codes` table.
struct CachedIndex {
    var index: VectorIndex {
        didSet { lastScan = nil }
    }
    /// The last query scanned and its rows' code scores, while the index is unchanged: hybrid search's vector list
    /// and time list search the same query vector, and scan the codes once.
    var lastScan: (query: [Float], scores: [Float])?
    /// The highest `vector_codes` rowid read into `index` (a replaced vector gets a new rowid, so it is read again).
    var highWater: Int64
    /// The connection's `PRAGMA data_version` when `index` was last brought up to date: it changes only when another
    /// connection commits, which is when the index may have missed a write.
    var dataVersion: Int64
}

extension SQLiteStore {
    public func saveVectors(_ vectors: [StoredVector]) throws(MemoryError) {
        let replaced = try run("store vectors") {
            try connection.transaction {
                try vectors.reduce(into: Set<IndexKey>()) { replaced, vector in
                    if try insertVector(vector) { replaced.insert(Self.indexKey(of: vector)) }
                }
            }
        }
        try updateIndexes(with: vectors, replaced: replaced)
    }

    /// Stores one vector inside the caller's transaction; returns whether it replaced codes stored before. The
    /// message must exist for the vector's user; a vector for a forgotten message (or naming another user's
    /// message) is dropped. The codes are written first: the float vector takes their rowid (SQLite migration 10).
    @discardableResult
    func insertVector(_ vector: StoredVector) throws -> Bool {
        let owner: [SQLiteValue] = [.text(vector.messageID), .text(vector.userID.rawValue)]
        var replaces = false
        try connection.query(
            "SELECT 1 FROM vector_codes WHERE message_id = ? AND model = ?",
            [.text(vector.messageID), .text(vector.model)]
        ) { _ in replaces = true }
        let (codes, scale) = VectorIndex.pack(vector.values)
        try connection.query(
            """
            INSERT OR REPLACE INTO vector_codes (message_id, user_id, model, codes, scale)
            SELECT id, user_id, ?, ?, ? FROM messages WHERE id = ? AND user_id = ?
            """,
            [.text(vector.model), .blob(codes), .real(Double(scale))] + owner
        )
        try connection.query(
            """
            INSERT OR REPLACE INTO vectors (rowid, message_id, user_id, model, dimensions, data)
            SELECT (SELECT rowid FROM vector_codes WHERE message_id = id AND model = ?1), id, user_id, ?1, ?2, ?3
            FROM messages WHERE id = ?4 AND user_id = ?5
            """,
            [.text(vector.model), .integer(Int64(vector.values.count)), .blob(vector.values.littleEndianBytes)] + owner
        )
        return replaces
    }

    /// Keeps the loaded in-process indexes in step with stored vectors: the new rows are read from `vector_codes`
    /// (their rowids are above the index's); an index in which a vector was replaced is dropped and loaded again on
    /// its next search, since its old row is gone from the table but not from the index.
    /// Then writes anew the users' snapshots that are due (``refreshSnapshots(_:)``).
    func updateIndexes(with vectors: [StoredVector], replaced: Set<IndexKey>) throws(MemoryError) {
        let keys = Dictionary(vectors.map { (Self.indexKey(of: $0), $0.values.count) }) { first, _ in first }
        defer { refreshSnapshots(keys) }
        for key in keys.keys {
            guard !replaced.contains(key) else {
                vectorIndexes[key] = nil
                continue
            }
            guard var cached = vectorIndexes.removeValue(forKey: key) else { continue }
            cached.highWater = try loadCodes(into: &cached.index, of: key, after: cached.highWater)
            vectorIndexes[key] = cached
        }
    }

    /// The index a stored vector belongs to.
    static func indexKey(of vector: StoredVector) -> IndexKey {
        IndexKey(user: vector.userID, model: ReplyContext.searchedModel(of: vector.model))
    }

    public func vectors(for user: UserID, model: String) throws(MemoryError) -> [StoredVector] {
        var vectors: [StoredVector] = []
        try forEachVector(of: user, model: model) { id, values in
            vectors.append(StoredVector(messageID: id, userID: user, model: model, values: values))
        }
        return vectors
    }

    /// Calls `body` with each message id and vector of `user` made by `model`, decoded row by row.
    private func forEachVector(
        of user: UserID,
        model: String,
        _ body: (String, [Float]) -> Void
    ) throws(MemoryError) {
        try run("read vectors") {
            try connection.query(
                "SELECT message_id, data FROM vectors WHERE user_id = ? AND model = ?",
                [.text(user.rawValue), .text(model)]
            ) { row in body(row.text(0), row.floats(1)) }
        }
    }

    /// Adds to `index` the codes of each vector of `key`'s models stored after rowid `after` of `vector_codes`
    /// (never the floats), model by model in rowid order (the order of the `(user_id, model)` index: one `IN` with
    /// `ORDER BY rowid` sorted 150K rows and tripled a first search at 100K); returns the highest rowid seen. Per
    /// row: a rowid, one copy of the codes, a scale. A row another connection commits between the two reads may be
    /// missed; `currentIndex` then finds the count changed and loads the index again.
    func loadCodes(
        into index: inout VectorIndex,
        of key: IndexKey,
        after: Int64 = 0
    ) throws(MemoryError)
        -> Int64
    {
        try run("read vector codes") {
            var highest = after
            for model in key.models {
                try connection.query(
                    """
                    SELECT rowid, codes, scale FROM vector_codes WHERE user_id = ? AND model = ? AND rowid > ?
                    ORDER BY rowid
                    """,
                    [.text(key.user.rawValue), .text(model), .integer(after)]
                ) { row in
                    let rowid = row.integer(0)
                    highest = max(highest, rowid)
                    row.withBlob(1) { index.append(rowid: rowid, codes: $0, scale: Float(row.real(2))) }
                }
            }
            return highest
        }
    }

    /// The message ids and float vectors of the `vector_codes` rows `rowids` of `user` made by `model` or holding its
    /// reply contexts, for exact re-scoring. A vector has its codes row's rowid (migration 10), so each is one
    /// lookup by rowid (`+` keeps SQLite from scanning the user's whole `(user_id, model)` range instead: 90 ms
    /// rather than 1 at 100K); the owner and model are still checked on every row, and a row gone since the index
    /// read it is left out.
    private func floatVectors(
        _ rowids: [Int64],
        of user: UserID,
        model: String
    ) throws(MemoryError) -> [(id: String, vector: [Float])] {
        var vectors: [(id: String, vector: [Float], row: Int64)] = []
        vectors.reserveCapacity(rowids.count)
        for chunk in stride(from: 0, to: rowids.count, by: 500).map({ rowids[$0..<min($0 + 500, rowids.count)] }) {
            try run("read vectors") {
                try connection.query(
                    """
                    SELECT message_id, data, rowid FROM vectors
                    WHERE rowid IN (\(Array(repeating: "?", count: chunk.count).joined(separator: ",")))
                    AND +user_id = ? AND +model IN (?, ?)
                    """,
                    chunk.map { .integer($0) } + [
                        .text(user.rawValue), .text(model), .text(ReplyContext.model(of: model)),
                    ]
                ) { row in vectors.append((row.text(0), row.floats(1), row.integer(2))) }
            }
        }
        // Newest stored first, so that equal scores rank the same way in every process (rescoring keeps this order
        // on ties; MiniLM embeds every Thai text alike).
        return vectors.sorted { $0.row > $1.row }.map { ($0.id, $0.vector) }
    }

    /// The user's index of `model`, loaded on first use, and brought up to date when another connection has
    /// committed since: vectors stored since are added; if the count then differs from the table's (another process
    /// forgot the user, or removed messages), the index is loaded again.
    private func currentIndex(for key: IndexKey, dimensions: Int) throws(MemoryError) -> VectorIndex {
        let version = try dataVersion()
        if let cached = vectorIndexes[key], cached.dataVersion == version { return cached.index }
        // Taken out of the cache while it is updated, so that the update does not copy the whole index.
        if var cached = vectorIndexes.removeValue(forKey: key) {
            cached.highWater = try loadCodes(into: &cached.index, of: key, after: cached.highWater)
            cached.dataVersion = version
            if try vectorCount(of: key) == cached.index.count {
                vectorIndexes[key] = cached
                return cached.index
            }
        }
        let (index, highWater) = try loadIndex(of: key, dimensions: dimensions)
        vectorIndexes[key] = CachedIndex(index: index, highWater: highWater, dataVersion: version)
        return index
    }

    /// `index`'s code scores for `query`: those of the index's last scan when it scored the same query, else a new scan.
    private func codeScores(_ query: [Float], in index: VectorIndex, of key: IndexKey) -> [Float] {
        if let last = vectorIndexes[key]?.lastScan, last.query == query { return last.scores }
        let scores = index.codeScores(query)
        vectorIndexes[key]?.lastScan = (query, scores)
        return scores
    }

    private func dataVersion() throws(MemoryError) -> Int64 {
        try run("read the database version") {
            var version: Int64 = 0
            try connection.query("PRAGMA data_version") { version = $0.integer(0) }
            return version
        }
    }

    private func vectorCount(of key: IndexKey) throws(MemoryError) -> Int {
        try run("count vectors") {
            var count = 0
            try connection.query(
                "SELECT COUNT(*) FROM vector_codes WHERE user_id = ? AND model IN (?, ?)",
                [.text(key.user.rawValue)] + key.models.map { .text($0) }
            ) { count = Int($0.integer(0)) }
            return count
        }
    }

    public func requeueMissingVectors(model: String) throws(MemoryError) -> Int {
        try run("queue re-indexing") {
            try connection.query(
                """
                INSERT OR IGNORE INTO outbox (kind, user_id, message_id, due_at)
                SELECT 'embed', m.user_id, m.id, ? FROM messages m
                WHERE NOT EXISTS (SELECT 1 FROM vectors v WHERE v.message_id = m.id AND v.model = ?)
                OR (
                    -- a reply to a MAIA turn (the newest turn of its session stored before it, as the drainer
                    -- finds it) without its reply-context vector
                    m.role = 'user' AND m.session_id IS NOT NULL
                    AND NOT EXISTS (SELECT 1 FROM vectors c WHERE c.message_id = m.id AND c.model = ?)
                    AND (
                        SELECT p.role FROM messages p WHERE p.user_id = m.user_id AND p.session_id = m.session_id
                        AND (p.created_at < m.created_at OR (p.created_at = m.created_at AND p.seq < m.seq))
                        ORDER BY p.created_at DESC, p.seq DESC LIMIT 1
                    ) = 'maia'
                )
                """,
                [.integer(Date().milliseconds), .text(model), .text(ReplyContext.model(of: model))]
            )
            return connection.changes
        }
    }

    public func vectorSearch(
        _ query: [Float],
        model: String,
        for user: UserID,
        limit: Int
    ) throws(MemoryError)
        -> [ScoredRecord]
    {
        let key = IndexKey(user: user, model: model)
        let index = try currentIndex(for: key, dimensions: query.count)
        let shortlist = index.shortlist(scores: codeScores(query, in: index, of: key), limit: limit)
        guard !shortlist.isEmpty else { return [] }
        // Best first, so a message's first hit is its better vector (its own or its reply context).
        var seen = Set<String>()
        let hits = VectorIndex.rescore(
            query,
            try floatVectors(shortlist, of: user, model: model),
            limit: shortlist.count
        )
        .filter { seen.insert($0.id).inserted }
        return try scoredRecords(Array(hits.prefix(limit)), for: user)
    }

    /// `hits` with their records, in `hits`' order; hits whose message is gone are left out.
    private func scoredRecords(
        _ hits: [(id: String, score: Float)],
        for user: UserID
    ) throws(MemoryError) -> [ScoredRecord] {
        guard !hits.isEmpty else { return [] }
        let records = Dictionary(
            try records(ids: hits.map(\.id), for: user).map { ($0.id, $0) },
            uniquingKeysWith: { first, _ in first }
        )
        return hits.compactMap { hit in records[hit.id].map { ScoredRecord(record: $0, score: Double(hit.score)) } }
    }

    /// The time list's search without reading 4,000 float vectors and 400 records: membership in the `among` nearest
    /// is decided by the 4-bit codes (not by exact scores, so a row near that boundary may fall either way), the
    /// creation times of those rows are checked in SQL, and only the rows inside `interval` are ranked by what stands
    /// out among them (``VectorIndex/standingOut(_:_:limit:)``) and read (docs/storage.md, "Hybrid search and the
    /// `query_mem0` round").
    public func vectorSearch(
        _ query: [Float],
        model: String,
        for user: UserID,
        limit: Int,
        createdIn interval: DateInterval,
        among: Int
    ) throws(MemoryError)
        -> [ScoredRecord]
    {
        guard limit > 0 else { return [] }
        let key = IndexKey(user: user, model: model)
        let index = try currentIndex(for: key, dimensions: query.count)
        let nearest = index.nearest(scores: codeScores(query, in: index, of: key), count: among)
        guard !nearest.isEmpty else { return [] }
        var inside: [Int64] = []
        for chunk in stride(from: 0, to: nearest.count, by: 500).map({ nearest[$0..<min($0 + 500, nearest.count)] }) {
            try run("read vector times") {
                try connection.query(
                    """
                    SELECT c.rowid FROM vector_codes c CROSS JOIN messages m ON m.id = c.message_id
                    WHERE c.rowid IN (\(Array(repeating: "?", count: chunk.count).joined(separator: ",")))
                    AND +c.user_id = ? AND +c.model = ? AND +m.user_id = c.user_id
                    AND m.created_at >= ? AND m.created_at <= ?
                    """,
                    chunk.map { .integer($0) } + [
                        .text(user.rawValue), .text(model), .integer(interval.start.milliseconds),
                        .integer(interval.end.milliseconds),
                    ]
                ) { inside.append($0.integer(0)) }
            }
        }
        let hits = VectorIndex.standingOut(query, try floatVectors(inside, of: user, model: model), limit: limit)
        return try scoredRecords(hits, for: user)
    }
}
