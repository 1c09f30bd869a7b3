import Foundation
import MaiaCore
import MaiaTesting
import Testing

@testable import MaiaExperiments

/// `maia shadow` and live shadow mode, run as a user would against a loopback Claude and a loopback
/// OpenAI-compatible (vLLM) Llama server.
@Suite("maia shadow and live shadow mode against loopback Claude and Llama servers")
struct ShadowCommandTests {
    let tests = AskHealthCommandTests()

    static let llamaText = "Hello there — ça va? 🌱"

    static let vllm: LoopbackHTTPServer.Responder = { request in
        LoopbackHTTPServer.Response(
            headers: [("content-type", "text/event-stream")],
            chunks: [AskHealthCommandTests.fixture("openai-text-llamacpp.sse")]
        )
    }

    func environment(claude: LoopbackHTTPServer, llama: LoopbackHTTPServer, folder: URL) -> [String: String] {
        var env = tests.environment(claude, folder: folder)
        env["ENABLE_LLAMA"] = "true"
        env["LLAMA_DEPLOYMENT_MODE"] = "vllm-local"
        env["LLAMA_ENDPOINT"] = llama.baseURL.absoluteString
        env["LLAMA_SHADOW_LOG_PATH"] = folder.appendingPathComponent("logs/shadow.jsonl").path
        return env
    }

