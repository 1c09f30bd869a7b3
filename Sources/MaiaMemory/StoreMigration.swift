import MaiaCore

/// Copies every user's messages (ids, times, flags, metadata) from one store to another. Idempotent and
/// resumable: records already in the target are skipped, so an interrupted run is simply run again.
///
/// With a `vectorModel` (the model the target will index with), each copied message's vector of that model is
/// copied with it, and only messages without one are queued for embedding in the target; without it, every copied
/// message is queued and the target's outbox rebuilds the vectors.
public struct StoreMigration: Sendable {
    /// What a run did, per user and in total.
    public struct Report: Sendable, Hashable {
        public var users = 0
        public var copied = 0
        public var skipped = 0
        /// Vectors of `vectorModel` the target holds for the migrated users after the copy.
        public var vectors = 0
        /// Users whose message counts differ between source and target after the copy.
        public var mismatches: [String] = []
    }

    let source: any MemoryStore
    let target: any MemoryStore
    let vectorModel: String?
    let chunkSize: Int

    /// Creates a migration; see the type's documentation for `vectorModel`.
    public init(
        from source: any MemoryStore,
        to target: any MemoryStore,
        vectorModel: String? = nil,
        chunkSize: Int = 500
    ) {
        self.source = source
        self.target = target
        self.vectorModel = vectorModel
        self.chunkSize = chunkSize
    }

    /// Copies everything, then checks that every user has as many messages in the target as in the source.
    public func run(progress: (Report) -> Void = { _ in }) async throws(MemoryError) -> Report {
        var report = Report()
        for user in try await source.userIDs() {
            let records = try await source.allMessages(for: user)
            var vectors: [String: [StoredVector]] = [:]
            for model in vectorModel.map({ [$0, ReplyContext.model(of: $0)] }) ?? [] {
                for vector in try await source.vectors(for: user, model: model) {
                    vectors[vector.messageID, default: []].append(vector)
                }
            }
            for start in stride(from: 0, to: records.count, by: chunkSize) {
                let chunk = Array(records[start..<min(start + chunkSize, records.count)])
                let chunkVectors = chunk.flatMap { vectors[$0.id] ?? [] }
                let inserted = try await target.restore(chunk, vectors: chunkVectors, for: user)
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
            if let vectorModel {
                let targetVectors = try await target.vectors(for: user, model: vectorModel).count
                // Not a mismatch when lower: messages copied without a vector are queued in the target's outbox.
                report.vectors += targetVectors
            }
        }
        return report
    }
}
