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
    /// How many earlier turns of the same session are embedded with each message (0: the message alone); see
    /// docs/storage.md, "Long conversations".
    public var contextTurns: Int

    /// Creates a drainer for the kinds of work it has a component for.
    public init(
        store: any MemoryStore,
        embedder: (any Embedder)?,
        mem0: Mem0Client? = nil,
        batchSize: Int = 32,
        contextTurns: Int = Self.defaultContextTurns
    ) {
        self.store = store
        self.embedder = embedder
        self.mem0 = mem0
        self.batchSize = batchSize
        self.contextTurns = contextTurns
    }

    /// The context the product embeds with: measured with `maia-bench recall --long`.
    public static let defaultContextTurns = 0

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
            var texts: [String] = []
            for entry in entries { texts.append(try await embeddingText(entry.record)) }
            var replies: [(record: MemoryRecord, text: String)] = []
            for entry in entries where entry.record.role == .user {
                if let previous = try await earlierTurns(of: entry.record, count: 1).first, previous.role == .maia {
                    replies.append(
                        (entry.record, ReplyContext.text(maia: previous.content, reply: entry.record.content))
                    )
                }
            }
            // One batch for both kinds of vector: the embedder's batching is what makes a pass fast.
            let vectors = try await embedder.embed(texts + replies.map(\.text))
            let own = zip(entries, vectors).map { entry, values in
                StoredVector(
                    messageID: entry.record.id,
                    userID: entry.record.userID,
                    model: embedder.modelID,
                    values: values
                )
            }
            let context = zip(replies, vectors.dropFirst(entries.count)).map { reply, values in
                StoredVector(
                    messageID: reply.record.id,
                    userID: reply.record.userID,
                    model: ReplyContext.model(of: embedder.modelID),
                    values: values
                )
            }
            try await store.saveVectors(own + context)
        case .mem0:
            guard let mem0 else { return }
            for entry in entries { try await mem0.add(entry.record) }
        }
    }

    /// The text embedded for `record`: its content after the `contextTurns` turns before it in its session, so that
    /// an answer such as "Yes, finally!" is found by what it answers.
    private func embeddingText(_ record: MemoryRecord) async throws(MemoryError) -> String {
        let earlier = try await earlierTurns(of: record, count: contextTurns)
        return (earlier.reversed().map(\.content) + [record.content]).joined(separator: "\n")
    }

    /// Up to `count` turns of `record`'s session stored before it, newest first.
    ///
    /// A turn's message and MAIA's answer are often stored at the same moment, so "created at or before" also finds
    /// the answer: the window is read in the stores' order (time, then storage order) and only what follows
    /// `record` in it is taken. Should more than `sameMoment` messages share its moment, none are (no context rather
    /// than the wrong one).
    private func earlierTurns(of record: MemoryRecord, count: Int) async throws(MemoryError) -> [MemoryRecord] {
        guard count > 0, let session = record.sessionID else { return [] }
        let window = try await store.recent(
            for: record.userID,
            limit: count + 1 + Self.sameMoment,
            in: RecentScope(sessions: .only(session), asOf: record.createdAt)
        )
        guard let position = window.firstIndex(where: { $0.id == record.id }) else { return [] }
        return Array(window[(position + 1)...].prefix(count))
    }

    /// Messages stored at the same moment as another that the window still reads past.
    private static let sameMoment = 8

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
