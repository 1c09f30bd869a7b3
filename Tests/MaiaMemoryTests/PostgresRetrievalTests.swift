import Foundation
import Logging
import MaiaCore
import MaiaMemory
import MaiaTesting
import PostgresNIO
import Testing

/// Postgres retrieval at scale (docs/storage.md, "PostgreSQL retrieval at 100K per user and 1M rows"): the bounded
/// keyword search, the exact vector search of users with few vectors, and the benchmark's bulk loader.
@Suite(
    "Postgres retrieval: bounded keyword search, exact search of small users, bulk load",
    .enabled(if: PostgresTestDatabase.isEnabled, PostgresTestDatabase.disabledReason)
)
struct PostgresRetrievalTests {
    let ana = UserID("ana")!
    let bob = UserID("bob")!
    let start = Date(timeIntervalSince1970: 1_700_000_000)

    let logger = Logger(label: "maia.test.postgres")

    /// Runs `body` on one connection as the tables' owner (a non-superuser in CI) with the forced row-level security
    /// of `messages` and `message_words` lifted, inside a transaction that is committed.
    private func asOwner<R: Sendable>(
        _ configuration: PostgresStoreConfiguration,
        _ body: (PostgresConnection) async throws -> R
    ) async throws -> R {
        try await PostgresTestDatabase.withClient(configuration) { client in
            try await client.withConnection { connection in
                try await connection.query("BEGIN", logger: logger)
                try await connection.query("ALTER TABLE messages NO FORCE ROW LEVEL SECURITY", logger: logger)
                try await connection.query("ALTER TABLE message_words NO FORCE ROW LEVEL SECURITY", logger: logger)
                let result = try await body(connection)
                try await connection.query("ALTER TABLE messages FORCE ROW LEVEL SECURITY", logger: logger)
                try await connection.query("ALTER TABLE message_words FORCE ROW LEVEL SECURITY", logger: logger)
                try await connection.query("COMMIT", logger: logger)
                return result
            }
        }
    }

