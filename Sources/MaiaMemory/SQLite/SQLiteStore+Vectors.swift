import Foundation
public import MaiaCore

/// Identifies one user's vectors of one model in the in-process index cache.
struct IndexKey: Hashable {
    let user: UserID
    let model: String
}

/// A loaded index and how far it has read the `vectors` table.
struct CachedIndex {
    var index: VectorIndex
    /// The highest `vectors` rowid read into `index` (a replaced vector gets a new rowid, so it is read again).
    var highWater: Int64
    /// The connection's `PRAGMA data_version` when `index` was last brought up to date: it changes only when another
    /// connection commits, which is when the index may have missed a write.
    var dataVersion: Int64
}

extension SQLiteStore {
    public func saveVectors(_ vectors: [StoredVector]) throws(MemoryError) {
        try run("store vectors") {
            try connection.transaction {
                for vector in vectors { try insertVector(vector) }
            }
        }
        updateIndexes(with: vectors)
    }

    /// Stores one vector inside the caller's transaction. The message must exist for the vector's user; a vector
    /// for a forgotten message (or naming another user's message) is dropped.
    func insertVector(_ vector: StoredVector) throws {
        try connection.query(
            """
            INSERT OR REPLACE INTO vectors (message_id, user_id, model, dimensions, data)
            SELECT id, user_id, ?, ?, ? FROM messages WHERE id = ? AND user_id = ?
            """,
            [
                .text(vector.model), .integer(Int64(vector.values.count)), .blob(vector.values.littleEndianBytes),
                .text(vector.messageID), .text(vector.userID.rawValue),
            ]
        )
    }

    /// Keeps the loaded in-process indexes in step with stored vectors.
    func updateIndexes(with vectors: [StoredVector]) {
        for vector in vectors {
            vectorIndexes[IndexKey(user: vector.userID, model: vector.model)]?.index.upsert(
                id: vector.messageID,
                vector: vector.values
            )
        }
    }

    public func vectors(for user: UserID, model: String) throws(MemoryError) -> [StoredVector] {
        var vectors: [StoredVector] = []
        try forEachVector(of: user, model: model) { id, values in
            vectors.append(StoredVector(messageID: id, userID: user, model: model, values: values))
        }
        return vectors
    }

    /// Calls `body` with each message id and vector of `user` made by `model` (only those stored after rowid
    /// `after`), decoded row by row; returns the highest rowid seen.
    @discardableResult
    private func forEachVector(
        of user: UserID,
        model: String,
        after: Int64 = 0,
        _ body: (String, [Float]) -> Void
    ) throws(MemoryError) -> Int64 {
        try run("read vectors") {
            var highest = after
            try connection.query(
                "SELECT rowid, message_id, data FROM vectors WHERE user_id = ? AND model = ? AND rowid > ?",
                [.text(user.rawValue), .text(model), .integer(after)]
            ) { row in
                highest = max(highest, row.integer(0))
                body(row.text(1), row.floats(2))
            }
            return highest
        }
    }

    /// The user's index of `model`, loaded on first use, and brought up to date when another connection has
    /// committed since: vectors stored since are added; if the count then differs from the table's (another process
    /// forgot the user, or removed messages), the index is loaded again.
    private func currentIndex(for key: IndexKey, dimensions: Int) throws(MemoryError) -> VectorIndex {
        let version = try dataVersion()
        if let cached = vectorIndexes[key], cached.dataVersion == version { return cached.index }
        // Taken out of the cache while it is updated, so that the update does not copy the whole index.
        if var cached = vectorIndexes.removeValue(forKey: key) {
            cached.highWater = try forEachVector(of: key.user, model: key.model, after: cached.highWater) {
                cached.index.upsert(id: $0, vector: $1)
            }
            cached.dataVersion = version
            if try vectorCount(of: key) == cached.index.count {
                vectorIndexes[key] = cached
                return cached.index
            }
        }
        // Row by row into the index, so that loading 100K vectors holds one float copy (153 MB), not two.
        var index = VectorIndex(dimensions: dimensions)
        let highWater = try forEachVector(of: key.user, model: key.model) { index.upsert(id: $0, vector: $1) }
        vectorIndexes[key] = CachedIndex(index: index, highWater: highWater, dataVersion: version)
        return index
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
                "SELECT COUNT(*) FROM vectors WHERE user_id = ? AND model = ?",
                [.text(key.user.rawValue), .text(key.model)]
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
                LEFT JOIN vectors v ON v.message_id = m.id AND v.model = ?
                WHERE v.message_id IS NULL
                """,
                [.integer(Date().milliseconds), .text(model)]
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
        let index = try currentIndex(for: IndexKey(user: user, model: model), dimensions: query.count)
        let hits = index.search(query, limit: limit)
        guard !hits.isEmpty else { return [] }
        let records = Dictionary(
            try records(ids: hits.map(\.id), for: user).map { ($0.id, $0) },
            uniquingKeysWith: { first, _ in first }
        )
        return hits.compactMap { hit in records[hit.id].map { ScoredRecord(record: $0, score: Double(hit.score)) } }
    }
}
