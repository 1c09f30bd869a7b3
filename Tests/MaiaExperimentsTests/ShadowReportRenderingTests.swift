import Foundation
import MaiaCore
import MaiaTesting
import Testing

@testable import MaiaExperiments

@Suite("Shadow report from real logs, as JSON, text and HTML")
struct ShadowReportRenderingTests {
    typealias F = ReportFixtures

    static let hostile = "<script>alert('x')</script>"

    /// Two judged English turns (one won by each side) and an unjudged live turn in a hostile "language".
    static var sample: [ShadowRecord] {
        [
            F.record(
                primary: F.answer(latencyMs: 800, ttftMs: 200, costUSD: 0.003, tools: [false]),
                candidate: F.answer("llama", model: "smollm2-135m-instruct", latencyMs: 2000, ttftMs: 900),
                verdict: .candidate,
                message: hostile,
                at: 1_764_000_000
            ),
            F.record(
                primary: F.answer(latencyMs: 1200, costUSD: 0.005),
                candidate: F.answer("llama", model: "smollm2-135m-instruct", error: "timed out", timedOut: true),
                verdict: .primary,
                at: 1_764_000_060
            ),
            F.record(language: "<img src=x onerror=alert(1)>", source: .live, message: hostile, at: 1_764_000_120),
        ]
    }

