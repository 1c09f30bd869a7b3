public import Foundation
public import MaiaCore
public import MaiaEmbedding
public import MaiaMemory

/// The long-conversation evaluation set (`Tests/Fixtures/long-recall-set.json`, written by
/// `scripts/reference/make_long_recall_fixture.py`): per synthetic person, hundreds of dated turns in sessions,
/// each one a `maia memory import` line, and questions whose evidence turns are known by client id.
public struct LongRecallSet: Decodable, Sendable {
    public struct Question: Decodable, Sendable {
        /// single, multi, temporal or update (see the generator).
        public let kind: String
        public let query: String
        /// When the question is asked (relative time words are read from here), ISO 8601.
        public let askedAt: String
        /// The client ids of the turns that answer it.
        public let evidence: [String]

        enum CodingKeys: String, CodingKey {
            case kind, query, evidence
            case askedAt = "asked_at"
        }
    }

    public struct Person: Decodable, Sendable {
        public let user: String
        /// Each message exactly as a line of a `maia memory import` file.
        public let messages: [JSONValue]
        public let questions: [Question]
    }

    public let people: [Person]

    /// Reads the set from a JSON file.
    public init(contentsOf url: URL) throws {
        self = try JSONDecoder().decode(LongRecallSet.self, from: Data(contentsOf: url))
    }
}

/// Measures recall@10 of hybrid search on a ``LongRecallSet`` per question kind, for several retrieval variants,
/// with a real SQLite store and embedder: messages go in through `maia memory import`'s parser and batches, the
/// outbox drainer embeds them, and each question is a `maia memory search --k 10` (hybrid) asked at its date.
public enum LongRecallEvaluation {
    /// One way of indexing and searching.
    public struct Variant: Sendable {
        public var name: String
        /// Earlier turns of the session embedded with each message (``OutboxDrainer/contextTurns``).
        public var contextTurns: Int
        public var weights: FusionWeights
        public var resolvesTime: Bool
        public var keywordBudget: KeywordBudget

        public init(
            name: String,
            contextTurns: Int,
            weights: FusionWeights = FusionWeights(),
            resolvesTime: Bool,
            keywordBudget: KeywordBudget = .standard
        ) {
            self.name = name
            self.contextTurns = contextTurns
            self.weights = weights
            self.resolvesTime = resolvesTime
            self.keywordBudget = keywordBudget
        }
    }

    /// Recall@10 of one variant on one question kind (`kind == "all"` for every question).
    public struct Result: Sendable, Hashable {
        public let variant: String
        public let kind: String
        public let questions: Int
        public let recallAt10: Double
    }

    /// Runs every variant; variants that embed alike share one SQLite file (one per `contextTurns` value).
    public static func run(
        _ set: LongRecallSet,
        embedder: any Embedder,
        folder: URL,
        variants: [Variant]
    ) async throws -> [Result] {
        var results: [Result] = []
        var files: [Int: [String: String]] = [:]
        for variant in variants {
            let path = folder.appendingPathComponent("long-\(variant.contextTurns).sqlite").path
            if files[variant.contextTurns] == nil {
                let store = try SQLiteStore(path: path)
                let keys = try await importAll(set, into: store)
                let drainer = OutboxDrainer(store: store, embedder: embedder, contextTurns: variant.contextTurns)
                let report = try await drainer.drain()
                guard report.failed == 0 else {
                    throw MemoryError(.semantic, "\(report.failed) message(s) of the long set were not embedded")
                }
                files[variant.contextTurns] = keys
            }
            let keys = files[variant.contextTurns] ?? [:]
            let store = try SQLiteStore(path: path, keywordBudget: variant.keywordBudget)
            var search = MemorySearch(store: store, embedder: embedder)
            search.weights = variant.weights
            search.resolvesTime = variant.resolvesTime
            var sums: [String: (count: Int, found: Double)] = [:]
            for person in set.people {
                let user = try UserID(validating: person.user)
                for question in person.questions {
                    guard let asked = ISO8601.parse(question.askedAt) else {
                        throw MemoryError(.invalidInput, "asked_at \(question.askedAt) is not an ISO 8601 time")
                    }
                    let found = Set(
                        try await search.search(question.query, for: user, limit: 10, mode: .hybrid, now: asked)
                            .compactMap { keys[$0.record.id] }
                    )
                    let share =
                        Double(Set(question.evidence).intersection(found).count)
                        / Double(question.evidence.count)
                    for kind in [question.kind, "all"] {
                        let sum = sums[kind, default: (0, 0)]
                        sums[kind] = (sum.count + 1, sum.found + share)
                    }
                }
            }
            for kind in ["single", "multi", "temporal", "update", "all"] {
                guard let sum = sums[kind] else { continue }
                results.append(
                    Result(
                        variant: variant.name,
                        kind: kind,
                        questions: sum.count,
                        recallAt10: sum.found / Double(sum.count)
                    )
                )
            }
        }
        return results
    }

    /// Stores every person's messages as `maia memory import` does (each message parsed as an import line, stored in
    /// batches of 500) and returns the client id of each stored message id.
    static func importAll(_ set: LongRecallSet, into store: SQLiteStore) async throws -> [String: String] {
        var keys: [String: String] = [:]
        for person in set.people {
            let user = try UserID(validating: person.user)
            let lines = try person.messages.map { try ImportLine.parse($0.jsonText) }
            for start in stride(from: 0, to: lines.count, by: 500) {
                let batch = Array(lines[start..<min(start + 500, lines.count)])
                let stored = try await store.appendCounting(batch, for: user).records
                for (record, line) in zip(stored, batch) { keys[record.id] = line.clientID }
            }
        }
        return keys
    }
}
