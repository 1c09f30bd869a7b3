public import MaiaCore

/// Copies every user's messages (ids, times, flags, metadata) from one store to another. Idempotent and
/// resumable: records already in the target are skipped, so an interrupted run is simply run again. Vectors are
/// not copied: the target queues every copied message for embedding, and its outbox rebuilds them.
public struct StoreMigration: Sendable {
    /// What a run did, per user and in total.
    public struct Report: Sendable, Hashable {
        public var users = 0
        public var copied = 0
        public var skipped = 0
        /// Users whose message counts differ between source and target after the copy.
        public var mismatches: [String] = []
    }

    let source: any MemoryStore
    let target: any MemoryStore
    let chunkSize: Int

    /// Creates a migration.
    public init(from source: any MemoryStore, to target: any MemoryStore, chunkSize: Int = 500) {
        self.source = source
        self.target = target
        self.chunkSize = chunkSize
    }

    /// Copies everything, then checks that every user has as many messages in the target as in the source.
    public func run(progress: (Report) -> Void = { _ in }) async throws(MemoryError) -> Report {
        var report = Report()
        for user in try await source.userIDs() {
            let records = try await source.allMessages(for: user)
            for start in stride(from: 0, to: records.count, by: chunkSize) {
                let chunk = Array(records[start..<min(start + chunkSize, records.count)])
                let inserted = try await target.restore(chunk, for: user)
                report.copied += inserted
                report.skipped += chunk.count - inserted
                progress(report)
            }
            report.users += 1
            let (sourceCount, targetCount) = (
                try await source.messageCount(for: user), try await target.messageCount(for: user)
            )
            if sourceCount != targetCount {
                report.mismatches.append("\(user.rawValue): \(sourceCount) in the source, \(targetCount) in the target")
            }
        }
        return report
    }
}
