import ArgumentParser
import Foundation
import MaiaCore
import MaiaMemory
import MaiaTesting

/// `maia-bench store --existing-users PREFIX:N`: searches of users already in a Postgres database, loaded in bulk
/// by `--load-messages` (the store's own writes maintain the HNSW graph row by row, ~11 ms a vector at
/// 100K here, far too slow to load a million rows for a benchmark).
extension StoreBenchmark {
    /// The store as configured before the bounded keyword search and the exact search of small users: every keyword
    /// match ranked, every 384-d vector search through the HNSW graph at pgvector's default breadth (40).
    static func before(_ store: PostgresStore) -> PostgresStore {
        var before = store
        before.keywordBudget = .unbounded
        before.exactVectorRows = 0
        before.hnswSearchBreadth = 40
        return before
    }

    /// The users named by `PREFIX:N`: PREFIX0 … PREFIX(N-1).
    static func existingUsers(_ text: String) throws -> [UserID] {
        guard let colon = text.lastIndex(of: ":"), let count = Int(text[text.index(after: colon)...]), count > 0
        else {
            throw ValidationError(
                "--existing-users: \"\(text)\" is not PREFIX:N with N ≥ 1 (e.g. bench-scale-:10000)"
            )
        }
        let prefix = String(text[..<colon])
        return try (0..<count).map { index in
            guard let user = UserID("\(prefix)\(index)") else {
                throw ValidationError("--existing-users: \"\(prefix)\(index)\" is not a valid user id")
            }
            return user
        }
    }

    /// Stores `messages` messages with vectors for each of `users` (all named by one prefix) in bulk.
    func load(_ users: [UserID], messages: Int, into store: PostgresStore) async throws {
        guard messages > 0 else {
            throw ValidationError("--load-messages: \(messages) is not a number of messages; give 1 or more")
        }
        let prefix = String(users[0].rawValue.dropLast(1))
        log("postgres: loading \(users.count) user(s) × \(messages) messages with vectors")
        let times = try await store.loadSyntheticUsers(
            SyntheticLoad(
                prefix: prefix,
                users: users.count,
                messagesPerUser: messages,
                vocabulary: AgentBenchmark.vocabulary
            )
        )
        log(
            "postgres: stored \(users.count * messages) messages and vectors in "
                + String(
                    format: "%.1f s, HNSW graph built in %.1f s",
                    Self.seconds(times.rows),
                    Self.seconds(times.graph)
                )
        )
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    /// Times vector, keyword and hybrid searches of a random one of `users` per query, with the store as configured
    /// now and as before (``before(_:)``), in the same run.
    func measureExisting(_ users: [UserID], store: PostgresStore) async throws -> [String] {
        var lines: [String] = []
        for (name, variant) in [("postgres", store), ("postgres before", Self.before(store))] {
            var generator = SeededGenerator(seed: 42)
            log("\(name): vector searches over \(users.count) stored user(s)")
            lines.append(try await existingVectorLine(name, users, variant, &generator))
            log("\(name): keyword searches")
            lines.append(
                Self.line(
                    name,
                    "keyword search top 10, a random stored user",
                    users.count,
                    try await keywordLatencies(variant, users, &generator)
                )
            )
            log("\(name): hybrid searches")
            let hybrid = MemorySearch(store: variant, embedder: BagOfWordsEmbedder(modelID: "bench", dimensions: 384))
            lines.append(
                Self.line(
                    name,
                    "hybrid search top 10, a random stored user",
                    users.count,
                    try await keywordLatencies(variant, users, &generator, hybrid: hybrid)
                )
            )
        }
        return lines
    }

    /// Vector searches (random unit queries, top 10) of random users after 20 untimed ones; recall@10 against an
    /// exact scan of the user's stored vectors for the first 50 timed.
    private func existingVectorLine(
        _ name: String,
        _ users: [UserID],
        _ store: PostgresStore,
        _ generator: inout SeededGenerator
    ) async throws -> String {
        var latencies: [Double] = []
        var recall = 0.0
        let checked = min(queries, 50)
        var stored: [UserID: [(id: String, values: [Float])]] = [:]
        for index in 0..<(queries + 20) {
            let user = users[Int(generator.next() % UInt64(users.count))]
            let query = [Float].randomUnit(384, &generator)
            let began = ContinuousClock.now
            let hits = try await store.vectorSearch(query, model: "bench", for: user, limit: 10)
            let elapsed = Self.milliseconds(ContinuousClock.now - began)
            guard index >= 20 else { continue }
            latencies.append(elapsed)
            if index - 20 < checked {
                if stored[user] == nil {
                    stored[user] = try await store.vectors(for: user, model: "bench").map {
                        (id: $0.messageID, values: $0.values)
                    }
                }
                let exact = Set(Self.exactTop(10, query, stored[user] ?? []))
                let found = hits.filter { exact.contains($0.record.id) }.count
                recall += Double(found) / Double(max(1, min(10, exact.count))) / Double(checked)
            }
        }
        return Self.line(name, "vector search top 10, a random stored user", users.count, latencies, recall: recall)
    }
}
