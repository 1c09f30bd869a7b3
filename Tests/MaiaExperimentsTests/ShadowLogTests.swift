import Foundation
import MaiaCore
import MaiaTesting
import Testing

@testable import MaiaExperiments

@Suite("Shadow log")
struct ShadowLogTests {
    static func record(_ message: String, candidateError: String? = nil) -> ShadowRecord {
        let primary = ShadowAnswer(
            engine: "claude",
            model: "claude-3-5-sonnet-20241022",
            response: "I hear you.",
            toolCalls: [ShadowToolCall(name: "query_mem0", arguments: ["query": "stuck"], resultSize: 120)],
            inputTokens: 900,
            outputTokens: 40,
            latencyMs: 812.5,
            ttftMs: 300,
            costUSD: 0.0033
        )
        let candidate = ShadowAnswer(
            engine: "llama",
            model: "smollm2-135m-instruct",
            response: candidateError == nil ? "Earth fallow, not barren." : "",
            toolCalls: [],
            inputTokens: 1000,
            outputTokens: 20,
            latencyMs: 2000,
            error: candidateError
        )
        return ShadowRecord(
            timestamp: Date(timeIntervalSince1970: 1_764_000_000.25),
            source: .batch,
            userId: "alice",
            sessionId: nil,
            userMessage: message,
            language: "en",
            primary: primary,
            candidate: candidate,
            comparison: ShadowComparison(primary: primary, candidate: candidate)
        )
    }

