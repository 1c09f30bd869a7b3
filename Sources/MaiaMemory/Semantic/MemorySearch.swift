public import Foundation
public import MaiaCore
public import MaiaEmbedding

/// Finds a user's memories by meaning and by words: vector similarity and full-text matches fused by reciprocal
/// rank fusion (RRF), newer first on ties.
public struct MemorySearch: Sendable {
    /// Which signals to use.
    public enum Mode: String, Sendable, CaseIterable {
        case hybrid
        case vector
        case keyword
    }

    let store: any MemoryStore
    let embedder: (any Embedder)?
    let mem0: Mem0Client?
    /// RRF's damping constant; 60 is the value from the original paper (Cormack et al., 2009).
    let fusionConstant = 60.0
    /// How much each ranked list counts in the fusion (see docs/storage.md, "Long conversations").
    public var weights = FusionWeights()
    /// Whether a query's relative time words ("last spring", see ``TimeExpression``) add a ranked list of the
    /// memories stored in the interval they name.
    public var resolvesTime = true
    /// How many nearest vectors the time list is chosen from (on SQLite, nearest by the 4-bit codes; see
    /// `SQLiteStore.vectorSearch(_:model:for:limit:createdIn:among:)`).
    let timeDepth = 400
    /// How many nearest vectors a question about the present ranks newest first (10 to 50 measured alike).
    let recencyDepth = 20
    /// The share of a query the embedder must read for hybrid search to use its vector.
    let minimumReadableShare = 0.5

    /// Creates a search over `store`; without an embedder only keyword search is available. With a Mem0 client,
    /// hybrid search also fuses the user's Mem0 memories (ids `mem0:…`).
    public init(store: any MemoryStore, embedder: (any Embedder)?, mem0: Mem0Client? = nil) {
        self.store = store
        self.embedder = embedder
        self.mem0 = mem0
    }

    /// Whether vector search is available (an embedder is configured).
    public var hasEmbedder: Bool { embedder != nil }

    /// The `limit` best matches for `query` among `user`'s memories.
    ///
    /// In hybrid mode a failing embedder degrades to keyword results instead of failing, since a memory lookup
    /// must never break a conversation; vector mode reports the failure.
    public func search(
        _ query: String,
        for user: UserID,
        limit: Int,
        mode: Mode = .hybrid,
        now: Date = Date()
    ) async throws(MemoryError)
        -> [ScoredRecord]
    {
        guard limit > 0 else { return [] }
        let depth = max(limit * 3, 20)
        switch mode {
        case .keyword:
            return try await store.keywordSearch(query, for: user, limit: limit)
        case .vector:
            return Array(try await vectorMatches(query, for: user, limit: limit))
        case .hybrid:
            let interval = resolvesTime ? TimeExpression.interval(in: query, now: now) : nil
            // A vector of a query the model cannot read (MiniLM and Thai) ranks memories at random: left out.
            let readable = (embedder?.readableShare(of: query) ?? 0) >= minimumReadableShare
            let vector = readable ? (try? await queryVector(query)) : nil
            // The lists are then searched at once: on PostgreSQL each is a round trip and a query of its own (a
            // season's time list a second graph search), so the search takes the longest of them rather than their
            // sum. SQLite's store is an actor and runs them one after the other, as before. (The query is embedded
            // first: overlapping it with the keyword search made SQLite's hybrid search slower on 2 cores.)
            let store = store
            async let keywordHits = Self.result { () async throws(MemoryError) in
                try await store.keywordSearch(query, for: user, limit: depth)
            }
            var nearest: [ScoredRecord] = []
            var during: [ScoredRecord] = []
            if let vector, let model = embedder?.modelID {
                async let nearestHits = try? await store.vectorSearch(vector, model: model, for: user, limit: depth)
                if let interval {
                    during =
                        (try? await store.vectorSearch(
                            vector,
                            model: model,
                            for: user,
                            limit: depth,
                            createdIn: interval,
                            among: timeDepth
                        )) ?? []
                }
                nearest = await nearestHits ?? []
            }
            let keyword = try await keywordHits.get()
            // Mem0 is an optional mirror: when it fails, search goes on without it.
            let mirrored = (try? await mem0?.search(query, for: user, limit: limit)) ?? []
            var lists = [(nearest, weights.vector), (keyword, weights.keyword), (mirrored, 1)]
            if interval != nil { lists.append((during, weights.time)) }
            // "Where do I work now?": the nearest memories newest first, since the latest of them holds the answer.
            if TimeExpression.asksForPresent(query) {
                lists.append(
                    (nearest.prefix(recencyDepth).sorted { $0.record.createdAt > $1.record.createdAt }, weights.present)
                )
            }
            return Array(fuse(lists).prefix(limit))
        }
    }

