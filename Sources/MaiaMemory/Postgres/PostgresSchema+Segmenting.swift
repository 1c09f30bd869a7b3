import Logging
import PostgresNIO

extension PostgresSchema {
    /// Keyword search in scripts written without spaces (Thai): `search_text` of a message now holds its character
    /// pairs (`KeywordQuery.fold` segments), so the messages already stored in such a script are folded again
    /// (migration 5). Other messages fold as before and are not touched.
    ///
    /// `messages` forces row-level security and its only policies are for the application roles, so the owner that
    /// runs migrations sees no rows; the step lifts the force for the owner inside the migration's transaction and
    /// puts it back before the transaction ends.
    static func segmentStoredMessages(_ connection: PostgresConnection, _ logger: Logger) async throws {
        try await connection.query("ALTER TABLE messages NO FORCE ROW LEVEL SECURITY", logger: logger)
        let candidates = try await connection.query(
            """
            SELECT id, content FROM messages
            WHERE content ~ '[\\u0E00-\\u0EFF\\u1000-\\u109F\\u1780-\\u17FF\\u3040-\\u30FF\\u3400-\\u4DBF\\u4E00-\\u9FFF\\uF900-\\uFAFF]'
            """,
            logger: logger
        )
        var pending: [(id: String, content: String)] = []
        for try await (id, content) in candidates.decode((String, String).self)
        where KeywordQuery.needsSegmenting(content) {
            pending.append((id, content))
        }
        for message in pending {
            try await connection.query(
                "UPDATE messages SET search_text = \(KeywordQuery.fold(message.content)) WHERE id = \(message.id)",
                logger: logger
            )
        }
        try await connection.query("ALTER TABLE messages FORCE ROW LEVEL SECURITY", logger: logger)
    }
}
