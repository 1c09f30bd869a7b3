import Foundation
import MaiaCore
import MaiaEmbedding
import MaiaMemory
import MaiaTesting
import Testing

/// The durability promise, tested with a real `kill -9`: a message the process said it stored is on disk, the
/// database file survives intact, and the embedding work queued with each message is finished later.
@Suite("Crash recovery: maia killed with SIGKILL in the middle of an import")
struct CrashRecoveryTests {
    let maia = CommandRunner()
    let folder: TemporaryDirectory
    let user = UserID("crash")!
    /// Big enough that the writes take seconds, so the kill (sent right after the first acknowledgement) lands
    /// while batches are still being written, long before the import would start embedding.
    let lineCount = 100_000

    init() throws {
        folder = try TemporaryDirectory()
    }

    /// The child's environment: the test database, and where the MiniLM model files are.
    private var environment: [String: String] {
        var environment = ["MAIA_DB": "./data/crash.sqlite"]
        let own = ProcessInfo.processInfo.environment
        for name in ["HOME", "MAIA_MODELS_DIR", "MAIA_CACHE", "XDG_CACHE_HOME"] { environment[name] = own[name] }
        return environment
    }

    private func content(_ line: Int) -> String { "note \(line): a walk by the river after the argument" }

    @Test(
        "every acknowledged message survives, the file is intact, and reindex embeds what was left queued",
        .timeLimit(.minutes(10))
    )
    func killDuringImport() async throws {
        defer { folder.remove() }
        let file = try folder.write(
            (0..<lineCount).map { #"{"role":"user","content":"\#(content($0))"}"# }.joined(separator: "\n"),
            to: "big.jsonl"
        )
        let acknowledged = try importAndKill(file)
        #expect(acknowledged >= 500, "the import acknowledged nothing before it was killed")

        let stored: Int
        do {
            let store = try SQLiteStore(path: folder.url.appendingPathComponent("data/crash.sqlite").path)
            #expect(try await store.integrityProblems() == [])
            let messages = try await store.allMessages(for: user)
            stored = messages.count
            // Each batch is one transaction: the kill leaves whole batches, never part of one.
            #expect(stored >= acknowledged && stored % 500 == 0 && stored < lineCount, "stored \(stored)")
            // Lines are imported in order, so what survived is exactly the first `stored` lines.
            #expect(Set(messages.map(\.content)) == Set((0..<stored).map(content)))
            let pending = try await store.pendingWork(.embed, limit: lineCount, now: .distantFuture).count
            #expect(pending == stored, "every stored message is still queued for embedding")
        }

        let reindex = try maia.run(["memory", "reindex"], in: folder.url, environment: environment)
        #expect(reindex.status == 0, "\(reindex.stderr)")
        #expect(reindex.stdout.contains("embedded \(stored), failed 0"), "\(reindex.stdout)")

        let store = try SQLiteStore(path: folder.url.appendingPathComponent("data/crash.sqlite").path)
        #expect(try await store.integrityProblems() == [])
        #expect(try await store.pendingWork(.embed, limit: lineCount, now: .distantFuture).isEmpty)
        #expect(try await store.vectors(for: user, model: MiniLMEmbedder.defaultModelID).count == stored)
        #expect(try await store.messageCount(for: user) == stored)
    }

    /// Starts `maia memory import`, kills it with SIGKILL as soon as it reports a stored batch, and returns the
    /// highest count it reported (every report it printed before dying counts as acknowledged).
    private func importAndKill(_ file: String) throws -> Int {
        let process = Process()
        process.executableURL = maia.executable
        process.arguments = ["memory", "import", "--user", user.rawValue, "--file", file]
        process.currentDirectoryURL = folder.url
        process.environment = environment.merging(["PATH": "/usr/bin:/bin"]) { own, _ in own }
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        var output = ""
        while Self.acknowledgedCount(in: output) == 0 {
            let chunk = errors.fileHandleForReading.nextChunk()
            if chunk.isEmpty { break }
            output += String(decoding: chunk, as: UTF8.self)
        }
        kill(process.processIdentifier, SIGKILL)
        output += String(decoding: errors.fileHandleForReading.readToEndRetrying(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal && process.terminationStatus == SIGKILL, "\(output)")
        return Self.acknowledgedCount(in: output)
    }

    /// The largest count among complete "stored N message(s), skipped M already stored" progress lines.
    static func acknowledgedCount(in output: String) -> Int {
        output.split(separator: "\n", omittingEmptySubsequences: false).dropLast().compactMap { line in
            let words = line.split(separator: " ")
            guard words.count > 1, words[0] == "stored" else { return nil }
            return Int(words[1])
        }
        .max() ?? 0
    }
}
