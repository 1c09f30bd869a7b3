import ArgumentParser
import Foundation
import MaiaCore
import MaiaEmbedding
import MaiaMemory

/// `maia-bench graph`: recall@10 and latency of PostgreSQL's HNSW graph on real embeddings, at several
/// `hnsw.ef_search` breadths, against an exact scan in the same run.
///
/// Random unit vectors (`maia-bench store`) are the graph's worst case; this stores one user's real texts
/// (`scripts/reference/make_graph_corpus.py` writes 100K) with their MiniLM vectors and searches them with the MiniLM
/// vectors of real questions. The texts' vectors are kept beside the texts file (`<texts>.<digest>.minilm.f32`), since
/// embedding 100K texts takes 5–10 minutes here.
struct GraphRecallBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "graph",
        abstract: "Recall@10 and p50/p95 of PostgreSQL's HNSW search on real MiniLM embeddings, per ef_search."
    )

    @Option(help: "The stored texts, one per line (scripts/reference/make_graph_corpus.py).")
    var texts: String

    @Option(help: "The queries, one per line.")
    var queries: String

    @Option(help: "Comma-separated hnsw.ef_search values to measure.")
    var breadths: String = "40,100,200,400"

    @Option(help: "The user whose memories the texts become.")
    var user: String = "graph-real-0"

    @Flag(help: "Store the texts first (bulk, rebuilding the graph); without it they must be stored already.")
    var load = false

    @Option(help: "PostgreSQL URL (default: MAIA_BENCH_DATABASE_URL, then MAIA_TEST_DATABASE_URL).")
    var postgresURL: String?

    func run() async throws {
        let breadths = try Self.breadths(breadths)
        guard let user = UserID(user) else { throw ValidationError("--user: \"\(user)\" is not a valid user id") }
        let environment = ProcessInfo.processInfo.environment
        guard let url = postgresURL ?? environment["MAIA_BENCH_DATABASE_URL"] ?? environment["MAIA_TEST_DATABASE_URL"]
        else {
            throw ValidationError("no PostgreSQL URL: pass --postgres-url or set MAIA_BENCH_DATABASE_URL")
        }
        let stored = try Self.lines(texts, "--texts")
        let asked = try Self.lines(queries, "--queries")
        let embedder = try MiniLMEmbedder()
        let vectors = try await vectors(of: stored, embedder)
        let questions = try await embedder.embed(asked)
        let lines = try await PostgresStore.withStore(
            configuration: try PostgresStoreConfiguration(url: url),
            outboxKinds: []
        ) { store in
            if load {
                log("postgres: storing \(stored.count) texts with their vectors for \(user.rawValue)")
                let times = try await store.loadUser(user, texts: stored, vectors: vectors, model: embedder.modelID)
                log(
                    String(
                        format: "postgres: rows in %.1f s, HNSW graph in %.1f s",
                        StoreBenchmark.seconds(times.rows),
                        StoreBenchmark.seconds(times.graph)
                    )
                )
            }
            let exact = ExactNeighbours(vectors)
            var lines = ["| search | p50 ms | p95 ms | recall@10 |", "|---|---|---|---|"]
            // Hybrid searches get the queries' vectors computed already, so that they time the store's lists and
            // the fusion (the issue's measure); the last line adds MiniLM's time for the query, as a turn spends it.
            let known = KnownVectors(modelID: embedder.modelID, dimensions: embedder.dimensions, asked, questions)
            for breadth in breadths {
                var graph = store
                graph.exactVectorRows = 0
                graph.hnswSearchBreadth = breadth
                log("postgres: ef_search \(breadth)")
                lines.append(
                    try await vectorLine(
                        "vector, graph, ef_search \(breadth)",
                        graph,
                        user,
                        questions,
                        model: embedder.modelID,
                        exact: exact
                    )
                )
                lines.append(
                    try await hybridLine(
                        "hybrid, graph, ef_search \(breadth)",
                        MemorySearch(store: graph, embedder: known),
                        user,
                        asked
                    )
                )
            }
            var scan = store
            scan.exactVectorRows = Int.max - 1
            log("postgres: exact scan")
            lines.append(
                try await vectorLine("vector, exact scan", scan, user, questions, model: embedder.modelID, exact: exact)
            )
            log("postgres: hybrid searches with MiniLM embedding each query, the store as configured")
            lines.append(
                try await hybridLine(
                    "hybrid with the query's embedding (MiniLM), as configured (ef_search \(store.hnswSearchBreadth))",
                    MemorySearch(store: store, embedder: embedder),
                    user,
                    asked
                )
            )
            return lines
        }
        print("\(stored.count) texts of one user, \(asked.count) queries\n" + lines.joined(separator: "\n"))
    }

    /// Times each query's top-10 vector search (after the first 20, untimed) and scores it against the exact top 10:
    /// a hit counts when it is at least as near as the exact 10th (ties at the boundary are not misses).
    private func vectorLine(
        _ name: String,
        _ store: PostgresStore,
        _ user: UserID,
        _ questions: [[Float]],
        model: String,
        exact: ExactNeighbours
    ) async throws -> String {
        var latencies: [Double] = []
        var recall = 0.0
        for question in questions.prefix(20) {
            _ = try await store.vectorSearch(question, model: model, for: user, limit: 10)
        }
        for question in questions {
            let began = ContinuousClock.now
            let hits = try await store.vectorSearch(question, model: model, for: user, limit: 10)
            latencies.append(StoreBenchmark.milliseconds(ContinuousClock.now - began))
            let boundary = exact.similarity(ofRank: 10, to: question) - 1e-5
            recall += Double(min(10, hits.filter { $0.score >= Double(boundary) }.count)) / 10
        }
        return "| \(name) | \(BenchStatistics.percentile(latencies, 0.5)) | "
            + "\(BenchStatistics.percentile(latencies, 0.95)) | \(String(format: "%.3f", recall / Double(questions.count))) |"
    }

    private func hybridLine(
        _ name: String,
        _ search: MemorySearch,
        _ user: UserID,
        _ asked: [String]
    ) async throws -> String {
        var latencies: [Double] = []
        for query in asked.prefix(20) { _ = try await search.search(query, for: user, limit: 10) }
        for query in asked {
            let began = ContinuousClock.now
            _ = try await search.search(query, for: user, limit: 10)
            latencies.append(StoreBenchmark.milliseconds(ContinuousClock.now - began))
        }
        return
            "| \(name) | \(BenchStatistics.percentile(latencies, 0.5)) | \(BenchStatistics.percentile(latencies, 0.95)) | – |"
    }

    /// The texts' MiniLM vectors, read from `<texts>.<digest>.minilm.f32` (the digest is of the texts, so an edited
    /// file is embedded again) when present, else embedded (in batches, with progress) and written there.
    private func vectors(of texts: [String], _ embedder: MiniLMEmbedder) async throws -> [[Float]] {
        var digest: UInt64 = 0xcbf2_9ce4_8422_2325  // FNV-1a
        for byte in texts.joined(separator: "\n").utf8 { digest = (digest ^ UInt64(byte)) &* 0x100_0000_01b3 }
        let cache = URL(fileURLWithPath: self.texts + "." + String(digest, radix: 16) + ".minilm.f32")
        let width = embedder.dimensions
        if let data = try? Data(contentsOf: cache), data.count == texts.count * width * 4 {
            log("reading \(texts.count) vectors from \(cache.path)")
            return data.withUnsafeBytes { raw in
                let floats = raw.bindMemory(to: Float.self)
                return (0..<texts.count).map { Array(floats[($0 * width)..<(($0 + 1) * width)]) }
            }
        }
        var vectors: [[Float]] = []
        let began = ContinuousClock.now
        for first in stride(from: 0, to: texts.count, by: 512) {
            vectors += try await embedder.embed(Array(texts[first..<min(texts.count, first + 512)]))
            let seconds = StoreBenchmark.seconds(ContinuousClock.now - began)
            log(
                String(
                    format: "embedded %d of %d (%.0f texts/s)",
                    vectors.count,
                    texts.count,
                    Double(vectors.count) / seconds
                )
            )
        }
        try vectors.flatMap { $0 }.withUnsafeBytes { Data($0) }.write(to: cache)
        return vectors
    }

    static func breadths(_ text: String) throws -> [Int] {
        let values = text.split(separator: ",").map { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard !values.isEmpty, values.allSatisfy({ ($0 ?? 0) >= 10 && ($0 ?? 0) <= 1000 }) else {
            throw ValidationError(
                "--breadths: \"\(text)\" is not a comma-separated list of ef_search values in 10…1000"
            )
        }
        return values.compactMap { $0 }
    }

    static func lines(_ path: String, _ option: String) throws -> [String] {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw ValidationError("\(option): cannot read \(path) as UTF-8 text")
        }
        let lines = text.split(separator: "\n").map(String.init).filter { !$0.isEmpty }
        guard !lines.isEmpty else { throw ValidationError("\(option): \(path) has no lines") }
        return lines
    }

    func log(_ message: String) {
        FileHandle.standardError.write(Data("[maia-bench] \(message)\n".utf8))
    }
}

