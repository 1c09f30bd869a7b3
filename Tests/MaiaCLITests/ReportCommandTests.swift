import Foundation
import MaiaCore
import MaiaExperiments
import MaiaTesting
import Testing

@Suite("maia report over real shadow logs, run as a user would")
struct ReportCommandTests {
    let maia = CommandRunner()

    /// One comparison: Claude (priced) against the local model, optionally judged and with a candidate failure.
    static func record(
        _ index: Int,
        language: String = "en",
        verdict: JudgeVerdict.Winner? = nil,
        candidateError: String? = nil
    ) -> ShadowRecord {
        let primary = ShadowAnswer(
            engine: "claude",
            model: "claude-3-5-sonnet-20241022",
            response: "I hear you.",
            toolCalls: [ShadowToolCall(name: "query_mem0", arguments: ["query": "stuck"], resultSize: 120)],
            inputTokens: 900,
            outputTokens: 40,
            latencyMs: Double(800 + 100 * index),
            ttftMs: 300,
            costUSD: 0.003
        )
        let candidate = ShadowAnswer(
            engine: "llama",
            model: "smollm2-135m-instruct",
            response: candidateError == nil ? "Earth fallow, not barren." : "",
            inputTokens: 1000,
            outputTokens: 20,
            latencyMs: 2000,
            error: candidateError,
            timedOut: candidateError != nil
        )
        var comparison = ShadowComparison(primary: primary, candidate: candidate)
        comparison.judge = verdict.map { winner in
            JudgeVerdict(
                judge: "claude",
                orders: [
                    .init(primaryFirst: true, winner: winner, rationale: ""),
                    .init(primaryFirst: false, winner: winner, rationale: ""),
                ]
            )
        }
        return ShadowRecord(
            timestamp: Date(timeIntervalSince1970: 1_764_000_000 + Double(index) * 60),
            source: .batch,
            userId: "alice",
            sessionId: nil,
            userMessage: "<script>alert('x')</script> I feel stuck.",
            language: language,
            primary: primary,
            candidate: candidate,
            comparison: comparison
        )
    }

    /// Three comparisons (two judged, one candidate timeout) appended by the real `ShadowLog` at `name` in
    /// `folder`; returns the log's path.
    @discardableResult
    static func writeLog(in folder: TemporaryDirectory, _ name: String = "shadow.jsonl") async throws -> String {
        let path = folder.url.appendingPathComponent(name).path
        let log = try ShadowLog(path: path)
        try await log.append(record(0, verdict: .candidate))
        try await log.append(record(1, language: "fr", verdict: .primary))
        try await log.append(record(2, candidateError: "llama timed out after 30 s"))
        return path
    }

    @Test("the default log is LLAMA_SHADOW_LOG_PATH; the table shows engines, judge and breakdowns")
    func textFromSetting() async throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let path = try await Self.writeLog(in: folder, "logs/shadow.jsonl")
        let result = try maia.run(["report"], in: folder.url, environment: ["LLAMA_SHADOW_LOG_PATH": path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("Shadow report: \(path)\n3 comparisons from 2025-11-24 16:00 to "))
        #expect(result.stdout.contains("claude / claude-3-5-sonnet-20241022"))
        #expect(result.stdout.contains("900 / 990 / 998"), "primary latencies 800, 900, 1000")
        #expect(result.stdout.contains("$3.00 (3 of 3 turns priced)"))
        #expect(result.stdout.contains("unknown (no turn has a price)"))
        #expect(result.stdout.contains("33.3% (1/3)"), "the candidate's timeout rate")
        #expect(result.stdout.contains("Judge: 2 comparisons judged by claude"))
        #expect(result.stdout.contains("\nBy language\n") && result.stdout.contains("\nBy source\n"))
        #expect(!result.stdout.contains("alert"), "user messages stay in the log")
    }

