import MaiaCore

extension SQLiteStore {
    public func outboxDepth() throws(MemoryError) -> Int {
        try run("count the outbox") {
            var count = 0
            try connection.query("SELECT count(*) FROM outbox", []) { row in count = Int(row.integer(0)) }
            return count
        }
    }
}
