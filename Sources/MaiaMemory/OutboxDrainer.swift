public import Foundation
import MaiaCore

/// Does the background work queued in the outbox: embeds new messages and stores their vectors. Work survives
/// crashes because it is queued in the same transaction as the message; a failed item is retried with backoff.
public struct OutboxDrainer: Sendable {
    /// What one pass did.
    public struct Report: Sendable, Hashable {
        public var embedded = 0
        public var failed = 0
        public var skipped = 0
    }

    let store: any MemoryStore
    let embedder: any Embedder
    let batchSize: Int

    /// Creates a drainer.
    public init(store: any MemoryStore, embedder: any Embedder, batchSize: Int = 32) {
        self.store = store
        self.embedder = embedder
        self.batchSize = batchSize
    }

    /// Processes due work until none is left or an attempt fails; returns what was done.
    public func drain(now: @Sendable () -> Date = Date.init) async throws(MemoryError) -> Report {
        var report = Report()
        while true {
            let items = try await store.pendingWork(.embed, limit: batchSize, now: now())
            if items.isEmpty { return report }
            let pass = try await embed(items, now: now())
            report.embedded += pass.embedded
            report.skipped += pass.skipped
            report.failed += pass.failed
            if pass.failed > 0 { return report }
        }
    }

    private func embed(_ items: [OutboxItem], now: Date) async throws(MemoryError) -> Report {
        var report = Report()
        var found: [(item: OutboxItem, record: MemoryRecord)] = []
        var finished: [Int64] = []
        for (user, group) in Dictionary(grouping: items, by: \.userID) {
            let records = Dictionary(
                try await store.records(ids: group.map(\.messageID), for: user).map { ($0.id, $0) },
                uniquingKeysWith: { first, _ in first }
            )
            for item in group {
                if let record = records[item.messageID] {
                    found.append((item, record))
                } else {
                    // The message was forgotten after it was queued: nothing left to index.
                    finished.append(item.id)
                    report.skipped += 1
                }
            }
        }
        do {
            let vectors = try await embedder.embed(found.map(\.record.content))
            try await store.saveVectors(
                zip(found, vectors).map { entry, values in
                    StoredVector(
                        messageID: entry.record.id,
                        userID: entry.record.userID,
                        model: embedder.modelID,
                        values: values
                    )
                }
            )
            finished += found.map(\.item.id)
            report.embedded += found.count
        } catch {
            for entry in found {
                let delay = min(3600, pow(2, Double(entry.item.attempts)) * 5)
                try await store.failWork(entry.item.id, reason: "\(error)", retryAt: now.addingTimeInterval(delay))
            }
            report.failed += found.count
        }
        try await store.completeWork(finished)
        return report
    }
}
