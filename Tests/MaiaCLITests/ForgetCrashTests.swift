import Foundation
import MaiaCore
import MaiaMemory
import MaiaTesting
import Testing

/// `maia memory forget` erases in batches; killed with SIGKILL between them, it must leave the file intact, every
/// acknowledged write of other users in place, and a second run must finish the erasure.
@Suite("Forget killed with SIGKILL part-way")
struct ForgetCrashTests {
    let maia = CommandRunner()
    let ana = UserID("ana")!
    let bob = UserID("bob")!
    let count = 20_000

    @Test(
        "the file stays intact, no acknowledged write is lost, and a second forget finishes",
        .timeLimit(.minutes(10))
    )
    func killDuringForget() async throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let path = folder.url.appendingPathComponent("data/forget.sqlite").path
        let store = try SQLiteStore(path: path)
        for start in stride(from: 0, to: count, by: 2_000) {
            _ = try await store.append(
                (start..<start + 2_000).map { NewMessage(role: .user, content: "ana's note \($0) by the river") },
                for: ana
            )
        }
        var acknowledged = try await store.append([NewMessage(role: .user, content: "bob before")], for: bob).count

        let process = Process()
        process.executableURL = maia.executable
        process.arguments = ["memory", "forget", "--user", ana.rawValue]
        process.currentDirectoryURL = folder.url
        process.environment = ["MAIA_DB": "./data/forget.sqlite", "PATH": "/usr/bin:/bin"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        // Bob keeps writing through his own connection; the kill comes once three batches (of 1,000) are committed.
        var left = count
        while left > count - 3_000 && left > 0 {
            acknowledged += try await store.append([NewMessage(role: .user, content: "bob during")], for: bob).count
            left = try await store.messageCount(for: ana)
        }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal, "the forget finished before the kill")

        let after = try SQLiteStore(path: path)
        #expect(try await after.integrityProblems().isEmpty)
        #expect(try await after.messageCount(for: bob) == acknowledged)
        let partial = try await after.messageCount(for: ana)
        #expect(partial < count, "no batch was committed before the kill")

        let again = try maia.run(
            ["memory", "forget", "--user", ana.rawValue],
            in: folder.url,
            environment: ["MAIA_DB": "./data/forget.sqlite"]
        )
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stdout.contains("forgot user ana: \(partial) message(s)"), "\(again.stdout)")
        let final = try SQLiteStore(path: path)
        #expect(try await final.messageCount(for: ana) == 0)
        #expect(try await final.keywordSearch("river", for: ana, limit: 5).isEmpty)
        #expect(try await final.messageCount(for: bob) == acknowledged)
        #expect(try await final.integrityProblems().isEmpty)
    }
}
