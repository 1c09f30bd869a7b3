public import Foundation
import MaiaCore

extension SQLiteStore {
    public func pendingWork(_ kind: OutboxItem.Kind, limit: Int, now: Date) throws(MemoryError) -> [OutboxItem] {
        try run("read the outbox") {
            var items: [OutboxItem] = []
            try connection.query(
                "SELECT id, kind, user_id, message_id, attempts FROM outbox WHERE kind = ? AND due_at <= ? ORDER BY due_at, id LIMIT ?",
                [.text(kind.rawValue), .integer(now.milliseconds), .integer(Int64(max(0, limit)))]
            ) { row in
                guard let kind = OutboxItem.Kind(rawValue: row.text(1)), case let user = UserID(stored: row.text(2))
                else { return }
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
}
