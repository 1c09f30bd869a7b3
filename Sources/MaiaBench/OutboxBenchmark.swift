import ArgumentParser
import Foundation
import MaiaCore
import MaiaEmbedding
import MaiaMemory

/// `maia-bench outbox`: indexing throughput with a large queued backlog, with the outbox index of schema 3 and with
/// the index it replaced; and search latency of one process while another (`maia memory reindex`) indexes a large
/// backlog of someone else's messages in the same SQLite file.
struct OutboxBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "outbox",
        abstract: "Indexing rate over a large outbox backlog (before/after its index) and search p95 during indexing."
    )

    @Option(help: "rate, readers or both.") var part = "both"
    @Option(help: "Queued messages of the backlog user for the rate part.") var backlog = 400_000
    @Option(help: "Messages embedded per configuration in the rate part.") var measured = 1_600
    @Option(help: "Queued messages another process indexes in the readers part.") var indexed = 50_000
    @Option(help: "Longest time the readers part searches, in seconds (it stops earlier when indexing ends).")
    var seconds = 90
    @Option(help: "Folder for the benchmark databases (kept, so that the backlog is built once).")
    var folder = "./data/bench-outbox"

    func run() async throws {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let embedder = try MiniLMEmbedder()
        if part == "rate" || part == "both" { try await rate(embedder) }
        if part == "readers" || part == "both" { try await readers(embedder) }
    }

    // MARK: Rate

    private func rate(_ embedder: MiniLMEmbedder) async throws {
        let path = "\(folder)/backlog.sqlite"
        let user = UserID("backlog")!
        try await fill(path, user: user, count: backlog)
        for (name, sql) in [
            (
                "before (outbox_by_due)",
                "DROP INDEX IF EXISTS outbox_by_kind_due; DROP INDEX IF EXISTS outbox_by_user_kind_due; "
                    + "CREATE INDEX IF NOT EXISTS outbox_by_due ON outbox (due_at, id);"
            ),
            (
                "after (outbox_by_kind_due)",
                "DROP INDEX IF EXISTS outbox_by_due; "
                    + "CREATE INDEX IF NOT EXISTS outbox_by_kind_due ON outbox (kind, due_at, id); "
                    + "CREATE INDEX IF NOT EXISTS outbox_by_user_kind_due ON outbox (user_id, kind, due_at, id);"
            ),
        ] {
            try sqlite(path, sql)
            let store = try SQLiteStore(path: path)
            let queued = try await store.outboxDepth()
            let clock = ContinuousClock()
            var reads: [Duration] = []
            for _ in 0..<10 {
                let started = clock.now
                _ = try await store.pendingWork(.embed, limit: 32, now: Date())
                reads.append(started.duration(to: clock.now))
            }
            let started = clock.now
            let report = try await OutboxDrainer(store: store, embedder: embedder).drain(atMost: measured)
            let elapsed = Self.seconds(started.duration(to: clock.now))
            let read = Self.milliseconds(reads.sorted()[reads.count / 2])
            print(
                String(
                    format: "RESULT rate %@: %d queued, batch read p50 %.1f ms, %d embedded in %.1f s = %.0f vectors/s",
                    name,
                    queued,
                    read,
                    report.embedded,
                    elapsed,
                    Double(report.embedded) / elapsed
                )
            )
        }
    }

    /// Queues `count` messages of `user` in the file at `path`, keeping what an earlier run queued.
    private func fill(_ path: String, user: UserID, count: Int) async throws {
        let store = try SQLiteStore(path: path)
        var have = try await store.messageCount(for: user)
        while have < count {
            let batch = min(5_000, count - have)
            _ = try await store.append(
                (have..<have + batch).map {
                    NewMessage(role: .user, content: "note \($0): \(Self.words[$0 % Self.words.count]) after work")
                },
                for: user
            )
            have += batch
            log("queued \(have) of \(count) for \(user.rawValue)")
        }
    }

    // MARK: Readers

    private func readers(_ embedder: MiniLMEmbedder) async throws {
        let path = "\(folder)/readers.sqlite"
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        let reader = UserID("reader")!
        let store = try SQLiteStore(path: path)
        _ = try await store.append(
            (0..<2_000).map { NewMessage(role: .user, content: "memory \($0): \(Self.words[$0 % Self.words.count])") },
            for: reader
        )
        _ = try await OutboxDrainer(store: store, embedder: embedder).drain()
        try await fill(path, user: UserID("bulk")!, count: indexed)
        let search = MemorySearch(store: store, embedder: embedder)
        let queries = ["a walk by the river", "my sister and money", "deadlines at work", "feeling stuck again"]

        var alone: [Duration] = []
        for index in 0..<40 {
            alone.append(try await timed { _ = try await search.search(queries[index % 4], for: reader, limit: 10) })
        }
        print(Self.line("searches, nothing else running", alone))

        let indexer = try startReindex(path)
        defer { if indexer.isRunning { kill(indexer.processIdentifier, SIGTERM) } }
        var during: [Duration] = []
        let clock = ContinuousClock()
        let deadline = clock.now + .seconds(seconds)
        var index = 0
        while indexer.isRunning && clock.now < deadline {
            during.append(try await timed { _ = try await search.search(queries[index % 4], for: reader, limit: 10) })
            index += 1
            try await Task.sleep(for: .milliseconds(100))
        }
        let left = try await store.pendingWork(.embed, limit: .max, now: .distantFuture).count
        print(Self.line("searches while another process indexes \(indexed) messages (\(indexed - left) done)", during))
    }

    /// Starts `maia memory reindex` (the binary beside this one) on the file at `path`.
    private func startReindex(_ path: String) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
            .deletingLastPathComponent().appendingPathComponent("maia")
        process.arguments = ["memory", "reindex"]
        var environment = ProcessInfo.processInfo.environment
        environment["MAIA_DB"] = URL(fileURLWithPath: path).standardizedFileURL.path
        process.environment = environment
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }

    // MARK: Helpers

    private func timed(_ body: () async throws -> Void) async throws -> Duration {
        let clock = ContinuousClock()
        let started = clock.now
        try await body()
        return started.duration(to: clock.now)
    }

    private func sqlite(_ path: String, _ sql: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        process.arguments = [path, sql]
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw ValidationError("sqlite3 failed on \(path)") }
    }

    private func log(_ message: String) {
        FileHandle.standardError.write(Data("\(message)\n".utf8))
    }

    private static func line(_ name: String, _ durations: [Duration]) -> String {
        let sorted = durations.sorted()
        guard !sorted.isEmpty else { return "RESULT \(name): no searches" }
        func at(_ p: Double) -> Double { milliseconds(sorted[min(sorted.count - 1, Int(Double(sorted.count) * p))]) }
        return String(
            format: "RESULT %@: n=%d p50 %.0f ms, p95 %.0f ms, max %.0f ms",
            name,
            sorted.count,
            at(0.5),
            at(0.95),
            milliseconds(sorted.last!)
        )
    }

    private static func milliseconds(_ duration: Duration) -> Double { seconds(duration) * 1000 }

    private static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    private static let words = [
        "a walk by the river", "an argument with my sister about money", "deadlines piling up at work",
        "a quiet morning with tea", "feeling stuck in the same pattern", "a long call with an old friend",
        "a dream about the sea", "anxiety before the interview",
    ]
}
