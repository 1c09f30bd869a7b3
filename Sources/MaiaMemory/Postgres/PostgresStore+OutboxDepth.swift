import MaiaCore
import PostgresNIO

extension PostgresStore {
    public func outboxDepth() async throws(MemoryError) -> Int {
        try await transaction("count the outbox", .worker) { connection in
            let rows = try await connection.query("SELECT count(*) FROM outbox", logger: logger)
            for try await (count) in rows.decode(Int.self) { return count }
            return 0
        }
    }
}