    @Test("the default log path, unset, is ./logs/llama-shadow-tests.json; .env can set it")
    func defaultPath() async throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        try await Self.writeLog(in: folder, "logs/llama-shadow-tests.json")
        let result = try maia.run(["report"], in: folder.url)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("Shadow report: ./logs/llama-shadow-tests.json\n"))
        try await Self.writeLog(in: folder, "other.jsonl")
        try folder.write("LLAMA_SHADOW_LOG_PATH=other.jsonl\n", to: ".env")
        let fromFile = try maia.run(["report"], in: folder.url)
        #expect(fromFile.stdout.hasPrefix("Shadow report: other.jsonl\n"), "\(fromFile.stderr)")
    }

    @Test("--log overrides the setting and needs no valid configuration; without it, bad configuration stops")
    func logOverride() async throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        try await Self.writeLog(in: folder, "mine.jsonl")
        let env = ["LLAMA_SHADOW_LOG_PATH": "/nonexistent/shadow.json", "LLAMA_TRAFFIC_PERCENT": "lots"]
        let result = try maia.run(["report", "--log", "mine.jsonl"], in: folder.url, environment: env)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("Shadow report: mine.jsonl\n"))
        let configured = try maia.run(["report"], in: folder.url, environment: env)
        #expect(configured.status != 0)
        #expect(configured.stderr.contains("LLAMA_TRAFFIC_PERCENT"))
    }

    @Test("--json prints the documented shape; a torn last line is counted as skipped")
    func json() async throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let path = try await Self.writeLog(in: folder)
        let handle = try #require(FileHandle(forWritingAtPath: path))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(#"{"id":"torn","timestamp":"2025-11-24T16:"#.utf8))
        try handle.close()
        let result = try maia.run(["report", "--log", path, "--json"], in: folder.url)
        #expect(result.status == 0, "\(result.stderr)")
        let json = try #require(JSONValue(parsing: result.stdout), "stdout is one JSON object: \(result.stdout)")
        #expect(json["comparisons"] == 3 && json["log"] == .string(path))
        #expect(json["primary"]?["latency_ms"]?["p50"] == 900)
        #expect(json["primary"]?["cost_per_1000_turns_usd"]?.numberValue.map { abs($0 - 3) < 1e-9 } == true)
        #expect(json["candidate"]?["cost_per_1000_turns_usd"] == .null)
        #expect(json["candidate"]?["timeouts"]?["count"] == 1)
        #expect(json["judge"]?["judged"] == 2 && json["judge"]?["candidate_wins"]?["count"] == 1)
        #expect(json["by_language"]?.arrayValue?.compactMap { $0["language"]?.stringValue } == ["en", "fr"])
        #expect(json["skipped"]?["count"] == 1 && json["skipped"]?["first"]?.arrayValue?.first?["line"] == 4)
    }

    @Test("--html writes one self-contained page beside the text; with --json, stdout stays pure JSON")
    func html() async throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let log = try await Self.writeLog(in: folder)
        let result = try maia.run(["report", "--log", log, "--html", "report.html"], in: folder.url)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("Shadow report: "))
        #expect(result.stderr.contains("wrote the HTML report to report.html"))
        let page = try String(contentsOf: folder.url.appendingPathComponent("report.html"), encoding: .utf8)
        #expect(page.hasPrefix("<!doctype html>") && page.hasSuffix("</html>\n"))
        #expect(page.contains("<svg ") && page.contains("<style>"))
        #expect(!page.contains("<script") && !page.contains("alert"))
        let both = try maia.run(["report", "--log", log, "--json", "--html", "again.html"], in: folder.url)
        #expect(both.status == 0, "\(both.stderr)")
        #expect(JSONValue(parsing: both.stdout)?["comparisons"] == 3)
        #expect(FileManager.default.fileExists(atPath: folder.url.appendingPathComponent("again.html").path))
    }

    @Test("the seed's single-array log is reported")
    func seedArray() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        try folder.write(
            """
            [{"timestamp": "2025-01-10T12:00:00.000Z", "userId": "u1", "userMessage": "I feel stuck.",
              "claudeResponse": "I hear you.", "llamaResponse": "Earth fallow.", "llamaTools": ["query_mem0"],
              "claudeLatency": 900, "llamaLatency": 1500}]
            """,
            to: "seed.json"
        )
        let result = try maia.run(["report", "--log", "seed.json", "--json"], in: folder.url)
        #expect(result.status == 0, "\(result.stderr)")
        let json = try #require(JSONValue(parsing: result.stdout))
        #expect(json["comparisons"] == 1 && json["candidate"]?["latency_ms"]?["p50"] == 1500)
        #expect(json["candidate"]?["tool_use"]?["count"] == 1)
    }

    @Test("a missing log, a folder and a log that is not UTF-8 are clear errors")
    func unreadableLogs() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let missing = try maia.run(["report", "--log", "nope.jsonl"], in: folder.url)
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("no shadow log at nope.jsonl"), "\(missing.stderr)")
        #expect(missing.stdout.isEmpty)
        try FileManager.default.createDirectory(
            at: folder.url.appendingPathComponent("logs"),
            withIntermediateDirectories: true
        )
        let directory = try maia.run(["report", "--log", "logs"], in: folder.url)
        #expect(directory.status == 1)
        #expect(directory.stderr.contains("logs is a folder"), "\(directory.stderr)")
        try Data([0xFF, 0xFE, 0x7B, 0x0A]).write(to: folder.url.appendingPathComponent("binary.jsonl"))
        let binary = try maia.run(["report", "--log", "binary.jsonl"], in: folder.url)
        #expect(binary.status == 1)
        #expect(binary.stderr.contains("is not UTF-8 text"), "\(binary.stderr)")
    }

    @Test("an empty log and a log of garbage have nothing to report: exit 1, no output, no HTML file")
    func nothingToReport() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        try folder.write("", to: "empty.jsonl")
        let empty = try maia.run(["report", "--log", "empty.jsonl", "--html", "r.html"], in: folder.url)
        #expect(empty.status == 1)
        #expect(empty.stderr.contains("holds no comparison yet: nothing to report"), "\(empty.stderr)")
        #expect(empty.stdout.isEmpty)
        #expect(!FileManager.default.fileExists(atPath: folder.url.appendingPathComponent("r.html").path))
        try folder.write("not json\n{\"foo\": 1}\n", to: "garbage.jsonl")
        let garbage = try maia.run(["report", "--log", "garbage.jsonl", "--json"], in: folder.url)
        #expect(garbage.status == 1)
        #expect(
            garbage.stderr.contains(
                "holds no readable comparison: nothing to report; 2 line(s) skipped, the first is line 1"
            ),
            "\(garbage.stderr)"
        )
    }

    @Test(
        "bad flag values are rejected with what is accepted",
        arguments: [
            (["--log", ""], "--log needs the path of a shadow log"),
            (["--log"], "Missing value for '--log <PATH>'"),
            (["--html", " "], "--html needs a file path"),
            (["--html", "."], "--html must name a file, but . is a folder"),
            (["--html", "no/such/folder/r.html"], "the folder"),
            (["--json=yes"], "'--json' does not take any value"),
            (["--format", "csv"], "Unknown option '--format'"),
            (["extra"], "Unexpected argument 'extra'"),
        ]
    )
    func badFlags(arguments: [String], message: String) throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let result = try maia.run(["report"] + arguments, in: folder.url)
        #expect(result.status != 0)
        #expect(result.stderr.contains(message), "\(result.stderr)")
    }

    @Test("--html naming the log itself is refused and the log is left as it was")
    func htmlOverLog() async throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let log = try await Self.writeLog(in: folder)
        let before = try Data(contentsOf: URL(fileURLWithPath: log))
        let result = try maia.run(["report", "--log", "shadow.jsonl", "--html", "./shadow.jsonl"], in: folder.url)
        #expect(result.status == 1)
        #expect(result.stderr.contains("is the shadow log itself"), "\(result.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: log)) == before)
    }

    @Test("help names the options and the empty-log behaviour")
    func help() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let result = try maia.run(["report", "--help"], in: folder.url)
        #expect(result.status == 0)
        #expect(result.stdout.contains("--log <PATH>") && result.stdout.contains("--html <FILE>"))
        #expect(result.stdout.contains("nothing to report"))
    }
}
