import ArgumentParser
import Foundation
import MaiaCore
import MaiaMemory
import MaiaTesting

/// `maia-bench store`: vector search, keyword search and turn-write latency of the canonical stores.
///
/// For each size, one user gets that many messages (words of `AgentBenchmark.vocabulary`) with random unit 384-d
/// vectors; then random unit queries are timed (top 10), and recall@10 against an exact scan is reported (HNSW on
/// Postgres is approximate). Keyword searches (top 10) alternate the agent benchmark's question with three random
/// vocabulary words; each matches roughly half of the messages, the costly case for ranking. Hybrid searches (top 10)
/// run the same queries through `MemorySearch`. Turn writes are
/// two-message `append` calls with embedding work queued, as a live turn does.
struct StoreBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "store",
        abstract: "Vector and keyword search p50/p95 at several sizes and turn-write p50/p95, on SQLite and Postgres."
    )

    @Option(help: "Comma-separated numbers of vectors for one user.")
    var sizes: String = "10000,100000"

    @Option(help: "Timed searches per size.")
    var queries: Int = 200

    @Option(help: "Timed two-message turns.")
    var turns: Int = 300

    @Option(help: "Backends to measure: sqlite, postgres or both.")
    var backend: String = "both"

    @Option(help: "PostgreSQL URL (default: MAIA_BENCH_DATABASE_URL, then MAIA_TEST_DATABASE_URL).")
    var postgresURL: String?

    func run() async throws {
        let sizes = sizes.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
        var lines = ["| backend | measurement | n | p50 ms | p95 ms | recall@10 |", "|---|---|---|---|---|---|"]
        if backend == "sqlite" || backend == "both" {
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
                "maia-bench-\(UUID().uuidString)"
            )
            defer { try? FileManager.default.removeItem(at: folder) }
            let path = folder.appendingPathComponent("bench.sqlite").path
            lines += try await measure("sqlite", sizes: sizes, store: try SQLiteStore(path: path, outboxKinds: []))
            lines.append(try await turnLine("sqlite", store: try SQLiteStore(path: path)))
        }
        if backend == "postgres" || backend == "both" {
            let environment = ProcessInfo.processInfo.environment
            guard
                let url = postgresURL ?? environment["MAIA_BENCH_DATABASE_URL"] ?? environment["MAIA_TEST_DATABASE_URL"]
            else {
                throw ValidationError("no PostgreSQL URL: pass --postgres-url or set MAIA_BENCH_DATABASE_URL")
            }
            let configuration = try PostgresStoreConfiguration(url: url)
            lines += try await PostgresStore.withStore(configuration: configuration, outboxKinds: []) { store in
                try await measure("postgres", sizes: sizes, store: store)
            }
            lines.append(
                try await PostgresStore.withStore(configuration: configuration) {
                    try await turnLine("postgres", store: $0)
                }
            )
        }
        print(lines.joined(separator: "\n"))
    }

    /// Fills one user per size, then times searches; the user is forgotten afterwards.
    private func measure(_ name: String, sizes: [Int], store: some MemoryStore) async throws -> [String] {
        var lines: [String] = []
        var generator = SeededGenerator(seed: 42)
        var textGenerator = SeededGenerator(seed: 7)
        // A small user beside each large one: on SQLite the keyword index is shared by all users.
        let neighbour = UserID("bench-neighbour-\(UUID().uuidString.prefix(8))")!
        _ = try await store.append(
            (0..<1000).map { _ in NewMessage(role: .user, content: AgentBenchmark.sentence(&textGenerator)) },
            for: neighbour
        )
        for size in sizes {
            let user = UserID("bench-\(size)-\(UUID().uuidString.prefix(8))")!
            log("\(name): loading \(size) messages and vectors")
            var all: [(id: String, values: [Float])] = []
            let start = Date(timeIntervalSince1970: 1_700_000_000)
            for batchStart in stride(from: 0, to: size, by: 1000) {
                let records = try await store.append(
                    (batchStart..<min(size, batchStart + 1000)).map { index in
                        NewMessage(
                            role: index % 2 == 0 ? .user : .maia,
                            content: AgentBenchmark.sentence(&textGenerator),
                            createdAt: start.addingTimeInterval(Double(index))
                        )
                    },
                    for: user
                )
                let vectors = records.map { ($0.id, [Float].randomUnit(384, &generator)) }
                try await store.saveVectors(
                    vectors.map { StoredVector(messageID: $0.0, userID: user, model: "bench", values: $0.1) }
                )
                all += vectors.map { (id: $0.0, values: $0.1) }
            }
            log("\(name): searching \(size)")
            // The first search of a process loads the user's vectors (SQLite builds its in-process index).
            let first = ContinuousClock.now
            _ = try await store.vectorSearch([Float].randomUnit(384, &generator), model: "bench", for: user, limit: 10)
            lines.append(Self.line(name, "first search (loads the index)", size, [Self.milliseconds(.now - first)]))
            for _ in 0..<20 {
                _ = try await store.vectorSearch(
                    [Float].randomUnit(384, &generator),
                    model: "bench",
                    for: user,
                    limit: 10
                )
            }
            var latencies: [Double] = []
            var recall = 0.0
            let checked = min(queries, 50)
            for index in 0..<queries {
                let query = [Float].randomUnit(384, &generator)
                let began = ContinuousClock.now
                let hits = try await store.vectorSearch(query, model: "bench", for: user, limit: 10)
                latencies.append(Self.milliseconds(ContinuousClock.now - began))
                if index < checked {
                    let exact = Set(Self.exactTop(10, query, all))
                    recall += Double(hits.filter { exact.contains($0.record.id) }.count) / 10 / Double(checked)
                }
            }
            lines.append(Self.line(name, "vector search top 10", size, latencies, recall: recall))
            log("\(name): keyword searches \(size)")
            lines.append(
                Self.line(name, "keyword search top 10", size, try await keywordLatencies(store, user, &generator))
            )
            lines.append(
                Self.line(
                    name,
                    "keyword search top 10, a 1000-message user beside them",
                    size,
                    try await keywordLatencies(store, neighbour, &generator)
                )
            )
            log("\(name): hybrid searches \(size)")
            var hybrid = MemorySearch(store: store, embedder: BagOfWordsEmbedder(modelID: "bench", dimensions: 384))
            lines.append(
                Self.line(
                    name,
                    "hybrid search top 10",
                    size,
                    try await keywordLatencies(store, user, &generator, hybrid: hybrid)
                )
            )
            // About 6% of these queries hold a season ("spring", "winter"), whose time list ranks the 400 nearest
            // vectors; without it, what the fusion of the two searches costs.
            hybrid.resolvesTime = false
            lines.append(
                Self.line(
                    name,
                    "hybrid search top 10, time words not resolved",
                    size,
                    try await keywordLatencies(store, user, &generator, hybrid: hybrid)
                )
            )
            _ = try await store.forget(user)
        }
        _ = try await store.forget(neighbour)
        return lines
    }

    /// Times `queries` keyword searches after 20 untimed ones; with `hybrid`, `MemorySearch`'s hybrid search of the
    /// same queries (vector + keyword + fusion; the query vector is a bag-of-words hash, so the time is the
    /// search's, not a model's).
    private func keywordLatencies(
        _ store: some MemoryStore,
        _ user: UserID,
        _ generator: inout SeededGenerator,
        hybrid: MemorySearch? = nil
    ) async throws -> [Double] {
        var latencies: [Double] = []
        for index in 0..<(queries + 20) {
            let words = AgentBenchmark.vocabulary
            let query =
                index % 2 == 0
                ? "what did I say about my sister moving to lisbon"
                : (0..<3).map { _ in words[Int(generator.next() % UInt64(words.count))] }.joined(separator: " ")
            let began = ContinuousClock.now
            if let hybrid {
                _ = try await hybrid.search(query, for: user, limit: 10)
            } else {
                _ = try await store.keywordSearch(query, for: user, limit: 10)
            }
            if index >= 20 { latencies.append(Self.milliseconds(ContinuousClock.now - began)) }
        }
        return latencies
    }

    /// Times `turns` two-message appends for a fresh user.
    private func turnLine(_ name: String, store: some MemoryStore) async throws -> String {
        let user = UserID("bench-turns-\(UUID().uuidString.prefix(8))")!
        let session = SessionID("bench")
        var latencies: [Double] = []
        for index in 0..<(turns + 20) {
            let turn = [
                NewMessage(role: .user, content: "How do I stop feeling stuck? (\(index))", sessionID: session),
                NewMessage(
                    role: .maia,
                    content: "Earth lies fallow before it bears fruit. (\(index))",
                    sessionID: session
                ),
            ]
            let began = ContinuousClock.now
            _ = try await store.append(turn, for: user)
            if index >= 20 { latencies.append(Self.milliseconds(ContinuousClock.now - began)) }
        }
        _ = try await store.forget(user)
        return Self.line(name, "write a 2-message turn", turns, latencies, recall: nil)
    }

    private func log(_ message: String) {
        FileHandle.standardError.write(Data("[maia-bench] \(message)\n".utf8))
    }

    private static func line(
        _ name: String,
        _ what: String,
        _ n: Int,
        _ latencies: [Double],
        recall: Double? = nil
    ) -> String {
        let sorted = latencies.sorted()
        func percentile(_ p: Double) -> String {
            String(format: "%.3f", sorted[min(sorted.count - 1, Int(Double(sorted.count - 1) * p))])
        }
        let recallText = recall.map { String(format: "%.3f", $0) } ?? "–"
        return "| \(name) | \(what) | \(n) | \(percentile(0.5)) | \(percentile(0.95)) | \(recallText) |"
    }

    private static func milliseconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15
    }

    private static func exactTop(_ k: Int, _ query: [Float], _ all: [(id: String, values: [Float])]) -> [String] {
        all.map { item in (item.id, zip(item.values, query).reduce(Float(0)) { $0 + $1.0 * $1.1 }) }
            .sorted { $0.1 > $1.1 }.prefix(k).map(\.0)
    }
}