    private func vectorMatches(
        _ query: String,
        for user: UserID,
        limit: Int
    ) async throws(MemoryError)
        -> [ScoredRecord]
    {
        guard let embedder else { return [] }
        let vector = try await queryVector(query)
        return try await store.vectorSearch(vector, model: embedder.modelID, for: user, limit: limit)
    }

    /// The embedder's vector for `query`, embedded as a query.
    private func queryVector(_ query: String) async throws(MemoryError) -> [Float] {
        guard let embedder else {
            throw MemoryError(.semantic, "semantic search needs an embedder; none is configured")
        }
        do {
            return try await embedder.embedQuery(query)
        } catch {
            throw MemoryError(.semantic, "the embedder \(embedder.modelID) failed", underlying: "\(error)")
        }
    }

    /// `body`'s result or its error, for a child task (`async let`) whose error keeps its type.
    private static func result<T>(
        _ body: () async throws(MemoryError) -> T
    ) async -> Result<T, MemoryError> {
        do { return .success(try await body()) } catch { return .failure(error) }
    }

    /// Weighted reciprocal rank fusion: each list contributes weight / (k + rank) for every record it holds.
    func fuse(_ lists: [(hits: [ScoredRecord], weight: Double)]) -> [ScoredRecord] {
        var scores: [String: Double] = [:]
        var records: [String: MemoryRecord] = [:]
        for (list, weight) in lists {
            for (rank, hit) in list.enumerated() {
                scores[hit.record.id, default: 0] += weight / (fusionConstant + Double(rank + 1))
                records[hit.record.id] = hit.record
            }
        }
        return scores.compactMap { id, score in records[id].map { ScoredRecord(record: $0, score: score) } }
            // Ties (equal ranks in lists of equal weight, one timestamp) end with the id: the dictionary's order
            // changes with every process, and recall must not.
            .sorted { left, right in
                (left.score, left.record.createdAt, right.record.id) > (
                    right.score, right.record.createdAt, left.record.id
                )
            }
    }
}

/// The weight of each ranked list in ``MemorySearch``'s fusion; 1 for all is plain reciprocal rank fusion.
///
/// The keyword list counts a quarter: on the long-conversation set (`maia-bench recall`, docs/storage.md) that
/// raised recall@10 from 0.525 to 0.628 and left the 80-question set's recall@10 at 0.812 (recall@5 0.600 → 0.575).
/// The time list counts double since it ranks what stands out in the interval (temporal questions 0.520 → 0.625);
/// the present list at 2 lost update questions (0.700 → 0.650), so it stays at 1.
public struct FusionWeights: Sendable, Hashable {
    public var vector: Double
    public var keyword: Double
    /// The list of memories stored in the interval a query's time words name.
    public var time: Double
    /// The list of nearest memories newest first, for a question about the present.
    public var present: Double

    public init(vector: Double = 1, keyword: Double = 0.25, time: Double = 2, present: Double = 1) {
        self.vector = vector
        self.keyword = keyword
        self.time = time
        self.present = present
    }
}
