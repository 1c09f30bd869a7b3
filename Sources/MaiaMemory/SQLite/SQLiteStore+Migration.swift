import Foundation
public import MaiaCore

extension SQLiteStore {
    public func userIDs() throws(MemoryError) -> [UserID] {
        try run("list users") {
            var users: [UserID] = []
            try connection.query("SELECT id FROM users ORDER BY id") { row in
                users.append(UserID(stored: row.text(0)))
            }
            return users
        }
    }

    public func messageCount(for user: UserID) throws(MemoryError) -> Int {
        try run("count messages") {
            var count = 0
            try connection.query("SELECT COUNT(*) FROM messages WHERE user_id = ?", [.text(user.rawValue)]) {
                count = Int($0.integer(0))
            }
            return count
        }
    }

    public func restore(
        _ records: [MemoryRecord],
        vectors: [StoredVector],
        for user: UserID
    ) throws(MemoryError)
        -> Int
    {
        guard records.allSatisfy({ $0.userID == user }), vectors.allSatisfy({ $0.userID == user }) else {
            throw MemoryError(.invalidInput, "restored records and vectors must all belong to user \(user.rawValue)")
        }
        let vectorsByMessage = Dictionary(grouping: vectors, by: \.messageID)
        var stored: [StoredVector] = []
        let inserted = try run("restore messages") {
            try connection.transaction {
                try connection.query(
                    "INSERT OR IGNORE INTO users (id, created_at) VALUES (?, ?)",
                    [.text(user.rawValue), .integer(Date().milliseconds)]
                )
                var inserted = 0
                for record in records {
                    if let session = record.sessionID {
                        try connection.query(
                            "INSERT OR IGNORE INTO sessions (user_id, id, started_at) VALUES (?, ?, ?)",
                            [.text(user.rawValue), .text(session.rawValue), .integer(record.createdAt.milliseconds)]
                        )
                    }
                    let scores = JSONValue.object(record.elementScores.mapValues { .number($0) }).jsonText
                    try connection.query(
                        """
                        INSERT OR IGNORE INTO messages (id, user_id, session_id, role, content, created_at, language,
                            element_scores, coherence, engine, model, metadata)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """,
                        [
                            .text(record.id), .text(user.rawValue), .optional(record.sessionID?.rawValue),
                            .text(record.role.rawValue), .text(record.content), .integer(record.createdAt.milliseconds),
                            .optional(record.language), .text(scores), record.coherence.map { .real($0) } ?? .null,
                            .optional(record.engine), .optional(record.model), .text(record.metadata.jsonText),
                        ]
                    )
                    guard connection.changes > 0 else { continue }
                    inserted += 1
                    if record.isBreakthrough {
                        try connection.query(
                            "INSERT OR IGNORE INTO breakthroughs (message_id, user_id, marked_at) VALUES (?, ?, ?)",
                            [.text(record.id), .text(user.rawValue), .integer(Date().milliseconds)]
                        )
                    }
                    for vector in vectorsByMessage[record.id] ?? [] {
                        try insertVector(vector)
                        stored.append(vector)
                    }
                    for kind in outboxKinds where kind != .embed || vectorsByMessage[record.id] == nil {
                        try connection.query(
                            "INSERT OR IGNORE INTO outbox (kind, user_id, message_id, due_at) VALUES (?, ?, ?, ?)",
                            [
                                .text(kind.rawValue), .text(user.rawValue), .text(record.id),
                                .integer(Date().milliseconds),
                            ]
                        )
                    }
                }
                return inserted
            }
        }
        // Only after the commit: a rolled-back restore must not leave vectors in the in-process index.
        try updateIndexes(with: stored, replaced: [])
        return inserted
    }
}
