public import Foundation
import MaiaCore
public import MaiaEmbedding

/// Does the background work queued in the outbox: embeds new messages and stores their vectors, and mirrors them to
/// Mem0. Work survives crashes because it is queued in the same transaction as the message; a failed item is
/// retried with exponential backoff and never affects the turn that queued it.
public struct OutboxDrainer: Sendable {
    /// What one pass did.
    public struct Report: Sendable, Hashable {
        public var embedded = 0
        public var mirrored = 0
        public var failed = 0
        public var skipped = 0
        /// Whether the pass stopped at its `atMost` bound with work of the selection still queued.
        public var stoppedAtBound = false

        /// Items finished or failed so far.
        public var processed: Int { embedded + mirrored + failed + skipped }
    }

    let store: any MemoryStore
    let embedder: (any Embedder)?
    let mem0: Mem0Client?
    let batchSize: Int

    /// Creates a drainer for the kinds of work it has a component for.
    public init(store: any MemoryStore, embedder: (any Embedder)?, mem0: Mem0Client? = nil, batchSize: Int = 32) {
        self.store = store
        self.embedder = embedder
        self.mem0 = mem0
        self.batchSize = batchSize
    }

    /// Processes due work among `selection` until none is left, a batch fails, or about `atMost` items were
    /// processed; returns what was done. `progress` is called after each batch with the report so far.
    public func drain(
        among selection: OutboxSelection = .all,
        atMost bound: Int = .max,
        now: @Sendable () -> Date = Date.init,
        stopping: @Sendable () -> Bool = { false },
        progress: (Report) -> Void = { _ in }
    ) async throws(MemoryError) -> Report {
        var report = Report()
        if case .messages(let ids) = selection, ids.isEmpty { return report }
        for kind in [OutboxItem.Kind.embed, .mem0] where kind == .embed ? embedder != nil : mem0 != nil {
            // A stop (graceful shutdown) ends the pass between batches: the rest stays queued for the next pass.
            while !stopping() {
                if report.processed >= bound {
                    let left = try await store.pendingWork(kind, among: selection, limit: 1, now: now())
                    if !left.isEmpty { report.stoppedAtBound = true }
                    break
                }
                let items = try await store.pendingWork(kind, among: selection, limit: batchSize, now: now())
                if items.isEmpty { break }
                let (found, missing) = try await resolve(items)
                report.skipped += missing.count
                var done = missing
                do {
                    try await perform(kind, on: found)
                    done += found.map(\.item.id)
                    if kind == .embed { report.embedded += found.count } else { report.mirrored += found.count }
                } catch {
                    for entry in found {
                        let delay = min(3600, pow(2, Double(entry.item.attempts)) * 5)
                        try await store.failWork(
                            entry.item.id,
                            reason: "\(error)",
                            retryAt: now().addingTimeInterval(delay)
                        )
                    }
                    report.failed += found.count
                }
                try await store.completeWork(done)
                progress(report)
                if report.failed > 0 { break }
            }
        }
        return report
    }

    private func perform(_ kind: OutboxItem.Kind, on entries: [(item: OutboxItem, record: MemoryRecord)]) async throws {
        switch kind {
        case .embed:
            guard let embedder else { return }
            let vectors = try await embedder.embed(entries.map(\.record.content))
            try await store.saveVectors(
                zip(entries, vectors).map { entry, values in
                    StoredVector(
                        messageID: entry.record.id,
                        userID: entry.record.userID,
                        model: embedder.modelID,
                        values: values
                    )
                }
            )
        case .mem0:
            guard let mem0 else { return }
            for entry in entries { try await mem0.add(entry.record) }
        }
    }

    /// The records the items refer to; items whose message was forgotten since are returned as missing.
    private func resolve(
        _ items: [OutboxItem]
    ) async throws(MemoryError)
        -> (found: [(item: OutboxItem, record: MemoryRecord)], missing: [Int64])
    {
        var found: [(item: OutboxItem, record: MemoryRecord)] = []
        var missing: [Int64] = []
        for (user, group) in Dictionary(grouping: items, by: \.userID) {
            let records = Dictionary(
                try await store.records(ids: group.map(\.messageID), for: user).map { ($0.id, $0) },
                uniquingKeysWith: { first, _ in first }
            )
            for item in group {
                if let record = records[item.messageID] {
                    found.append((item, record))
                } else {
                    missing.append(item.id)
                }
            }
        }
        return (found, missing)
    }
}
