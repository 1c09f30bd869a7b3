import Foundation
import MaiaCore
import MaiaMemory
import MaiaTesting
import Testing

/// Several `maia` processes on one new SQLite file at once, as `maia serve` beside CLI commands or a shell loop
/// running imports are: none may fail with `database is locked`, and every acknowledged message is stored.
@Suite("Concurrent maia processes on one SQLite file")
struct ConcurrentProcessesTests {
    let maia = CommandRunner()

    /// A started `maia` whose output goes to files, so that no pipe fills while the others run.
    private struct Running {
        let process: Process
        let stdout: URL
        let stderr: URL
        let arguments: [String]

        /// Waits for the process; its exit status and what it wrote on stderr.
        func finish() throws -> (status: Int32, stderr: String) {
            process.waitUntilExit()
            return (process.terminationStatus, try String(contentsOf: stderr, encoding: .utf8))
        }
    }

    private func start(_ arguments: [String], in folder: TemporaryDirectory, index: Int) throws -> Running {
        let process = Process()
        process.executableURL = maia.executable
        process.arguments = arguments
        process.currentDirectoryURL = folder.url
        var environment = ["MAIA_DB": "./data/shared.sqlite", "PATH": "/usr/bin:/bin"]
        let own = ProcessInfo.processInfo.environment
        for name in ["HOME", "MAIA_MODELS_DIR", "MAIA_CACHE", "XDG_CACHE_HOME"] { environment[name] = own[name] }
        process.environment = environment
        let stdout = folder.url.appendingPathComponent("out-\(index)")
        let stderr = folder.url.appendingPathComponent("err-\(index)")
        _ = FileManager.default.createFile(atPath: stdout.path, contents: nil)
        _ = FileManager.default.createFile(atPath: stderr.path, contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: stdout)
        process.standardError = try FileHandle(forWritingTo: stderr)
        process.standardInput = FileHandle.nullDevice
        try process.run()
        return Running(process: process, stdout: stdout, stderr: stderr, arguments: arguments)
    }

    @Test(
        "adds, imports and searches started together on a new file all succeed and store everything",
        .timeLimit(.minutes(10))
    )
    func concurrentWriters() async throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let lines = 600
        var commands: [[String]] = []
        for user in ["imp-1", "imp-2"] {
            let file = try folder.write(
                (0..<lines).map { #"{"role":"user","content":"\#(user) diary line \#($0) by the river"}"# }
                    .joined(separator: "\n"),
                to: "\(user).jsonl"
            )
            commands.append(["memory", "import", "--user", user, "--file", file])
        }
        for index in 0..<4 {
            commands.append([
                "memory", "add", "--user", index < 2 ? "same" : "add-\(index)", "--role", "user", "--text",
                "note \(index) about the river",
            ])
        }
        for user in ["imp-1", "same"] {
            commands.append(["memory", "search", "--user", user, "--query", "river"])
        }
        let running = try commands.enumerated().map { try start($1, in: folder, index: $0) }
        for run in running {
            let result = try run.finish()
            #expect(result.status == 0, "\(run.arguments): \(result.stderr)")
            #expect(!result.stderr.contains("locked"), "\(run.arguments): \(result.stderr)")
        }

        let store = try SQLiteStore(path: folder.url.appendingPathComponent("data/shared.sqlite").path)
        #expect(try await store.messageCount(for: UserID("imp-1")!) == lines)
        #expect(try await store.messageCount(for: UserID("imp-2")!) == lines)
        #expect(try await store.messageCount(for: UserID("same")!) == 2)
        #expect(try await store.integrityProblems().isEmpty)
    }
}
