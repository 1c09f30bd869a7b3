import Foundation
public import MaiaCore

/// Identifies one user's vectors of one model in the in-process index cache.
struct IndexKey: Hashable {
    let user: UserID
    let model: String
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
            vectorIndexes[IndexKey(user: vector.userID, model: vector.model)]?.upsert(
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
        let key = IndexKey(user: user, model: model)
        if vectorIndexes[key] == nil {
            // Row by row into the index, so that loading 100K vectors holds one float copy (153 MB), not two.
            var index = VectorIndex(dimensions: query.count)
            try forEachVector(of: user, model: model) { id, values in index.upsert(id: id, vector: values) }
            vectorIndexes[key] = index
        }
        guard let hits = vectorIndexes[key]?.search(query, limit: limit), !hits.isEmpty else { return [] }
        let records = Dictionary(
            try records(ids: hits.map(\.id), for: user).map { ($0.id, $0) },
            uniquingKeysWith: { first, _ in first }
        )
        return hits.compactMap { hit in records[hit.id].map { ScoredRecord(record: $0, score: Double(hit.score)) } }
    }
}