    @Test("a rare word is found anywhere in the history; a common word is ranked among its newest matches only")
    func boundedKeywordSearch() async throws {
        try await PostgresTestDatabase.withDatabase { configuration in
            try await PostgresStore.withStore(configuration: configuration, outboxKinds: []) { store in
                // Oldest first: the one message naming Lisbon, then one that repeats "river", then 298 ordinary ones.
                let contents =
                    ["my sister moved to lisbon by the river", "river river river river"]
                    + (2..<300).map { "a walk by the river \($0)" }
                _ = try await store.append(
                    contents.enumerated().map { index, content in
                        NewMessage(role: .user, content: content, createdAt: start.addingTimeInterval(Double(index)))
                    },
                    for: ana
                )
                _ = try await store.append(
                    [NewMessage(role: .user, content: "lisbon lisbon river", createdAt: start.addingTimeInterval(999))],
                    for: bob
                )
                var bounded = store
                // Each word's newest 100 / words matches, at least 50.
                bounded.keywordBudget = KeywordBudget(exactRows: 100, recentWindow: 20)
                var unbounded = store
                unbounded.keywordBudget = .unbounded

                // "lisbon" has one match of Ana's: ranked although it is the oldest of 300 matches of the query.
                let both = try await bounded.keywordSearch("river Lisbon", for: ana, limit: 3)
                #expect(both.first?.record.content == "my sister moved to lisbon by the river")
                #expect(both.allSatisfy { $0.record.userID == ana })
                // "river" alone: its newest matches only, so the old message that repeats it is not ranked; every
                // match ranked puts it first. This is the bound's price, measured on the recall sets (docs).
                let river = try await bounded.keywordSearch("river", for: ana, limit: 3)
                #expect(river.map(\.record.content) == (297..<300).reversed().map { "a walk by the river \($0)" })
                let everyMatch = try await unbounded.keywordSearch("river", for: ana, limit: 3)
                #expect(everyMatch.first?.record.content == "river river river river")
                // Within the budget (the standard one covers these 300 messages), both rank the same rows.
                let standard = try await store.keywordSearch("walk river lisbon", for: ana, limit: 10)
                let all = try await unbounded.keywordSearch("walk river lisbon", for: ana, limit: 10)
                #expect(standard.map(\.record.id) == all.map(\.record.id))
                #expect(standard.map(\.score) == all.map(\.score))
                // A user with no more messages than the budget has every match ranked: of Cleo's 80 matches of
                // "tea", the postings would rank the newest 50 (3 words), missing the oldest, which repeats it.
                let cleo = UserID("cleo")!
                _ = try await store.append(
                    (["tea tea tea tea"] + (1..<80).map { "a cup of tea \($0)" }).enumerated().map { index, text in
                        NewMessage(role: .user, content: text, createdAt: start.addingTimeInterval(Double(index)))
                    },
                    for: cleo
                )
                let tea = try await bounded.keywordSearch("tea coffee milk", for: cleo, limit: 3)
                #expect(tea.first?.record.content == "tea tea tea tea")
                #expect(tea.allSatisfy { $0.record.userID == cleo })
                // Nothing to search for, or nothing asked: no query is sent.
                #expect(try await bounded.keywordSearch("?! …", for: ana, limit: 3).isEmpty)
                #expect(try await bounded.keywordSearch("river", for: ana, limit: 0).isEmpty)

                // The postings follow the messages: a changed text is searched by its new words only, and a
                // forgotten user's postings are gone.
                let lisbon = try #require(both.first?.record.id)
                try await asOwner(configuration) { connection in
                    try await connection.query(
                        "UPDATE messages SET search_text = 'kyoto by the sea' WHERE id = \(lisbon)",
                        logger: logger
                    )
                }
                #expect(try await bounded.keywordSearch("kyoto", for: ana, limit: 3).map(\.record.id) == [lisbon])
                #expect(try await bounded.keywordSearch("lisbon", for: ana, limit: 3).isEmpty)
                _ = try await store.forget(bob)
                let postings = try await asOwner(configuration) { connection in
                    var counts: [String] = []
                    for try await (user, count) in try await connection.query(
                        "SELECT user_id, count(*)::int8 FROM message_words GROUP BY user_id ORDER BY user_id",
                        logger: logger
                    ).decode((String, Int64).self) {
                        counts.append("\(user) \(count)")
                    }
                    return counts
                }
                #expect(postings.map { $0.split(separator: " ").first ?? "" } == ["ana", "cleo"], "\(postings)")
            }
        }
    }

    @Test("a user with few vectors is searched exactly, in distance order, beside a user with many")
    func exactSearchOfSmallUsers() async throws {
        try await PostgresTestDatabase.withDatabase { configuration in
            try await PostgresStore.withStore(configuration: configuration, outboxKinds: []) { store in
                var generator = SeededGenerator(seed: 15)
                var anaVectors: [(id: String, values: [Float])] = []
                for user in [bob, ana] {
                    let count = user == ana ? 40 : 600
                    let records = try await store.append(
                        (0..<count).map { NewMessage(role: .user, content: "note \($0)") },
                        for: user
                    )
                    let vectors = records.map { (id: $0.id, values: [Float].randomUnit(384, &generator)) }
                    try await store.saveVectors(
                        vectors.map { StoredVector(messageID: $0.id, userID: user, model: "m", values: $0.values) }
                    )
                    if user == ana { anaVectors = vectors }
                }
                for _ in 0..<5 {
                    let query = [Float].randomUnit(384, &generator)
                    let exact = anaVectors.map { item in
                        (item.id, zip(item.values, query).reduce(Float(0)) { $0 + $1.0 * $1.1 })
                    }.sorted { $0.1 > $1.1 }.prefix(10).map(\.0)
                    let hits = try await store.vectorSearch(query, model: "m", for: ana, limit: 10)
                    #expect(hits.map(\.record.id) == exact)
                    #expect(hits.allSatisfy { $0.record.userID == ana })
                }
                // Above the bound, through the graph: still only Ana's rows (how many depends on the pgvector
                // version: without iterative scans the graph's candidates are filtered afterwards).
                var graph = store
                graph.exactVectorRows = 10
                let hits = try await graph.vectorSearch(
                    [Float].randomUnit(384, &generator),
                    model: "m",
                    for: ana,
                    limit: 10
                )
                #expect(hits.allSatisfy { $0.record.userID == ana })
                #expect(hits.count <= 10)
            }
        }
    }

