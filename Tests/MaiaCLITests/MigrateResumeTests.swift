import Foundation
import MaiaCore
import MaiaMemory
import MaiaTesting
import Testing

/// `maia migrate` killed with SIGKILL part-way, then run again: it resumes, and every user ends with exactly the
/// source's messages in the target, none twice. In the migrate suite, which runs serialized: both share the test
/// database, and the other test's `reindex` drains the whole outbox.
extension MigrateCommandTests {
    private var perUser: Int { 1500 }

    @Test("a second run after kill -9 copies the rest; counts are verified per user and no message is duplicated")
    func resumesAfterKill() async throws {
        let environment = ProcessInfo.processInfo.environment
        guard let url = environment["MAIA_TEST_DATABASE_URL"] else {
            #expect(environment["CI"] == nil, "MAIA_TEST_DATABASE_URL must be set in CI (scripts/test.sh starts it)")
            return
        }
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let tag = UUID().uuidString.prefix(8).lowercased()
        let users = ["a", "b", "c"].map { UserID("resume-\(tag)-\($0)")! }
        var sourceIDs: [UserID: Set<String>] = [:]
        do {
            let source = try SQLiteStore(path: folder.url.appendingPathComponent("source.sqlite").path)
            for user in users {
                let stored = try await source.append(
                    (0..<perUser).map { NewMessage(role: .user, content: "\(user.rawValue) memory \($0)") },
                    for: user
                )
                sourceIDs[user] = Set(stored.map(\.id))
            }
        }
        let arguments = ["migrate", "--from", "sqlite:./source.sqlite", "--to", url]

        let acknowledged = try migrateAndKill(arguments, in: folder.url)
        #expect(acknowledged > 0 && acknowledged < users.count * perUser, "killed after \(acknowledged) copied")

        let resumed = try maia.run(arguments, in: folder.url)
        #expect(resumed.status == 0, "\(resumed.stderr)")
        #expect(resumed.stdout.contains("verified: every user has the same number of messages"), "\(resumed.stdout)")
        let copied = Self.number(before: " message(s) copied", in: resumed.stdout)
        let already = Self.number(before: " already there", in: resumed.stdout)
        #expect(copied + already == users.count * perUser && already >= acknowledged, "\(resumed.stdout)")

        for user in users {
            let export = try maia.run(
                ["memory", "export", "--user", user.rawValue],
                in: folder.url,
                environment: [
                    "DATABASE_URL": url
                ]
            )
            #expect(export.status == 0, "\(export.stderr)")
            let ids = export.stdout.split(separator: "\n").compactMap {
                JSONValue(parsing: String($0))?["id"]?.stringValue
            }
            #expect(ids.count == perUser, "\(user.rawValue): \(ids.count) in the target")
            #expect(Set(ids) == sourceIDs[user], "\(user.rawValue): ids differ from the source's")
            // Leaves nothing queued in the shared test database.
            let forget = try maia.run(
                ["memory", "forget", "--user", user.rawValue],
                in: folder.url,
                environment: [
                    "DATABASE_URL": url
                ]
            )
            #expect(forget.status == 0, "\(forget.stderr)")
        }
    }

    /// Starts the migration, kills it with SIGKILL at its first progress report of copied messages, and returns
    /// the count that report gave (each report follows a committed chunk).
    private func migrateAndKill(_ arguments: [String], in folder: URL) throws -> Int {
        let process = Process()
        process.executableURL = maia.executable
        process.arguments = arguments
        process.currentDirectoryURL = folder
        process.environment = ["PATH": "/usr/bin:/bin"]
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        var output = ""
        var copied = 0
        while copied == 0 {
            let chunk = errors.fileHandleForReading.nextChunk()
            if chunk.isEmpty { break }
            output += String(decoding: chunk, as: UTF8.self)
            // Complete lines only: "copied N, already there M".
            copied =
                output.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
                .compactMap { line in
                    line.hasPrefix("copied ") ? Int(line.dropFirst("copied ".count).prefix { $0.isNumber }) : nil
                }
                .max() ?? 0
        }
        kill(process.processIdentifier, SIGKILL)
        _ = errors.fileHandleForReading.readToEndRetrying()
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal, "the migration ended before the kill: \(output)")
        return copied
    }

    private static func number(before marker: String, in text: String) -> Int {
        guard let range = text.range(of: marker) else { return -1 }
        let digits = text[..<range.lowerBound].reversed().prefix { $0.isNumber }
        return Int(String(digits.reversed())) ?? -1
    }
}
