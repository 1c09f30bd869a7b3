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

        public init(language: String, messages: [Message], questions: [Question]) {
            self.language = language
            self.messages = messages
            self.questions = questions
        }
    }

    public let languages: [Language]

    public init(languages: [Language]) {
        self.languages = languages
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
            let start = Date(timeIntervalSince1970: 1_700_000_000)
            let stored = try await store.append(
                language.messages.enumerated().map { index, message in
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
            let keys = Dictionary(uniqueKeysWithValues: zip(stored.map(\.id), language.messages.map(\.key)))
            let report = try await OutboxDrainer(store: store, embedder: embedder, contextTurns: contextTurns).drain()
            guard report.failed == 0 else {
                throw MemoryError(.semantic, "\(report.failed) message(s) of \(language.language) were not embedded")
            }
            for mode in MemorySearch.Mode.allCases {
                var at5 = 0.0
                var at10 = 0.0
                for question in language.questions {
                    let found = try await search.search(question.query, for: user, limit: 10, mode: mode)
                        .compactMap { keys[$0.record.id] }
                    let evidence = Set(question.evidence)
                    at5 += Double(evidence.intersection(found.prefix(5)).count) / Double(evidence.count)
                    at10 += Double(evidence.intersection(found).count) / Double(evidence.count)
                }
                let count = language.questions.count
                results.append(
                    Result(
                        language: language.language,
                        mode: mode,
                        questions: count,
                        recallAt5: at5 / Double(count),
                        recallAt10: at10 / Double(count)
                    )
                )
                let total = totals[mode, default: (0, 0, 0)]
                totals[mode] = (total.questions + count, total.at5 + at5, total.at10 + at10)
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
    }
}