    func withServers(
        claude: @escaping LoopbackHTTPServer.Responder = AskHealthCommandTests.anthropic,
        llama: @escaping LoopbackHTTPServer.Responder = Self.vllm,
        _ body: (URL, [String: String]) async throws -> Void
    ) async throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        try await LoopbackHTTPServer.with(claude) { claudeServer in
            try await LoopbackHTTPServer.with(llama) { llamaServer in
                try await body(folder.url, environment(claude: claudeServer, llama: llamaServer, folder: folder.url))
            }
        }
    }

    static func log(_ env: [String: String]) throws -> ShadowLogContents {
        try ShadowLogReader.read(path: env["LLAMA_SHADOW_LOG_PATH"]!)
    }

    @Test(
        "a prompt file runs through both engines; each comparison is logged with both costs; nothing is stored"
    )
    func batch() async throws {
        try await withServers { folder, env in
            var env = env
            // A self-hosted candidate priced by the GPU hour: $7.20/h at 2,000 tokens/s is $1 per 1M tokens.
            env["LLAMA_GPU_USD_PER_HOUR"] = "7.2"
            env["LLAMA_TOKENS_PER_SECOND"] = "2000"
            let prompts = try TemporaryDirectory(prefix: "prompts")
            defer { prompts.remove() }
            let file = try prompts.write(
                "I feel stuck in my life.\n\n{\"prompt\": \"Je me sens bloquée.\", \"user\": \"shadow-test-user-2\"}\n"
                    + "{\"message\": \"What did we talk about last week?\"}\n",
                to: "prompts.jsonl"
            )
            let result = try await tests.run(
                ["shadow", "--prompts", file, "--concurrency", "2"],
                in: folder,
                environment: env
            )
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stdout.contains("Shadow comparisons: 3"))
            #expect(result.stdout.contains("Hello, café"))
            #expect(result.stdout.contains(Self.llamaText))
            #expect(result.stdout.contains("p95 ms"))
            #expect(result.stderr.contains("shadow: 3/3 done, 3 logged"))
            let contents = try Self.log(env)
            #expect(contents.skipped.isEmpty)
            #expect(contents.records.count == 3)
            #expect(Set(contents.records.map(\.userMessage)).contains("Je me sens bloquée."))
            for record in contents.records {
                #expect(record.source == .batch)
                #expect(record.primary.engine == "claude" && record.primary.response.contains("How are you?"))
                #expect(record.primary.inputTokens == 1496 && record.primary.costUSD != nil)
                #expect(record.candidate.engine == "llama" && record.candidate.response == Self.llamaText)
                #expect(record.candidate.inputTokens == 12 && record.candidate.outputTokens == 7)
                #expect(abs((record.candidate.costUSD ?? 0) - 19 / 1e6) < 1e-12, "the configured GPU-hour price")
                #expect(record.candidate.latencyMs != nil && record.candidate.ttftMs != nil)
                #expect(record.comparison.judge == nil)
            }
            let export = try await tests.run(
                ["memory", "export", "--user", "shadow-test-user-1"],
                in: folder,
                environment: env
            )
            let lines = export.stdout.split(separator: "\n")
            #expect(lines.count == 6, "only the planted memories: \(export.stdout)")
            #expect(!export.stdout.contains("Hello, café") && !export.stdout.contains("ça va"))
        }
    }

    @Test("the default set (four scenarios + seven languages) with a judge asked in both orders")
    func defaultsWithJudge() async throws {
        try await withServers { folder, env in
            let result = try await tests.run(
                ["shadow", "--concurrency", "4", "--judge", "claude"],
                in: folder,
                environment: env
            )
            #expect(result.status == 0, "\(result.stderr)")
            let records = try Self.log(env).records
            #expect(records.count == 11)
            #expect(Set(records.map(\.language)) == ["en", "fr", "de", "es", "hi", "pt", "it", "th"])
            for record in records {
                let judge = try #require(record.comparison.judge)
                #expect(judge.orders.count == 2)
                #expect(Set(judge.orders.map(\.primaryFirst)) == [true, false])
                // The loopback Claude answers the judge with chat text, not the JSON asked for: no winner, a tie.
                #expect(judge.verdict == .tie && !judge.consistent)
            }
            #expect(result.stdout.contains("both orders agreed in 0 of 11"))
        }
    }

    @Test("bad input for every option is refused with what is accepted")
    func badInput() async throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let badPrompts = try folder.write("fine\n{\"prompt\": \n", to: "bad.jsonl")
        let empty = try folder.write("\n\n", to: "empty.txt")
        let fileInTheWay = try folder.write("x", to: "file")
        let env = ["MAIA_DB": folder.url.appendingPathComponent("maia.sqlite").path, "MAIA_CACHE": folder.url.path]
        let cases: [([String], String)] = [
            (["shadow", "--concurrency", "0"], "--concurrency must be a whole number from 1 to 16, got 0"),
            (["shadow", "--concurrency", "17"], "from 1 to 16"),
            (["shadow", "--concurrency", "many"], "--concurrency"),
            (["shadow", "--judge", "gpt"], "'claude', 'llama' or 'none'"),
            (["shadow", "--timeout", "0"], "--timeout must be a whole number of seconds from 1 to 3600"),
            (
                ["shadow", "--prompts", "/nonexistent/prompts.txt"],
                "--prompts: /nonexistent/prompts.txt does not exist"
            ),
            (["shadow", "--prompts", badPrompts], "line 2 starts with \"{\" but is not a JSON object"),
            (["shadow", "--prompts", empty], "has no prompts"),
            (["shadow", "--prompts", empty, "-i"], "--prompts and --interactive exclude each other"),
            (["shadow", "--user", "ana"], "--user is for --interactive"),
            (["shadow", "-i", "--user", ""], "--user: this one is empty"),
            (["shadow", "--concurrency", "-1"], "--concurrency must be a whole number from 1 to 16, got -1"),
            (["shadow", "--log", " "], "--log must be a file path"),
            (["shadow", "--log", fileInTheWay + "/shadow.jsonl", "--judge", "none"], "--log: cannot create"),
            (["shadow", "--judge", "claude"], "ANTHROPIC_API_KEY is missing: --judge claude needs a key"),
        ]
        for (arguments, message) in cases {
            let result = try await tests.run(arguments, in: folder.url, environment: env)
            #expect(result.status != 0, "\(arguments)")
            #expect(result.stderr.contains(message), "\(arguments): \(result.stderr)")
        }
    }

    @Test("interactive: each message is compared, shown side by side and logged; exit ends")
    func interactive() async throws {
        try await withServers { folder, env in
            var columns = env
            columns["COLUMNS"] = "120"
            let wide = columns
            let maia = tests.maia
            let result = try await withCheckedThrowingContinuation { continuation in
                Thread {
                    continuation.resume(
                        with: Result {
                            try maia.run(
                                ["shadow", "-i"],
                                in: folder,
                                environment: wide,
                                input: "I feel stuck.\n\nexit\n"
                            )
                        }
                    )
                }
                .start()
            }
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stdout.contains("primary · claude"))
            #expect(result.stdout.contains("candidate · llama"))
            let row = try #require(result.stdout.split(separator: "\n").first { $0.contains("Hello, café") })
            #expect(row.contains("│") && row.contains("Hello there"), "replies side by side: \(row)")
            #expect(result.stdout.contains("tokens: 1496 in, 15 out"))
            let records = try Self.log(env).records
            #expect(records.count == 1 && records[0].source == .interactive)
        }
    }

    @Test("live shadow on ask --user: the primary's reply is shown and stored, the candidate's only logged")
    func live() async throws {
        try await withServers { folder, env in
            var env = env
            env["LLAMA_SHADOW_MODE"] = "true"
            let result = try await tests.run(
                ["ask", "--user", "u1", "--json", "I feel stuck in my life."],
                in: folder,
                environment: env
            )
            #expect(result.status == 0, "\(result.stderr)")
            let json = try #require(JSONValue(parsing: result.stdout))
            #expect(json["engine"] == "claude")
            #expect(!result.stdout.contains("ça va"))
            #expect(result.stderr.contains("shadow mode: llama also answers each turn"))
            let record = try #require(try Self.log(env).records.first)
            #expect(record.source == .live && record.userId == "u1")
            #expect(record.primary.response == json["reply"]?.stringValue)
            #expect(record.candidate.response == Self.llamaText)
            let export = try await tests.run(["memory", "export", "--user", "u1"], in: folder, environment: env)
            #expect(export.stdout.split(separator: "\n").count == 2)
            #expect(!export.stdout.contains("ça va"))
        }
    }

    @Test("live shadow: a failing candidate is recorded with its error and the turn succeeds")
    func liveCandidateFailure() async throws {
        let broken: LoopbackHTTPServer.Responder = { _ in
            .json(
                #"{"object":"error","message":"CUDA out of memory","type":"InternalServerError","code":500}"#,
                status: 500
            )
        }
        try await withServers(llama: broken) { folder, env in
            var env = env
            env["LLAMA_SHADOW_MODE"] = "true"
            let result = try await tests.run(
                ["ask", "--user", "u1", "--json", "Hello, are you there?"],
                in: folder,
                environment: env
            )
            #expect(result.status == 0, "\(result.stderr)")
            #expect(JSONValue(parsing: result.stdout)?["engine"] == "claude")
            let record = try #require(try Self.log(env).records.first)
            #expect(record.candidate.error != nil)
            #expect(record.candidate.checks == ["error"])
            #expect(record.primary.error == nil)
        }
    }

    @Test("without shadow mode no log is written")
    func liveOff() async throws {
        try await withServers { folder, env in
            let result = try await tests.run(["ask", "--user", "u1", "--json", "Hello"], in: folder, environment: env)
            #expect(result.status == 0, "\(result.stderr)")
            #expect(!FileManager.default.fileExists(atPath: env["LLAMA_SHADOW_LOG_PATH"]!))
            #expect(!result.stderr.contains("shadow mode"))
        }
    }
}