    @Test("a log written by ShadowLog, torn at the end by a crash, reports every whole line and the torn one")
    func realLog() async throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let path = folder.url.appendingPathComponent("logs/shadow.json").path
        let log = try ShadowLog(path: path)
        for record in Self.sample { try await log.append(record) }
        let handle = try #require(FileHandle(forWritingAtPath: path))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(F.line(Self.sample[0]).prefix(60).utf8))
        try handle.close()
        let report = ShadowReport(try ShadowLogReader.read(path: path))
        #expect(report.comparisons == 3)
        #expect(report.skipped.count == 1 && report.skipped.first.first?.line == 4)
        #expect(report.primary.latencyMs.p50 == 1000)
        #expect(report.candidate.timeouts == Proportion(1, of: 3))
        #expect(report.judge.candidateWins == Proportion(1, of: 2))
    }

    @Test("the seed's single-array log: its latencies and tokens count, its missing prices stay unknown")
    func seedLog() throws {
        let seed = """
            [{"timestamp": "2025-01-10T12:00:00.000Z", "userId": "u1", "userMessage": "I feel stuck.",
              "claudeResponse": "I hear you.", "llamaResponse": "Earth fallow.", "llamaTools": ["query_mem0"],
              "claudeLatency": 900, "llamaLatency": 1500, "llamaTokens": {"input": 450, "output": 89}},
             {"timestamp": "2025-01-10T12:05:00.000Z", "userId": "u1", "userMessage": "Hello",
              "claudeResponse": "Hi.", "llamaResponse": "Hello.", "claudeLatency": 1100, "llamaLatency": 2500},
             {"userId": "u3"}]
            """
        let report = ShadowReport(try ShadowLogReader.parse(seed))
        #expect(report.comparisons == 2 && report.skipped.count == 1)
        #expect(report.primary.models.map(\.engine) == ["claude"] && report.candidate.models.map(\.engine) == ["llama"])
        #expect(report.primary.latencyMs.p50 == 1000 && report.candidate.latencyMs.p50 == 2000)
        #expect(report.candidate.inputTokens.total == 450)
        #expect(report.candidate.toolUse == Proportion(1, of: 2))
        #expect(report.primary.costPer1000TurnsUSD == nil && report.candidate.costPer1000TurnsUSD == nil)
        #expect(report.judge.judged == 0)
    }

    @Test("JSON: the documented keys, counts with rates and intervals, null for what is unknown")
    func json() throws {
        let skipped = [ShadowLogContents.SkippedLine(line: 9, reason: "not a JSON object")]
        let report = ShadowReport(ShadowLogContents(records: Self.sample, skipped: skipped))
        let json = report.json(log: "logs/shadow.json")
        #expect(
            Set(json.objectValue?.keys.map { $0 } ?? [])
                == [
                    "log", "comparisons", "from", "to", "primary", "candidate", "judge", "by_language", "by_source",
                    "skipped",
                ]
        )
        #expect(json["log"] == "logs/shadow.json" && json["comparisons"] == 3)
        #expect(json["from"] == .string(ISO8601.format(Date(timeIntervalSince1970: 1_764_000_000))))
        let primary = try #require(json["primary"])
        #expect(
            Set(primary.objectValue?.keys.map { $0 } ?? [])
                == [
                    "role", "models", "turns", "answered", "latency_ms", "ttft_ms", "input_tokens", "output_tokens",
                    "priced_turns", "cost_per_1000_turns_usd", "errors", "timeouts", "tool_use", "tool_call_validity",
                    "failed_checks",
                ]
        )
        #expect(primary["latency_ms"] == ["count": 3, "p50": 1000, "p95": 1180, "p99": 1196])
        #expect(primary["ttft_ms"]?["p50"] == 200 && primary["ttft_ms"]?["count"] == 1)
        #expect(primary["cost_per_1000_turns_usd"]?.numberValue.map { abs($0 - 4) < 1e-9 } == true)
        #expect(primary["priced_turns"] == 2)
        // Wilson 95% for 1 of 1: 0.2065 … 1.
        let validity = try #require(primary["tool_call_validity"])
        #expect(validity["count"] == 1 && validity["total"] == 1 && validity["rate"] == 1)
        #expect(
            validity["ci95"]?.arrayValue?.compactMap(\.numberValue).map { ($0 * 10_000).rounded() } == [2065, 10_000]
        )
        let candidate = try #require(json["candidate"])
        #expect(candidate["cost_per_1000_turns_usd"] == .null)
        #expect(candidate["timeouts"]?["count"] == 1 && candidate["timeouts"]?["total"] == 3)
        #expect(candidate["tool_call_validity"] == ["count": 0, "total": 0, "rate": nil, "ci95": nil])
        #expect(candidate["models"] == [["engine": "llama", "model": "smollm2-135m-instruct", "turns": 3]])
        let judge = try #require(json["judge"])
        #expect(judge["judged"] == 2 && judge["judges"] == ["claude"])
        #expect(judge["candidate_wins"]?["rate"] == 0.5)
        #expect(judge["consistency"]?["count"] == 2)
        let english = try #require(json["by_language"]?.arrayValue?.first)
        #expect(english["language"] == "en" && english["turns"] == 2 && english["judged"] == 2)
        #expect(english["candidate"]?["errors"]?["count"] == 1)
        #expect(english["primary"]?["latency_p50_ms"] == 1000)
        #expect(json["by_source"]?.arrayValue?.compactMap { $0["source"]?.stringValue } == ["batch", "live"])
        #expect(json["skipped"] == ["count": 1, "first": [["line": 9, "reason": "not a JSON object"]]])
        #expect(!json.jsonText.contains("alert('x')"), "no user message is carried into a report")
    }

    @Test("text: the engine table, judge table and breakdowns; control characters from the log are neutralised")
    func text() throws {
        var records = Self.sample
        records[2].language = "e\u{1B}[31mvil"
        let text = ShadowReport(ShadowLogContents(records: records, skipped: [])).text(log: "shadow.json")
        let lines = text.split(separator: "\n").map(String.init)
        func row(_ label: String) throws -> [String] {
            let line = try #require(lines.first { $0.hasPrefix(label + "  ") }, "no row \(label)")
            return line.dropFirst(label.count).components(separatedBy: "  ").map {
                $0.trimmingCharacters(in: .whitespaces)
            }
            .filter { !$0.isEmpty }
        }
        #expect(
            text.hasPrefix("Shadow report: shadow.json\n3 comparisons from 2025-11-24 16:00 to 2025-11-24 16:02 UTC\n")
        )
        #expect(try row("latency p50 / p95 / p99 ms") == ["1000 / 1180 / 1196", "1500 / 1950 / 1990"])
        #expect(try row("time to first token p50 / p95 ms") == ["200 / 200", "900 / 900"])
        #expect(try row("cost per 1,000 turns") == ["$4.00 (2 of 3 turns priced)", "unknown (no turn has a price)"])
        #expect(try row("timeouts") == ["0.0% (0/3)", "33.3% (1/3)"])
        #expect(try row("candidate wins") == ["50.0% (1/2)", "9.5%–90.5%"])
        #expect(try row("orders agreed") == ["100.0% (2/2)", "34.2%–100.0%"])
        #expect(try row("en") == ["2", "0.0% (0/2)", "50.0% (1/2)", "1000", "2000", "50.0% (1/2)"])
        #expect(try row("e\u{FFFD}[31mvil") == ["1", "0.0% (0/1)", "0.0% (0/1)", "1000", "1000", "—"])
        #expect(!text.contains("\u{1B}"))
        #expect(!text.contains("alert('x')"))
    }

    @Test("HTML: one self-contained page, nothing fetched, no script, every log value escaped, no user message")
    func html() throws {
        var records = Self.sample
        records[0].primary.model = "m\"><script src=https://evil.example/x.js></script>"
        records[1].candidate.checks = ["<b>leak</b>"]
        let skipped = [ShadowLogContents.SkippedLine(line: 4, reason: "bad value <iframe src=//evil>")]
        let html = ShadowReport(ShadowLogContents(records: records, skipped: skipped))
            .html(log: "logs/<shadow>.json", generated: Date(timeIntervalSince1970: 1_764_000_000))
        #expect(html.hasPrefix("<!doctype html>"))
        #expect(html.contains(#"<meta http-equiv="Content-Security-Policy" content="default-src 'none'; "#))
        // Escaping leaves no "<" from the log, so every tag is the renderer's own: none may load anything.
        let tags = html.matches(of: /<[^>]*>/).map { String($0.output).lowercased() }
        #expect(tags.count > 100)
        for tag in tags where !tag.hasPrefix("<meta http-equiv") {
            for forbidden in ["<script", "<iframe", "<img", "<link", "<object", "<embed", "src=", "href=", "http"] {
                #expect(!tag.contains(forbidden), "\(tag) has \(forbidden)")
            }
        }
        #expect(!html.contains("url(") && !html.contains("@import"))
        #expect(html.contains("&lt;img src=x onerror=alert(1)&gt;"))
        #expect(html.contains("m&quot;&gt;&lt;script src=https://evil.example/x.js&gt;&lt;/script&gt;"))
        #expect(html.contains("&lt;b&gt;leak&lt;/b&gt; 1"))
        #expect(html.contains("bad value &lt;iframe src=//evil&gt;"))
        #expect(html.contains("logs/&lt;shadow&gt;.json"))
        #expect(!html.contains("alert(&#39;x&#39;)") && !html.contains("alert('x')"), "no user message in a report")
        #expect(html.components(separatedBy: "<svg ").count - 1 == 5, "latency, outcome, intervals, language charts")
        #expect(html.contains("<title>Judge outcomes with 95% Wilson intervals</title>"))
    }
}
