public import Foundation
public import MaiaCore
public import MaiaEngines
public import MaiaMemory

/// Runs the memory tools, always as the authenticated user: a `user_id` naming anyone else is refused, whatever the
/// caller wrote. Inside a turn every tool only reads, so the same executor serves shadow runs; outside a turn
/// (``Access/direct``, for MCP clients) `remember` and `flag_breakthrough` write.
public struct MemoryToolExecutor: Sendable {
    /// Which tools run and whether they may write.
    public enum Access: Sendable {
        /// A turn's tools (``MemoryToolCatalog/turnTools``): all read; `flag_breakthrough` is only acknowledged,
        /// because the turn stores the flag with its messages.
        case turn
        /// ``MemoryToolCatalog/directTools``: `remember` stores a note and `flag_breakthrough` flags a stored message.
        case direct
    }

    /// A tool's result as a JSON value, before it is written as text.
    public struct Outcome: Sendable, Hashable {
        public let value: JSONValue
        public let isError: Bool
    }

    /// The authenticated user.
    public let user: UserID
    let store: any MemoryStore
    let search: MemorySearch
    /// The message the turn answers; `symbolic_archetype` reads it when no `text` is given.
    let currentMessage: String
    /// Only memories stored at or before this time are visible (the turn's snapshot); `nil` for no limit.
    let asOf: Date?
    /// Results longer than this many characters are cut to fit the context budget.
    let resultLimit: Int
    let access: Access
    /// Called once for each refused cross-user call, with the tool name only (never the content).
    let onCrossUserAttempt: @Sendable (String) -> Void
    /// Called after a tool stored something, so that the caller can wake the indexer.
    let onWrite: @Sendable () -> Void

    /// Creates an executor for one turn (or, with `.direct` access, for a caller outside turns).
    public init(
        user: UserID,
        store: any MemoryStore,
        search: MemorySearch,
        currentMessage: String,
        asOf: Date? = nil,
        resultLimit: Int = 6000,
        access: Access = .turn,
        onCrossUserAttempt: @escaping @Sendable (String) -> Void = { _ in },
        onWrite: @escaping @Sendable () -> Void = {}
    ) {
        self.user = user
        self.store = store
        self.search = search
        self.currentMessage = currentMessage
        self.asOf = asOf
        self.resultLimit = resultLimit
        self.access = access
        self.onCrossUserAttempt = onCrossUserAttempt
        self.onWrite = onWrite
    }

    /// The tools this executor runs.
    public var tools: [ToolDefinition] {
        access == .turn ? MemoryToolCatalog.turnTools : MemoryToolCatalog.directTools
    }

    /// Runs `call` and returns its result; failures become error results the model can recover from.
    public func execute(_ call: ToolCall) async -> ToolResult {
        let outcome = await evaluate(call)
        return ToolResult(callID: call.id, name: call.name, content: outcome.value.jsonText, isError: outcome.isError)
    }

    /// Runs `call` and returns its result as a JSON value, cut to ``resultLimit``; failures come back as
    /// `{"error": sentence}` with `isError` set.
    public func evaluate(_ call: ToolCall) async -> Outcome {
        do {
            // A turn's contents are shortened to leave the model room; a caller outside a turn gets them whole.
            let contentLength = access == .turn ? 600 : Int.max
            guard
                let value = ToolResultSizing.fit(try await run(call), limit: resultLimit, contentLength: contentLength)
            else {
                throw ToolCallError("the result was too large to return; ask for fewer items")
            }
            return Outcome(value: value, isError: false)
        } catch let error as ToolCallError {
            return Outcome(value: ["error": .string(error.description)], isError: true)
        } catch {
            return Outcome(value: ["error": "memory is unavailable right now"], isError: true)
        }
    }

