public import Foundation
public import MaiaCore
import MaiaMemory

/// When the agent retrieves memory for a message itself instead of leaving it to the model's tool calls
/// (`MAIA_MEMORY_PREFETCH`).
public enum MemoryPrefetchMode: String, Sendable, Hashable, CaseIterable {
    /// For models known not to call tools reliably (the compact prompt profile); others use the tools.
    case auto
    /// For every model, in addition to the tools.
    case always
    /// Never: memory reaches the model only through its tool calls.
    case never

    /// Whether a model with `profile` gets prefetched memory.
    public func applies(to profile: PromptProfile) -> Bool {
        switch self {
        case .auto: profile == .compact
        case .always: true
        case .never: false
        }
    }
}

/// Memory the agent retrieved for one message: the person's own words from other sessions that match the message
/// (hybrid search), their latest words in other sessions, and their breakthroughs, within a token budget.
public struct PrefetchedMemory: Sendable, Hashable {
    /// One remembered message.
    public struct Item: Sendable, Hashable {
        /// Why it was retrieved: `search`, `recent` or `breakthrough`.
        public var source: String
        public var content: String
        public var createdAt: Date
    }

    public var items: [Item]

    /// The block given to the model, or `nil` when nothing was found.
    public var promptText: String? {
        guard !items.isEmpty else { return nil }
        let lines = items.map { "- \(Self.day($0.createdAt)): \($0.content)" }
        return "What the person told you in earlier conversations:\n" + lines.joined(separator: "\n")
    }

    /// The items as stored with the turn, like tool results.
    public var json: JSONValue {
        .array(
            items.map {
                [
                    "source": .string($0.source), "content": .string($0.content),
                    "timestamp": .string(ISO8601.format($0.createdAt)),
                ]
            }
        )
    }

    static func day(_ date: Date) -> String { date.formatted(.iso8601.year().month().day()) }
}

/// Retrieves ``PrefetchedMemory`` for a turn. Only the person's messages are used: MAIA's replies restate them and
/// a small model's replies may be wrong. Messages already in the prompt's history are skipped.
struct MemoryPrefetcher: Sendable {
    let store: any MemoryStore
    let search: MemorySearch
    /// Most estimated tokens the memory block may take.
    let tokenBudget: Int

    func prefetch(
        for text: String,
        user: UserID,
        excluding history: Set<String>,
        asOf: Date
    ) async throws(MemoryError) -> PrefetchedMemory {
        let hits = try await search.search(text, for: user, limit: 5).map(\.record)
        let recent = try await store.recent(for: user, limit: 12, in: RecentScope(asOf: asOf))
        let breakthroughs = try await store.breakthroughs(for: user, limit: 3)
        var seen = history
        var items: [PrefetchedMemory.Item] = []
        var used = ContextBudget.estimate("What the person told you in earlier conversations:\n")
        let candidates =
            hits.map { ("search", $0) } + recent.map { ("recent", $0) } + breakthroughs.map { ("breakthrough", $0) }
        for (source, record) in candidates
        where record.role == .user && record.createdAt <= asOf && !seen.contains(record.id) {
            seen.insert(record.id)
            let item = PrefetchedMemory.Item(source: source, content: record.content, createdAt: record.createdAt)
            let cost = ContextBudget.estimate("- \(PrefetchedMemory.day(record.createdAt)): \(record.content)\n")
            guard used + cost <= tokenBudget else { continue }
            used += cost
            items.append(item)
        }
        return PrefetchedMemory(items: items)
    }
}
