import MaiaCore

/// Persisted copies of users' vector indexes (`vector_code_snapshots`, migration 9), so that a process's first search
/// of a user reads one row and the few rows stored since, instead of one `vector_codes` row per vector (about 1 µs a
/// row: 160 ms at 100K messages with their reply contexts). A snapshot is a cache of `vector_codes`: triggers delete a
/// user's snapshots when any of their codes is deleted, replaced or changed, and rows added after it are read from
/// the table by rowid, as a loaded index reads them (docs/storage.md, "The first search from a snapshot").
extension SQLiteStore {
    /// Below this many rows an index loads from its rows in about 2 ms, and no snapshot is written.
    static let snapshotMinimum = 2048

    /// Whether a snapshot of `rows` rows (0: none) followed by `tail` rows stored since is written anew: the tail is
    /// kept under an eighth of the snapshot, so that rewriting whole snapshots costs a constant share of the writes.
    static func snapshotIsDue(rows: Int, tail: Int) -> Bool {
        rows + tail >= snapshotMinimum && tail >= max(snapshotMinimum, rows / 8)
    }

    /// A new index of `key`: its snapshot, if one of these dimensions is stored, and the rows stored after it.
    func loadIndex(of key: IndexKey, dimensions: Int) throws(MemoryError) -> (index: VectorIndex, highWater: Int64) {
        var index = VectorIndex(dimensions: dimensions)
        let after = try readSnapshot(of: key, into: &index)
        let highWater = try loadCodes(into: &index, of: key, after: after)
        return (index, highWater)
    }

    /// Adds `key`'s snapshot to the empty `index`; returns the highest rowid it holds (0 when there is none, or it
    /// does not fit the index).
    private func readSnapshot(of key: IndexKey, into index: inout VectorIndex) throws(MemoryError) -> Int64 {
        try run("read the vector index snapshot") {
            var highWater: Int64 = 0
            try connection.query(
                """
                SELECT high_water, rowids, scales, codes FROM vector_code_snapshots
                WHERE user_id = ? AND model = ? AND dimensions = ?
                """,
                [.text(key.user.rawValue), .text(key.model), .integer(Int64(index.dimensions))]
            ) { row in
                let added = row.withBlob(1) { rowids in
                    row.withBlob(2) { scales in
                        row.withBlob(3) { index.append(snapshotRowids: rowids, scales: scales, codes: $0) }
                    }
                }
                if added { highWater = row.integer(0) }
            }
            return highWater
        }
    }

    /// Writes anew the snapshot of each of `keys` (with its vectors' dimensions) whose rows stored since have grown
    /// past ``snapshotIsDue(rows:tail:)``. Whether it is due is read without the write lock (a save that finds none
    /// due takes no second write transaction); the snapshot is then read and written in one transaction, under the
    /// write lock, so that no other connection changes the rows in between. A failure (a full disk) is not the
    /// caller's: the vectors are stored, and searches read the rows as before.
    func refreshSnapshots(_ keys: [IndexKey: Int]) {
        for (key, dimensions) in keys {
            try? run("write the vector index snapshot") {
                guard try snapshotIsDue(of: key, dimensions: dimensions) else { return }
                try connection.transaction {
                    let (index, highWater) = try loadIndex(of: key, dimensions: dimensions)
                    let snapshot = index.snapshot
                    try connection.query(
                        """
                        INSERT OR REPLACE INTO vector_code_snapshots
                            (user_id, model, dimensions, high_water, rowids, scales, codes)
                        VALUES (?, ?, ?, ?, ?, ?, ?)
                        """,
                        [
                            .text(key.user.rawValue), .text(key.model), .integer(Int64(dimensions)),
                            .integer(highWater), .blob(snapshot.rowids), .blob(snapshot.scales), .blob(snapshot.codes),
                        ]
                    )
                }
            }
        }
    }

    /// Whether `key`'s snapshot is due: its size and the rows stored after it, counted on the `(user_id, model)` index
    /// with a rowid range (no table rows read).
    private func snapshotIsDue(of key: IndexKey, dimensions: Int) throws -> Bool {
        var rows = 0
        var after: Int64 = 0
        try connection.query(
            """
            SELECT length(scales) / 4, high_water FROM vector_code_snapshots
            WHERE user_id = ? AND model = ? AND dimensions = ?
            """,
            [.text(key.user.rawValue), .text(key.model), .integer(Int64(dimensions))]
        ) { row in (rows, after) = (Int(row.integer(0)), row.integer(1)) }
        var tail = 0
        for model in key.models {
            try connection.query(
                "SELECT COUNT(*) FROM vector_codes WHERE user_id = ? AND model = ? AND rowid > ?",
                [.text(key.user.rawValue), .text(model), .integer(after)]
            ) { tail += Int($0.integer(0)) }
        }
        return Self.snapshotIsDue(rows: rows, tail: tail)
    }
}
