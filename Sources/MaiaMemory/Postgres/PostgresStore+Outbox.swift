public import Foundation
import MaiaCore
import PostgresNIO

/// Outbox draining works across users, so it runs as `maia_worker`: that role may read and change the outbox
/// (which holds ids only) and read the ids of users, messages and vectors, never their content.
extension PostgresStore {
    public func pendingWork(
        _ kind: OutboxItem.Kind,
        among selection: OutboxSelection,
        limit: Int,
        now: Date
    ) async throws(MemoryError) -> [OutboxItem] {
        let columns = "SELECT id, kind, user_id, message_id, attempts FROM outbox"
        let limit = max(0, limit)
        return try await transaction("read the outbox", .worker) { connection in
            let rows: PostgresRowSequence
            switch selection {
            case .all:
                rows = try await connection.query(
                    """
                    \(unescaped: columns) WHERE kind = \(kind.rawValue) AND due_at <= \(now)
                    ORDER BY due_at, id LIMIT \(limit)
                    """,
                    logger: logger
                )
            case .user(let user):
                rows = try await connection.query(
                    """
                    \(unescaped: columns) WHERE user_id = \(user.rawValue) AND kind = \(kind.rawValue) AND due_at <= \(now)
                    ORDER BY due_at, id LIMIT \(limit)
                    """,
                    logger: logger
                )
            case .messages(let ids):
                rows = try await connection.query(
                    """
                    \(unescaped: columns) WHERE kind = \(kind.rawValue) AND due_at <= \(now) AND message_id = ANY(\(ids))
                    ORDER BY due_at, id LIMIT \(limit)
                    """,
                    logger: logger
                )
            }
            return try await collect(rows) { row -> OutboxItem? in
                guard let kind = OutboxItem.Kind(rawValue: try row[1].decode(String.self)),
                    case let user = UserID(stored: try row[2].decode(String.self))
                else { return nil }
                return OutboxItem(
                    id: try row[0].decode(Int64.self),
                    kind: kind,
                    userID: user,
                    messageID: try row[3].decode(String.self),
                    attempts: try row[4].decode(Int.self)
                )
            }.compactMap { $0 }
        }
    }

    public func completeWork(_ ids: [Int64]) async throws(MemoryError) {
        guard !ids.isEmpty else { return }
        _ = try await transaction("update the outbox", .worker) { connection in
            try await connection.query("DELETE FROM outbox WHERE id = ANY(\(ids))", logger: logger)
        }
    }

    public func failWork(_ id: Int64, reason: String, retryAt: Date) async throws(MemoryError) {
        _ = try await transaction("update the outbox", .worker) { connection in
            try await connection.query(
                """
                UPDATE outbox SET attempts = attempts + 1, last_error = \(String(reason.prefix(500))),
                    due_at = \(retryAt.roundedToMilliseconds)
                WHERE id = \(id)
                """,
                logger: logger
            )
        }
    }

    public func requeueMissingVectors(model: String) async throws(MemoryError) -> Int {
        try await transaction("queue re-indexing", .worker) { connection in
            let rows = try await connection.query(
                """
                WITH queued AS (
                    INSERT INTO outbox (kind, user_id, message_id, due_at)
                    SELECT 'embed', m.user_id, m.id, now() FROM messages m
                    WHERE NOT EXISTS (SELECT 1 FROM vectors v WHERE v.message_id = m.id AND v.model = \(model))
                    OR (
                        -- a reply to a MAIA turn (the newest turn of its session stored before it, as the
                        -- drainer finds it) without its reply-context vector
                        m.role = 'user' AND m.session_id IS NOT NULL
                        AND NOT EXISTS (
                            SELECT 1 FROM vectors c
                            WHERE c.message_id = m.id AND c.model = \(ReplyContext.model(of: model))
                        )
                        AND (
                            SELECT p.role FROM messages p WHERE p.user_id = m.user_id AND p.session_id = m.session_id
                            AND (p.created_at, p.seq) < (m.created_at, m.seq)
                            ORDER BY p.created_at DESC, p.seq DESC LIMIT 1
                        ) = 'maia'
                    )
                    ON CONFLICT (kind, message_id) DO NOTHING RETURNING 1
                )
                SELECT COUNT(*) FROM queued
                """,
                logger: logger
            )
            return try await collect(rows) { try $0[0].decode(Int.self) }.first ?? 0
        }
    }
}