/// Exact cosine neighbours of unit vectors, for scoring the graph's answers.
private struct ExactNeighbours: Sendable {
    let flat: [Float]
    let width: Int

    init(_ vectors: [[Float]]) {
        flat = vectors.flatMap { $0 }
        width = vectors.first?.count ?? 0
    }

    /// The similarity of the `rank`-th nearest stored vector to `query` (1-based).
    func similarity(ofRank rank: Int, to query: [Float]) -> Float {
        var best = [Float](repeating: -.infinity, count: rank)
        flat.withUnsafeBufferPointer { all in
            query.withUnsafeBufferPointer { q in
                for row in 0..<(all.count / width) {
                    var dot: Float = 0
                    for index in 0..<width { dot += all[row * width + index] * q[index] }
                    if dot > best[rank - 1] {
                        var slot = rank - 1
                        while slot > 0, best[slot - 1] < dot {
                            best[slot] = best[slot - 1]
                            slot -= 1
                        }
                        best[slot] = dot
                    }
                }
            }
        }
        return best[rank - 1]
    }
}

/// The queries' vectors, computed before the timed searches.
private struct KnownVectors: Embedder {
    let modelID: String
    let dimensions: Int
    let vectors: [String: [Float]]

    init(modelID: String, dimensions: Int, _ texts: [String], _ vectors: [[Float]]) {
        self.modelID = modelID
        self.dimensions = dimensions
        self.vectors = Dictionary(zip(texts, vectors).map { ($0, $1) }, uniquingKeysWith: { first, _ in first })
    }

    func embed(_ texts: [String]) async throws -> [[Float]] {
        try texts.map { text in
            guard let vector = vectors[text] else {
                throw ValidationError("no vector was computed for \"\(text)\"")
            }
            return vector
        }
    }
}
