public import Foundation
public import MaiaCore
public import MaiaEmbedding
public import MaiaMemory

/// The retrieval-quality set (`Tests/Fixtures/recall-set.json`, written by
/// `scripts/reference/make_recall_fixture.py`): per language, one user's messages and questions whose evidence
/// messages are known.
public struct RecallSet: Decodable, Sendable {
    /// A stored message; `key` names it for the questions.
    public struct Message: Decodable, Sendable {
        public let key: String
        public let role: Role
        public let content: String
        public let session: String
    }

    /// A question and the keys of the messages that answer it.
    public struct Question: Decodable, Sendable {
        public let query: String
        public let evidence: [String]
    }

    /// One language's conversation.
    public struct Language: Decodable, Sendable {
        public let language: String
        public let messages: [Message]
        public let questions: [Question]
    }

    public let languages: [Language]
    /// Memories found by a question in another language (empty when the file has none).
    public let crossLingual: [CrossLingualPair]

    private enum CodingKeys: String, CodingKey {
        case languages, crossLingual
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        languages = try container.decode([Language].self, forKey: .languages)
        crossLingual = try container.decodeIfPresent([CrossLingualPair].self, forKey: .crossLingual) ?? []
    }

    /// Reads the set from a JSON file.
    public init(contentsOf url: URL) throws {
        self = try JSONDecoder().decode(RecallSet.self, from: Data(contentsOf: url))
    }
}

/// Measures recall@5 and recall@10 of each search mode on a ``RecallSet``, with a real store and embedder.
public enum RecallEvaluation {
    /// The recall of one mode on one language (or on every language, `language == "all"`).
    public struct Result: Sendable, Hashable {
        public let language: String
        public let mode: MemorySearch.Mode
        public let questions: Int
        /// Mean over questions of the share of evidence messages found in the top 5.
        public let recallAt5: Double
        /// The same in the top 10.
        public let recallAt10: Double
    }

    /// Stores each language's messages for its own user in a fresh SQLite file in `folder`, embeds them through
    /// the outbox, runs every question in every mode, and returns per-language results followed by the totals
    /// (`language == "all"`) for each mode.
    /// `contextTurns` and `weights` choose the variant measured (the product's defaults unless given).
    public static func run(
        _ set: RecallSet,
        embedder: any Embedder,
        folder: URL,
        contextTurns: Int = OutboxDrainer.defaultContextTurns,
        weights: FusionWeights = FusionWeights()
    ) async throws -> [Result] {
        let store = try SQLiteStore(path: folder.appendingPathComponent("recall-\(contextTurns).sqlite").path)
        var search = MemorySearch(store: store, embedder: embedder)
        search.weights = weights
        var results: [Result] = []
        var totals: [MemorySearch.Mode: (questions: Int, at5: Double, at10: Double)] = [:]
        for language in set.languages {
            guard let user = UserID("recall-\(language.language)") else { continue }
            let sums = try await measure(
                language.messages,
                language.questions,
                for: user,
                store: store,
                search: search,
                embedder: embedder,
                contextTurns: contextTurns
            )
            for mode in MemorySearch.Mode.allCases {
                let sum = sums[mode, default: (0, 0)]
                let count = language.questions.count
                results.append(Result(sum, language: language.language, mode: mode, questions: count))
                let total = totals[mode, default: (0, 0, 0)]
                totals[mode] = (total.questions + count, total.at5 + sum.at5, total.at10 + sum.at10)
            }
        }
        for mode in MemorySearch.Mode.allCases {
            guard let total = totals[mode], total.questions > 0 else { continue }
            let count = Double(total.questions)
            results.append(
                Result(
                    language: "all",
                    mode: mode,
                    questions: total.questions,
                    recallAt5: total.at5 / count,
                    recallAt10: total.at10 / count
                )
            )
        }
        return results
            + (try await runCrossLingual(
                set,
                store: store,
                search: search,
                embedder: embedder,
                contextTurns: contextTurns
            ))
    }

    /// Stores `messages` for `user`, embeds them through the outbox, and returns per mode the sums over `questions`
    /// of the share of evidence found in the top 5 and top 10.
    static func measure(
        _ messages: [RecallSet.Message],
        _ questions: [RecallSet.Question],
        for user: UserID,
        store: SQLiteStore,
        search: MemorySearch,
        embedder: any Embedder,
        contextTurns: Int
    ) async throws -> [MemorySearch.Mode: (at5: Double, at10: Double)] {
        let start = Date(timeIntervalSince1970: 1_700_000_000)
        let stored = try await store.append(
            messages.enumerated().map { index, message in
                NewMessage(
                    role: message.role,
                    content: message.content,
                    sessionID: SessionID(message.session),
                    createdAt: start.addingTimeInterval(Double(index) * 60),
                    clientID: message.key
                )
            },
            for: user
        )
        let keys = Dictionary(uniqueKeysWithValues: zip(stored.map(\.id), messages.map(\.key)))
        let report = try await OutboxDrainer(store: store, embedder: embedder, contextTurns: contextTurns).drain()
        guard report.failed == 0 else {
            throw MemoryError(.semantic, "\(report.failed) message(s) of \(user.rawValue) were not embedded")
        }
        var sums: [MemorySearch.Mode: (at5: Double, at10: Double)] = [:]
        for mode in MemorySearch.Mode.allCases {
            var at5 = 0.0
            var at10 = 0.0
            for question in questions {
                let found = try await search.search(question.query, for: user, limit: 10, mode: mode)
                    .compactMap { keys[$0.record.id] }
                let evidence = Set(question.evidence)
                at5 += Double(evidence.intersection(found.prefix(5)).count) / Double(evidence.count)
                at10 += Double(evidence.intersection(found).count) / Double(evidence.count)
            }
            sums[mode] = (at5, at10)
        }
        return sums
    }
}

extension RecallEvaluation.Result {
    /// The mean recall from sums over `questions` questions.
    init(_ sums: (at5: Double, at10: Double), language: String, mode: MemorySearch.Mode, questions: Int) {
        self.init(
            language: language,
            mode: mode,
            questions: questions,
            recallAt5: questions > 0 ? sums.at5 / Double(questions) : 0,
            recallAt10: questions > 0 ? sums.at10 / Double(questions) : 0
        )
    }
}