    @Test("the bulk loader stores each user's messages and unit vectors, and the tables force row-level security again")
    func bulkLoad() async throws {
        try await PostgresTestDatabase.withDatabase { configuration in
            try await PostgresStore.withStore(configuration: configuration, outboxKinds: []) { store in
                let load = SyntheticLoad(prefix: "load-", users: 3, messagesPerUser: 20, vocabulary: ["alpha", "beta"])
                _ = try await store.loadSyntheticUsers(load)
                for index in 0..<3 {
                    let user = UserID("load-\(index)")!
                    let messages = try await store.allMessages(for: user)
                    #expect(messages.count == 20)
                    #expect(messages.allSatisfy { $0.content.split(separator: " ").count == 14 })
                    #expect(
                        Set(messages.flatMap { $0.content.split(separator: " ").map(String.init) })
                            .isSubset(of: ["alpha", "beta"])
                    )
                    let vectors = try await store.vectors(for: user, model: "bench")
                    #expect(vectors.count == 20)
                    for vector in vectors {
                        let norm = vector.values.reduce(Float(0)) { $0 + $1 * $1 }.squareRoot()
                        #expect(abs(norm - 1) < 1e-4 && vector.values.count == 384)
                    }
                    let found = try await store.keywordSearch("alpha", for: user, limit: 5)
                    #expect(!found.isEmpty && found.allSatisfy { $0.record.userID == user })
                }
                // The forced row-level security is back on, and the graph index was built again.
                let state = try await PostgresTestDatabase.withClient(configuration) { client in
                    var rows: [String] = []
                    for try await (name, forced) in try await client.query(
                        """
                        SELECT relname::text, relforcerowsecurity FROM pg_class
                        WHERE relname IN ('users', 'messages', 'message_words', 'vectors', 'vectors_hnsw_384') ORDER BY relname
                        """
                    ).decode((String, Bool).self) {
                        rows.append("\(name) \(forced)")
                    }
                    return rows
                }
                #expect(
                    state == [
                        "message_words true", "messages true", "users true", "vectors true", "vectors_hnsw_384 false",
                    ]
                )
                // Bad input is refused before anything is sent.
                for bad in [
                    SyntheticLoad(prefix: "x-", users: 0, messagesPerUser: 1, vocabulary: ["a"]),
                    SyntheticLoad(prefix: "x-", users: 1, messagesPerUser: 1, vocabulary: []),
                    SyntheticLoad(prefix: "x-", users: 1, messagesPerUser: 1, vocabulary: ["a"], seed: 2),
                ] {
                    do {
                        _ = try await store.loadSyntheticUsers(bad)
                        Issue.record("a bad synthetic load was accepted")
                    } catch let error as MemoryError {
                        #expect(error.code == .invalidInput)
                        #expect(error.message.contains("at least one user"))
                    } catch {
                        Issue.record("unexpected error \(error)")
                    }
                }
            }
        }
    }

    @Test("the bulk loader stores a user's given texts with their vectors; a text without its vector stores nothing")
    func bulkLoadGiven() async throws {
        try await PostgresTestDatabase.withDatabase { configuration in
            try await PostgresStore.withStore(configuration: configuration, outboxKinds: []) { store in
                var generator = SeededGenerator(seed: 3)
                let texts = (0..<30).map { "Entrée \($0): the quiet café by the river" }
                let vectors = texts.map { _ in [Float].randomUnit(384, &generator) }
                let user = UserID("given-0")!
                _ = try await store.loadUser(user, texts: texts, vectors: vectors, model: "m")
                let messages = try await store.allMessages(for: user)
                #expect(messages.map(\.content) == texts)
                #expect(messages.map(\.role) == texts.indices.map { $0 % 2 == 0 ? .user : .maia })
                let stored = try await store.vectors(for: user, model: "m")
                #expect(Dictionary(uniqueKeysWithValues: stored.map { ($0.messageID, $0.values) }).count == 30)
                for vector in stored {
                    #expect(vector.values == vectors[Int(vector.messageID.split(separator: "-").last!)!])
                }
                // Folded for keyword search, as the store's own writes do ("entree" finds "Entrée").
                #expect(try await store.keywordSearch("entree cafe", for: user, limit: 3).count == 3)
                let nearest = try await store.vectorSearch(vectors[7], model: "m", for: user, limit: 1)
                #expect(nearest.first?.record.content == texts[7])
                do {
                    _ = try await store.loadUser(
                        UserID("given-1")!,
                        texts: texts,
                        vectors: Array(vectors.dropLast()),
                        model: "m"
                    )
                    Issue.record("a text without its vector was accepted")
                } catch let error as MemoryError {
                    #expect(error.code == .invalidInput)
                    #expect(error.message.contains("30 texts and 29 vectors"))
                }
                do {
                    _ = try await store.loadUser(
                        UserID("given-1")!,
                        texts: ["fine", "a \u{0} b"],
                        vectors: [vectors[0], vectors[1]],
                        model: "m"
                    )
                    Issue.record("a text with a NUL character was accepted")
                } catch let error as MemoryError {
                    #expect(error.code == .invalidInput)
                    #expect(error.message.contains("text 2 of the bulk load") && error.message.contains("NUL"))
                }
                #expect(try await store.allMessages(for: UserID("given-1")!).isEmpty)
            }
        }
    }

    @Test("768-d vectors have a graph of their own: a large user's 768-d search goes through it and finds the nearest")
    func graphOf768() async throws {
        try await PostgresTestDatabase.withDatabase { configuration in
            try await PostgresStore.withStore(configuration: configuration, outboxKinds: []) { store in
                var generator = SeededGenerator(seed: 8)
                let records = try await store.append(
                    (0..<120).map { NewMessage(role: .user, content: "note \($0)") },
                    for: ana
                )
                let vectors = records.map { _ in [Float].randomUnit(768, &generator) }
                try await store.saveVectors(
                    zip(records, vectors).map {
                        StoredVector(messageID: $0.id, userID: ana, model: "joined", values: $1)
                    }
                )
                var graph = store
                graph.exactVectorRows = 10
                for index in [3, 77] {
                    let hits = try await graph.vectorSearch(vectors[index], model: "joined", for: ana, limit: 5)
                    #expect(hits.first?.record.id == records[index].id)
                    #expect(hits.count == 5 && hits.allSatisfy { $0.record.userID == ana })
                }
                // The expression the search orders by is the one the 768-d graph indexes.
                let plan = try await asOwner(configuration) { connection in
                    try await connection.query("SET LOCAL enable_seqscan = off", logger: logger)
                    var lines: [String] = []
                    for try await line in try await connection.query(
                        """
                        EXPLAIN SELECT message_id FROM vectors WHERE dimensions = 768
                        ORDER BY embedding::vector(768) <=> \(vectors[0].vectorText)::vector(768) LIMIT 5
                        """,
                        logger: logger
                    ).decode(String.self) {
                        lines.append(line)
                    }
                    return lines.joined(separator: "\n")
                }
                #expect(plan.contains("vectors_hnsw_768"), "\(plan)")
            }
        }
    }
}

extension [Float] {
    /// pgvector's text form.
    fileprivate var vectorText: String { "[" + map { "\($0)" }.joined(separator: ",") + "]" }
}
