public import MaiaCore
public import MaiaEmbedding
public import MaiaMemory

extension RecallSet {
    /// A memory the user wrote in one language and a question with the same meaning asked in another.
    public struct CrossLingualPair: Decodable, Sendable {
        /// Names the memory among the stored messages.
        public let key: String
        public let memoryLanguage: String
        public let memory: String
        public let queryLanguage: String
        public let query: String
    }
}

extension RecallEvaluation {
    /// The `language` of the cross-lingual results, reported apart from the per-language ones and the totals.
    public static let crossLingualLabel = "cross-lingual"

    /// Stores each memory language's cross-lingual memories for its own user, among that language's conversation
    /// (its facts and distractors, so the memory must be told apart from same-language messages), and asks each
    /// pair's question in its other language. Returns one result per mode, labelled ``crossLingualLabel``.
    static func runCrossLingual(
        _ set: RecallSet,
        store: SQLiteStore,
        search: MemorySearch,
        embedder: any Embedder,
        contextTurns: Int
    ) async throws -> [Result] {
        guard !set.crossLingual.isEmpty else { return [] }
        let conversations = Dictionary(uniqueKeysWithValues: set.languages.map { ($0.language, $0.messages) })
        var totals: [MemorySearch.Mode: (at5: Double, at10: Double)] = [:]
        for (language, pairs) in Dictionary(grouping: set.crossLingual, by: \.memoryLanguage).sorted(by: {
            $0.key < $1.key
        }) {
            guard let user = UserID("recall-crosslingual-\(language)") else { continue }
            // The memories go in their own session after the conversation, as a later talk would add them.
            let memories = pairs.map {
                RecallSet.Message(key: $0.key, role: .user, content: $0.memory, session: "cross-lingual")
            }
            let questions = pairs.map { RecallSet.Question(query: $0.query, evidence: [$0.key]) }
            let sums = try await measure(
                (conversations[language] ?? []) + memories,
                questions,
                for: user,
                store: store,
                search: search,
                embedder: embedder,
                contextTurns: contextTurns
            )
            for (mode, sum) in sums {
                let total = totals[mode, default: (0, 0)]
                totals[mode] = (total.at5 + sum.at5, total.at10 + sum.at10)
            }
        }
        return MemorySearch.Mode.allCases.map { mode in
            Result(
                totals[mode, default: (0, 0)],
                language: crossLingualLabel,
                mode: mode,
                questions: set.crossLingual.count
            )
        }
    }
}
