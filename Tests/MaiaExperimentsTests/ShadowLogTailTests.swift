import Foundation
import MaiaCore
import MaiaTesting
import Testing

@testable import MaiaExperiments

/// The dashboard's incremental reading of the shadow log agrees with reading the whole file, whatever was appended
/// between two refreshes.
@Suite("Shadow log followed incrementally")
struct ShadowLogTailTests {
    private static func append(_ text: String, to path: String) throws {
        let handle = try #require(FileHandle(forWritingAtPath: path))
        defer { try? handle.close() }
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(text.utf8))
    }

    private static func line(_ index: Int) -> String {
        ReportFixtures.line(
            ReportFixtures.record(
                language: ["en", "de"][index % 2],
                verdict: index % 3 == 0 ? .candidate : nil,
                message: "Message \(index) <script>",
                at: 1_764_000_000 + Double(index)
            )
        ) + "\n"
    }

    @Test("appends, a torn last line, a broken line and blank lines: the same report as reading the whole log")
    func incremental() async throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let path = folder.url.appendingPathComponent("shadow.jsonl").path
        let tail = ShadowLogTail(path: path)
        let missing = try await tail.refresh()
        #expect(missing.records.isEmpty && missing.skipped.isEmpty, "no log yet is an empty log")
        _ = FileManager.default.createFile(atPath: path, contents: Data((0..<3).map(Self.line).joined().utf8))
        let first = try await tail.refresh()
        #expect(first.records.count == 3 && first.version > missing.version)
        #expect(
            first.records.allSatisfy { $0.userMessage.isEmpty && $0.candidate.response.isEmpty },
            "held without texts"
        )
        let unchanged = try await tail.refresh()
        #expect(unchanged.version == first.version, "nothing new: the same version")

        // Half a line: it waits; then its rest, a broken line, a blank line and more records.
        let fourth = Self.line(3)
        try Self.append(String(fourth.prefix(40)), to: path)
        #expect(try await tail.refresh().records.count == 3)
        try Self.append(String(fourth.dropFirst(40)) + "{\"not\": \"a record\"}\n\n" + Self.line(4), to: path)
        let later = try await tail.refresh()
        let whole = try ShadowLogReader.read(path: path)
        #expect(later.records.count == 5 && later.skipped == whole.skipped && later.skipped.map(\.line) == [5])
        #expect(ShadowReport(records: later.records, skipped: later.skipped) == ShadowReport(whole))
        #expect(
            ShadowReport(records: later.records, skipped: later.skipped).json(log: "x")
                == ShadowReport(whole).json(log: "x")
        )

        // A comparison's texts come back from its offset.
        let full = try #require(await tail.record(at: 3))
        #expect(full == whole.records[3] && full.userMessage == "Message 3 <script>")
        let beyond = await tail.record(at: 5)
        let negative = await tail.record(at: -1)
        #expect(beyond == nil && negative == nil)

        // Replaced by a shorter file (rotation): read again from the start.
        try Data(Self.line(9).utf8).write(to: URL(fileURLWithPath: path))
        let rotated = try await tail.refresh()
        #expect(
            rotated.records.count == 1 && rotated.records[0].timestamp == Date(timeIntervalSince1970: 1_764_000_009)
        )
        #expect(rotated.skipped.isEmpty)
    }

    @Test("the seed's single-array format is read whole and again when it changes")
    func seedArray() async throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let path = folder.url.appendingPathComponent("seed.json").path
        let entry =
            #"{"timestamp": "2025-11-24T16:00:00Z", "userId": "u1", "userMessage": "Hi", "claudeResponse": "Hello", "llamaResponse": "Hey", "claudeLatency": 900, "llamaLatency": 1200}"#
        try Data("[\(entry)]".utf8).write(to: URL(fileURLWithPath: path))
        let tail = ShadowLogTail(path: path)
        let first = try await tail.refresh()
        #expect(first.records.count == 1, "\(first.skipped)")
        #expect(await tail.record(at: 0)?.userMessage == "Hi")
        try Data("[\(entry), \(entry), 7]".utf8).write(to: URL(fileURLWithPath: path))
        let second = try await tail.refresh()
        #expect(second.records.count == 2 && second.skipped.count == 1 && second.version > first.version)
    }
}