    @Test("appended records read back unchanged, one line each, file private to its owner")
    func roundTrip() async throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let path = folder.url.appendingPathComponent("logs/nested/shadow.json").path
        let log = try ShadowLog(path: path)
        let first = Self.record("I feel stuck.")
        let second = Self.record("Je me sens bloqué.", candidateError: "llama timed out after 30 s")
        try await log.append(first)
        try await log.append(second)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.split(separator: "\n").count == 2)
        let contents = try ShadowLogReader.read(path: path)
        #expect(contents.records == [first, second])
        #expect(contents.skipped.isEmpty)
        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
    }

    @Test("a torn last line (crash mid-write) is skipped and reported; earlier lines survive")
    func tornLastLine() throws {
        let line = String(decoding: ShadowLogCoding.encode(Self.record("one")), as: UTF8.self)
        let contents = try ShadowLogReader.parse(line + "\n" + line.prefix(40))
        #expect(contents.records.count == 1)
        #expect(contents.skipped.map(\.line) == [2])
        #expect(contents.skipped.first?.reason.contains("incomplete last line") == true)
    }

    @Test("a bad line in the middle is reported with its number and the rest is read")
    func badMiddleLine() throws {
        let line = String(decoding: ShadowLogCoding.encode(Self.record("one")), as: UTF8.self)
        let contents = try ShadowLogReader.parse([line, "{\"foo\": 1}", "not json", line].joined(separator: "\n"))
        #expect(contents.records.count == 2)
        #expect(contents.skipped.map(\.line) == [2, 3])
        #expect(contents.skipped[0].reason.contains("userMessage"))
    }

    @Test("a record without timedOut, checks or isError is read with defaults; a broken record names the field")
    func lenientFieldsAndReasons() throws {
        var object = try #require(
            JSONValue(parsing: String(decoding: ShadowLogCoding.encode(Self.record("one")), as: UTF8.self))?.objectValue
        )
        var primary = try #require(object["primary"]?.objectValue)
        primary["timedOut"] = nil
        primary["checks"] = nil
        primary["toolCalls"] = [["name": "query_mem0", "arguments": ["query": "x"], "resultSize": 3]]
        object["primary"] = .object(primary)
        let lenient = JSONValue.object(object).jsonText
        var noCandidate = object
        noCandidate["candidate"] = nil
        var wrongType = object
        primary["latencyMs"] = "fast"
        wrongType["primary"] = .object(primary)
        let contents = try ShadowLogReader.parse(
            [lenient, JSONValue.object(noCandidate).jsonText, JSONValue.object(wrongType).jsonText].joined(
                separator: "\n"
            )
        )
        #expect(contents.records.count == 1)
        #expect(contents.records.first?.primary.timedOut == false)
        #expect(contents.records.first?.primary.checks == [])
        #expect(contents.records.first?.primary.toolCalls.first?.isError == false)
        #expect(
            contents.skipped.map(\.reason) == ["missing field candidate", "field primary.latencyMs has the wrong type"]
        )
    }

    @Test("the seed's single JSON array is read with its field names")
    func seedArray() throws {
        let seed = """
            [
              {"timestamp": "2025-01-10T12:00:00.000Z", "userId": "u1", "userMessage": "I feel stuck in my life.",
               "claudeResponse": "I hear you - feeling stuck is frustrating.",
               "llamaResponse": "That stuckness you're feeling - it's Earth fallow, not barren.",
               "llamaTools": ["lookup_supabase", {"name": "query_mem0", "parameters": {"query": "stuck"}}],
               "llamaTokens": {"input": 450, "output": 89}},
              {"timestamp": 1736510400000, "userId": "u2", "userMessage": "Hello",
               "claudeResponse": "Hi.", "llamaResponse": "Hello there.", "llamaTools": 2},
              {"userId": "u3"}
            ]
            """
        let contents = try ShadowLogReader.parse(seed)
        #expect(contents.records.count == 2)
        #expect(contents.skipped.map(\.line) == [3])
        let first = contents.records[0]
        #expect(first.primary.engine == "claude")
        #expect(first.candidate.toolCalls.map(\.name) == ["lookup_supabase", "query_mem0"])
        #expect(first.candidate.toolCalls[1].arguments == ["query": "stuck"])
        #expect(first.candidate.inputTokens == 450 && first.candidate.outputTokens == 89)
        #expect(first.comparison.lengthDiff == first.candidate.response.count - first.primary.response.count)
        #expect(first.timestamp == ISO8601.parse("2025-01-10T12:00:00Z"))
        #expect(contents.records[1].candidate.toolCalls.count == 2)
        #expect(contents.records[1].timestamp == Date(timeIntervalSince1970: 1_736_510_400))
    }

    @Test("a missing file or a broken array is a clear error")
    func unreadable() {
        #expect(throws: ShadowLogError.self) { try ShadowLogReader.read(path: "/nonexistent/shadow.json") }
        #expect(throws: ShadowLogError.self) { try ShadowLogReader.parse("[{\"userMessage\": ") }
    }

    @Test("the judge's two orders: agreement is the verdict, disagreement a tie")
    func judgeReconciliation() {
        let agree = JudgeVerdict(
            judge: "claude",
            orders: [
                .init(primaryFirst: true, winner: .candidate, rationale: "warmer"),
                .init(primaryFirst: false, winner: .candidate, rationale: "uses memory"),
            ]
        )
        #expect(agree.verdict == .candidate && agree.consistent)
        #expect(agree.rationale == "warmer | uses memory")
        let disagree = JudgeVerdict(
            judge: "claude",
            orders: [
                .init(primaryFirst: true, winner: .primary, rationale: ""),
                .init(primaryFirst: false, winner: .candidate, rationale: ""),
            ]
        )
        #expect(disagree.verdict == .tie && !disagree.consistent)
        let unparsed = JudgeVerdict(
            judge: "claude",
            orders: [
                .init(primaryFirst: true, winner: nil, rationale: ""),
                .init(primaryFirst: false, winner: nil, rationale: ""),
            ]
        )
        #expect(unparsed.verdict == .tie && !unparsed.consistent)
    }

    @Test("tool overlap is the Jaccard index of tool names")
    func toolOverlap() {
        func answer(_ tools: [String]) -> ShadowAnswer {
            ShadowAnswer(
                engine: "e",
                model: "m",
                response: "r",
                toolCalls: tools.map { ShadowToolCall(name: $0, arguments: [:], resultSize: 0) }
            )
        }
        #expect(ShadowComparison(primary: answer([]), candidate: answer([])).toolOverlap == 1)
        #expect(ShadowComparison(primary: answer(["a", "b"]), candidate: answer(["b", "c"])).toolOverlap == 1.0 / 3)
        #expect(ShadowComparison(primary: answer(["a"]), candidate: answer([])).toolOverlap == 0)
    }
}
