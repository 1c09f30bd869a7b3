public import Foundation
import MaiaCore

extension SQLiteStore {
    public func pendingWork(
        _ kind: OutboxItem.Kind,
        among selection: OutboxSelection,
        limit: Int,
        now: Date
    ) throws(MemoryError) -> [OutboxItem] {
        let columns = "SELECT id, kind, user_id, message_id, attempts FROM outbox"
        let due: [SQLiteValue] = [.text(kind.rawValue), .integer(now.milliseconds)]
        let limit = max(0, limit)
        return try run("read the outbox") {
            var items: [OutboxItem] = []
            func read(_ sql: String, _ parameters: [SQLiteValue]) throws {
                try connection.query(sql, parameters) { row in
                    guard let kind = OutboxItem.Kind(rawValue: row.text(1)), case let user = UserID(stored: row.text(2))
                    else {
                        return
                    }
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
            }
            switch selection {
            case .all:
                try read(
                    "\(columns) WHERE kind = ? AND due_at <= ? ORDER BY due_at, id LIMIT ?",
                    due + [.integer(Int64(limit))]
                )
            case .user(let user):
                try read(
                    "\(columns) WHERE user_id = ? AND kind = ? AND due_at <= ? ORDER BY due_at, id LIMIT ?",
                    [.text(user.rawValue)] + due + [.integer(Int64(limit))]
                )
            case .messages(let ids):
                // Chunked under SQLite's parameter limit; each id is one lookup in the (kind, message_id) key.
                for start in stride(from: 0, to: ids.count, by: 500) where items.count < limit {
                    let chunk = ids[start..<min(start + 500, ids.count)]
                    let marks = Array(repeating: "?", count: chunk.count).joined(separator: ",")
                    try read(
                        "\(columns) WHERE kind = ? AND due_at <= ? AND message_id IN (\(marks)) ORDER BY due_at, id",
                        due + chunk.map { .text($0) }
                    )
                }
                items = Array(items.prefix(limit))
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
}
