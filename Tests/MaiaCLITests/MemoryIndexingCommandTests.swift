import Foundation
import MaiaCore
import MaiaEmbedding
import MaiaMemory
import MaiaTesting
import Testing

/// What `maia memory` commands wait for when the outbox holds someone else's backlog, and what they say while they
/// index: run with the real MiniLM model, as a user would.
@Suite("maia memory with a queued backlog")
struct MemoryIndexingCommandTests {
    let maia = CommandRunner()
    let folder: TemporaryDirectory
    let ana = UserID("ana")!
    let bob = UserID("bob")!
    /// Large enough that embedding it takes far longer than any command here is allowed to wait for someone else.
    let backlog = 3000

    init() throws {
        folder = try TemporaryDirectory()
    }

    private var databasePath: String { folder.url.appendingPathComponent("data/test.sqlite").path }

    /// The database, and where the MiniLM model files are.
    private var environment: [String: String] {
        var environment = ["MAIA_DB": "./data/test.sqlite"]
        let own = ProcessInfo.processInfo.environment
        for name in ["HOME", "MAIA_MODELS_DIR", "MAIA_CACHE", "XDG_CACHE_HOME"] { environment[name] = own[name] }
        return environment
    }

    @discardableResult
    private func run(_ arguments: [String]) throws -> CommandRunner.Result {
        try maia.run(arguments, in: folder.url, environment: environment)
    }

    /// Queues `backlog` unindexed messages of `user` straight into the store, as a large import leaves them.
    private func queueBacklog(of user: UserID) async throws {
        let store = try SQLiteStore(path: databasePath)
        for start in stride(from: 0, to: backlog, by: 1000) {
            _ = try await store.append(
                (start..<start + 1000).map { NewMessage(role: .user, content: "old note \($0) about the harbour") },
                for: user
            )
        }
    }

    private func queued(_ selection: OutboxSelection) async throws -> Int {
        try await SQLiteStore(path: databasePath).pendingWork(
            .embed,
            among: selection,
            limit: .max,
            now: .distantFuture
        )
        .count
    }

    @Test("add and search index only their own user's messages and leave another user's backlog queued")
    func ownMessagesOnly() async throws {
        defer { folder.remove() }
        try await queueBacklog(of: ana)
        let added = try run(["memory", "add", "--user", "bob", "--role", "user", "--text", "a walk by the river"])
        #expect(added.status == 0, "\(added.stderr)")
        #expect(try await queued(.user(bob)) == 0, "bob's message is indexed before add returns")
        #expect(try await queued(.user(ana)) == backlog, "add embedded someone else's backlog")

        let search = try run(["memory", "search", "--user", "bob", "--query", "river", "--mode", "vector"])
        #expect(search.status == 0 && search.stdout.contains("a walk by the river"), "\(search.stderr)")
        #expect(try await queued(.user(ana)) == backlog, "search embedded someone else's backlog")

        // Ana's own search indexes a bounded part of her queue, answers, and says that the rest is still queued.
        let own = try run(["memory", "search", "--user", "ana", "--query", "harbour"])
        #expect(own.status == 0, "\(own.stderr)")
        #expect(own.stderr.contains("still queued for indexing"), "\(own.stderr)")
        let left = try await queued(.user(ana))
        #expect(left < backlog && left >= backlog - 2 * 256, "\(left) left")
    }

    @Test("import reports stored and skipped separately and says on stderr what it indexes after acknowledging")
    func importCountsAndIndexing() async throws {
        defer { folder.remove() }
        let lines = (0..<40).map { #"{"role":"user","content":"line \#($0) of the diary"}"# }
        let withDuplicates =
            lines + [
                #"{"role":"user","content":"first take","client_id":"c-1"}"#,
                #"{"role":"user","content":"second take","client_id":"c-1"}"#,
            ]
        let path = try folder.write(withDuplicates.joined(separator: "\n"), to: "diary.jsonl")
        let first = try run(["memory", "import", "--user", "ana", "--file", path])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("stored 41 message(s), skipped 1 already stored for ana from 42 line(s)"))
        #expect(first.stderr.contains("indexing ana's queued messages"), "\(first.stderr)")
        #expect(first.stderr.contains("indexed 41 queued message(s)"), "\(first.stderr)")

        let second = try run(["memory", "import", "--user", "ana", "--file", path])
        #expect(second.status == 0, "\(second.stderr)")
        #expect(second.stdout.contains("stored 0 message(s), skipped 42 already stored"), "\(second.stdout)")
        #expect(!second.stderr.contains("indexing"), "\(second.stderr)")
        #expect(try await SQLiteStore(path: databasePath).messageCount(for: ana) == 41)
    }

    @Test("reindex says what it queued and how far indexing has got")
    func reindexProgress() async throws {
        defer { folder.remove() }
        try await queueBacklog(of: ana)
        let reindex = try run(["memory", "reindex"])
        #expect(reindex.status == 0, "\(reindex.stderr)")
        #expect(reindex.stderr.contains("indexing the queue"), "\(reindex.stderr)")
        let progress = reindex.stderr.split(separator: "\n").filter { $0.hasPrefix("indexed ") }
        #expect(!progress.isEmpty, "no progress line in \(reindex.stderr)")
        #expect(reindex.stdout.contains("embedded \(backlog), failed 0"), "\(reindex.stdout)")
        #expect(try await queued(.all) == 0)
    }
}