    private func run(_ call: ToolCall) async throws -> JSONValue {
        guard let definition = tools.first(where: { $0.name == call.name }) else {
            let names = tools.map(\.name).joined(separator: ", ")
            throw ToolCallError("unknown tool \"\(call.name)\"; available tools: \(names)")
        }
        let arguments = try ToolArguments(call.arguments, schema: definition.parameters, exempt: ["user_id"])
        if let named = arguments.string("user_id"), named.trimmingCharacters(in: .whitespaces) != user.rawValue {
            onCrossUserAttempt(call.name)
            throw ToolCallError(
                "user_id must be the current user: tools can only read the memories of the person you are talking with"
            )
        }
        switch call.name {
        case "lookup_supabase":
            let messages = try await recent(arguments.integer("limit", default: 20))
            return ["messages": .array(messages.map(Self.message))]
        case "query_mem0":
            guard let query = arguments.string("query"), !query.allSatisfy(\.isWhitespace) else {
                throw ToolCallError("\"query\" must describe what to look for")
            }
            let hits = try await search.search(query, for: user, limit: arguments.integer("limit", default: 5))
            return ["matches": .array(visible(hits).map(Self.match))]
        case "recall_breakthroughs":
            let found = try await breakthroughs(arguments.integer("limit", default: 5))
            return ["breakthroughs": .array(found.map(Self.breakthrough))]
        case "get_enriched_context":
            var context: [String: JSONValue] = [
                "recent": .array(
                    try await recent(arguments.integer("recent_limit", default: 10)).reversed().map(Self.message)
                )
            ]
            if let query = arguments.string("semantic_query"), !query.allSatisfy(\.isWhitespace) {
                context["semantic"] = .array(
                    visible(try await search.search(query, for: user, limit: 5)).map(Self.match)
                )
            }
            if arguments.bool("include_breakthroughs", default: true) {
                context["breakthroughs"] = .array(try await breakthroughs(5).map(Self.breakthrough))
            }
            return .object(context)
        case "flag_breakthrough":
            // In a turn the driver sees the call and stores the flag with the turn; the model only needs an
            // acknowledgement.
            guard access == .direct else { return ["flagged": true] }
            return try await flagStored(arguments)
        case "remember":
            return try await remember(arguments)
        case "symbolic_archetype":
            let history = try await recent(10).filter { $0.role == .user }.map(\.content)
            return ArchetypeReport.json(text: arguments.string("text") ?? currentMessage, history: history)
        default:
            throw ToolCallError("unknown tool \"\(call.name)\"")
        }
    }

    private func recent(_ limit: Int) async throws -> [MemoryRecord] {
        try await store.recent(for: user, limit: limit, in: RecentScope(asOf: asOf))
    }

    private func breakthroughs(_ limit: Int) async throws -> [MemoryRecord] {
        try await store.breakthroughs(for: user, limit: limit).filter { asOf == nil || $0.createdAt <= asOf! }
    }

    private func visible(_ hits: [ScoredRecord]) -> [ScoredRecord] {
        guard let asOf else { return hits }
        return hits.filter { $0.record.createdAt <= asOf }
    }

    static func message(_ record: MemoryRecord) -> JSONValue {
        [
            "role": .string(record.role.rawValue), "content": .string(record.content),
            "timestamp": .string(ISO8601.format(record.createdAt)),
            "coherence": record.coherence.map(JSONValue.number) ?? .null, "breakthrough": .bool(record.isBreakthrough),
        ]
    }

    static func match(_ hit: ScoredRecord) -> JSONValue {
        let tags = hit.record.metadata["tags"]?.arrayValue ?? hit.record.metadata["categories"]?.arrayValue ?? []
        return [
            "content": .string(hit.record.content), "relevance": .number((hit.score * 10_000).rounded() / 10_000),
            "timestamp": .string(ISO8601.format(hit.record.createdAt)), "tags": .array(tags),
        ]
    }

    static func breakthrough(_ record: MemoryRecord) -> JSONValue {
        [
            "content": .string(record.content), "timestamp": .string(ISO8601.format(record.createdAt)),
            "coherence": record.coherence.map(JSONValue.number) ?? .null,
            "elements": .object(record.elementScores.mapValues(JSONValue.number)),
        ]
    }
}

/// Keeps tool results inside the context budget: long contents are shortened first, then trailing list items are
/// dropped, and the result says what was cut so that the model does not mistake a cut list for a complete one.
enum ToolResultSizing {
    /// `value` cut to at most `limit` characters of JSON text, strings first to `contentLength` characters, or `nil`
    /// when even the cut value is longer.
    static func fit(_ value: JSONValue, limit: Int, contentLength: Int) -> JSONValue? {
        var current = shorten(value, to: contentLength)
        while current.jsonText.count > limit, let trimmed = dropLast(from: current) {
            current = trimmed
        }
        return current.jsonText.count <= limit ? current : nil
    }

    private static func shorten(_ value: JSONValue, to length: Int) -> JSONValue {
        switch value {
        case .string(let text) where text.count > length: .string(String(text.prefix(length)) + "…")
        case .array(let items): .array(items.map { shorten($0, to: length) })
        case .object(let members): .object(members.mapValues { shorten($0, to: length) })
        default: value
        }
    }

    /// Removes the last item of the longest list, marking the object as truncated.
    private static func dropLast(from value: JSONValue) -> JSONValue? {
        guard var members = value.objectValue else { return nil }
        guard
            let key = members.filter({ ($0.value.arrayValue?.count ?? 0) > 0 })
                .max(by: { $0.value.jsonText.count < $1.value.jsonText.count })?.key,
            var items = members[key]?.arrayValue
        else { return nil }
        items.removeLast()
        members[key] = .array(items)
        members["truncated"] = true
        return .object(members)
    }
}
