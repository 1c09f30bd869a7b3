public import Foundation
public import MaiaCore

extension SQLiteStore {
    public func pendingWork(limit: Int, now: Date) throws(MemoryError) -> [OutboxItem] {
        try run("read the outbox") {
            var items: [OutboxItem] = []
            try connection.query(
                "SELECT id, kind, user_id, message_id, attempts FROM outbox WHERE due_at <= ? ORDER BY due_at, id LIMIT ?",
                [.integer(now.milliseconds), .integer(Int64(max(0, limit)))]
            ) { row in
                guard let kind = OutboxItem.Kind(rawValue: row.text(1)), let user = UserID(row.text(2)) else { return }
                items.append(
                    OutboxItem(
                        id: row.integer(0),
                        kind: kind,
                        userID: user,
                        messageID: row.text(3),
                        attempts: Int(row.integer(4))
                    )
                )
            }
            return items
        }
    }

    public func completeWork(_ ids: [Int64]) throws(MemoryError) {
        try run("update the outbox") {
            try connection.transaction {
                for id in ids { try connection.query("DELETE FROM outbox WHERE id = ?", [.integer(id)]) }
            }
        }
    }

    public func failWork(_ id: Int64, reason: String, retryAt: Date) throws(MemoryError) {
        try run("update the outbox") {
            try connection.query(
                "UPDATE outbox SET attempts = attempts + 1, last_error = ?, due_at = ? WHERE id = ?",
                [.text(String(reason.prefix(500))), .integer(retryAt.milliseconds), .integer(id)]
            )
        }
    }

    public func saveVectors(_ vectors: [StoredVector]) throws(MemoryError) {
        try run("store vectors") {
            try connection.transaction {
                for vector in vectors {
                    // The message must still exist for this user; a vector for a forgotten message is dropped.
                    try connection.query(
                        """
                        INSERT OR REPLACE INTO vectors (message_id, user_id, model, dimensions, data)
                        SELECT id, user_id, ?, ?, ? FROM messages WHERE id = ? AND user_id = ?
                        """,
                        [
                            .text(vector.model), .integer(Int64(vector.values.count)),
                            .blob(vector.values.littleEndianBytes),
                            .text(vector.messageID), .text(vector.userID.rawValue),
                        ]
                    )
                }
            }
        }
    }

    public func vectors(for user: UserID, model: String) throws(MemoryError) -> [StoredVector] {
        try run("read vectors") {
            var vectors: [StoredVector] = []
            try connection.query(
                "SELECT message_id, data FROM vectors WHERE user_id = ? AND model = ?",
                [.text(user.rawValue), .text(model)]
            ) { row in
                vectors.append(
                    StoredVector(
                        messageID: row.text(0),
                        userID: user,
                        model: model,
                        values: [Float](littleEndian: row.blob(1))
                    )
                )
            }
            return vectors
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
}

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
