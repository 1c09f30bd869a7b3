import Foundation
import MaiaCore
import MaiaTesting
import Testing

@Suite("maia ask and maia health against loopback providers, run as a user would")
struct AskHealthCommandTests {
    let maia = CommandRunner()
    static let key = "sk-ant-cli-test-key-42"

    /// Runs `maia` on a thread of its own: `CommandRunner.run` blocks, and blocking the few cooperative threads
    /// would starve the loopback servers that the child process talks to.
    func run(
        _ arguments: [String],
        in folder: URL,
        environment: [String: String] = [:]
    ) async throws
        -> CommandRunner.Result
    {
        let maia = maia
        return try await withCheckedThrowingContinuation { continuation in
            Thread {
                continuation.resume(with: Result { try maia.run(arguments, in: folder, environment: environment) })
            }
            .start()
        }
    }

    /// A recorded provider stream. A missing fixture stops the run (it used to become an empty stream, which
    /// tests expecting a failure could pass on); the responders that use it cannot throw.
    static func fixture(_ file: String) -> [UInt8] {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        guard let data = try? Data(contentsOf: folder.appendingPathComponent("Fixtures/engines/\(file)")) else {
            fatalError("missing fixture Tests/Fixtures/engines/\(file)")
        }
        return Array(data)
    }

    /// `GET /v1/models` as the Messages API answers it (newest first, dated snapshot ids).
    static let modelList = #"""
        {"data":[{"type":"model","id":"claude-sonnet-4-5-20250929","display_name":"Claude Sonnet 4.5","created_at":"2025-09-29T00:00:00Z"},
        {"type":"model","id":"claude-haiku-4-5-20251001","display_name":"Claude Haiku 4.5","created_at":"2025-10-01T00:00:00Z"},
        {"type":"model","id":"claude-opus-4-1-20250805","display_name":"Claude Opus 4.1","created_at":"2025-08-05T00:00:00Z"}],
        "has_more":false,"first_id":"claude-sonnet-4-5-20250929","last_id":"claude-opus-4-1-20250805"}
        """#

    static let anthropic: LoopbackHTTPServer.Responder = { request in
        if request.path == "/v1/models" { return .json(modelList) }
        guard request.header("x-api-key") == key else {
            return .json(
                #"{"type":"error","error":{"type":"authentication_error","message":"invalid x-api-key"}}"#,
                status: 401
            )
        }
        return LoopbackHTTPServer.Response(
            headers: [("content-type", "text/event-stream")],
            chunks: [fixture("anthropic-text.sse")]
        )
    }

    func environment(_ server: LoopbackHTTPServer, key: String = Self.key, folder: URL) -> [String: String] {
        [
            "ANTHROPIC_API_KEY": key, "ANTHROPIC_BASE_URL": server.baseURL.absoluteString,
            "MAIA_DB": folder.appendingPathComponent("maia.sqlite").path,
            "MAIA_CACHE": folder.appendingPathComponent("cache").path,
        ]
    }

    @Test("ask --json prints reply, engine, model, usage, cost, latency and finish reason")
    func askJSON() async throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        try await LoopbackHTTPServer.with(Self.anthropic) { server in
            let env = environment(server, folder: folder.url)
            let result = try await run(["ask", "--json", "--engine", "claude", "Hi"], in: folder.url, environment: env)
            #expect(result.status == 0, "\(result.stderr)")
            let json = try #require(JSONValue(parsing: result.stdout))
            #expect(json["reply"] == "Hello, café ☕ 🌊!\nHow are you?")
            #expect(json["engine"] == "claude")
            #expect(json["model"] == "claude-sonnet-4-5")
            #expect(json["usage"]?["input_tokens"] == 1496)
            #expect(json["usage"]?["output_tokens"] == 15)
            #expect(json["usage_estimated"] == false, "Claude's counts are its own")
            #expect(json["finish_reason"] == "end_turn")
            #expect(json["tool_calls"] == [])
            #expect(json["cost_usd"]?.numberValue != nil)
            #expect(json["latency_ms"]?.numberValue != nil)
            #expect(json["ttft_ms"]?.numberValue != nil)
        }
    }

    @Test("ask streams the reply text to stdout")
    func askText() async throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        try await LoopbackHTTPServer.with(Self.anthropic) { server in
            let result = try await run(
                ["ask", "Hi"],
                in: folder.url,
                environment: environment(server, folder: folder.url)
            )
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stdout == "Hello, café ☕ 🌊!\nHow are you?\n")
        }
    }

    @Test("a rejected key fails with a reason on stderr that does not contain the key")
    func askBadKey() async throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        try await LoopbackHTTPServer.with(Self.anthropic) { server in
            let env = environment(server, key: "sk-ant-wrong-secret", folder: folder.url)
            let result = try await run(["ask", "Hi"], in: folder.url, environment: env)
            #expect(result.status != 0)
            #expect(result.stderr.contains("rejected the API key"))
            #expect(!result.stderr.contains("sk-ant-wrong-secret"))
            #expect(!result.stdout.contains("sk-ant-wrong-secret"))
        }
    }

    @Test("ask --engine claude without a key names the missing variable")
    func askWithoutKey() async throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let result = try await run(["ask", "--engine", "claude", "Hi"], in: folder.url)
        #expect(result.status != 0)
        #expect(result.stderr.contains("ANTHROPIC_API_KEY"))
    }

    @Test("health --json checks Claude, a vLLM server, the store and the embedder, failing on missing model files")
    func health() async throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let vllm: LoopbackHTTPServer.Responder = { request in
            .json(#"{"object":"list","data":[{"id":"meta-llama/Llama-3.1-8B-Instruct","object":"model"}]}"#)
        }
        try await LoopbackHTTPServer.with(Self.anthropic) { claude in
            try await LoopbackHTTPServer.with(vllm) { llama in
                var env = environment(claude, folder: folder.url)
                env["ENABLE_LLAMA"] = "true"
                env["LLAMA_DEPLOYMENT_MODE"] = "vllm-local"
                env["LLAMA_ENDPOINT"] = llama.baseURL.absoluteString
                let result = try await run(["health", "--json"], in: folder.url, environment: env)
                #expect(result.status != 0, "the embedder's model files are missing in the empty MAIA_CACHE")
                let json = try #require(JSONValue(parsing: result.stdout), "\(result.stdout) \(result.stderr)")
                let checks = try #require(json["checks"]?.arrayValue)
                #expect(json["ok"] == false)
                let claudeCheck = try #require(checks.first { $0["name"] == "claude" })
                #expect(claudeCheck["ok"] == true, "the default CLAUDE_MODEL alias matches its dated snapshot")
                #expect(claudeCheck["models"]?.arrayValue?.count == 3)
                #expect(checks.first { $0["name"] == "llama (vllm-local)" }?["model_present"] == true)
                #expect(checks.first { $0["component"] == "store" }?["ok"] == true)
                let embedder = try #require(checks.first { $0["component"] == "embedder" })
                #expect(embedder["ok"] == false)
                #expect(embedder["remedy"]?.stringValue?.contains("setup.sh") == true)
                #expect(!result.stdout.contains(Self.key))
            }
        }
    }
}

extension AskHealthCommandTests {
    @Test("health names the closest model the key can use when CLAUDE_MODEL is not listed")
    func retiredModel() async throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        try await LoopbackHTTPServer.with(Self.anthropic) { claude in
            var env = environment(claude, folder: folder.url)
            env["CLAUDE_MODEL"] = "claude-3-5-sonnet-20241022"
            let result = try await run(["health", "--json"], in: folder.url, environment: env)
            let json = try #require(JSONValue(parsing: result.stdout), "\(result.stdout) \(result.stderr)")
            let check = try #require(json["checks"]?.arrayValue?.first { $0["name"] == "claude" })
            #expect(check["ok"] == false)
            #expect(check["model_present"] == false)
            #expect(check["detail"]?.stringValue?.contains("the closest it has is claude-sonnet-4-5-20250929") == true)
            #expect(
                check["remedy"]?.stringValue
                    == "Set CLAUDE_MODEL=claude-sonnet-4-5-20250929, or another model from the list."
            )
            #expect(check["models"]?.arrayValue?.contains("claude-haiku-4-5-20251001") == true)
            #expect(!result.stdout.contains(Self.key))
        }
    }
}

@Suite("maia ask --user: one MAIA turn with memory, against a loopback Claude")
struct AskWithMemoryTests {
    let tests = AskHealthCommandTests()

    /// A tool-use turn in the Messages API's stream format, with the arguments split across two deltas.
    static let toolUse = [
        #"{"type":"message_start","message":{"id":"msg_1","type":"message","role":"assistant","model":"claude-3-5-sonnet-20241022","content":[],"stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":900,"output_tokens":1}}}"#,
        #"{"type":"content_block_start","index":0,"content_block":{"type":"tool_use","id":"toolu_1","name":"lookup_supabase","input":{}}}"#,
        #"{"type":"content_block_delta","index":0,"delta":{"type":"input_json_delta","partial_json":"{\"user_id\": \"u1\", "}}"#,
        #"{"type":"content_block_delta","index":0,"delta":{"type":"input_json_delta","partial_json":"\"limit\": 5}"}}"#,
        #"{"type":"content_block_stop","index":0}"#,
        #"{"type":"message_delta","delta":{"stop_reason":"tool_use","stop_sequence":null},"usage":{"output_tokens":30}}"#,
        #"{"type":"message_stop"}"#,
    ].map { line in
        "event: \(JSONValue(parsing: line)?["type"]?.stringValue ?? "")\ndata: \(line)\n\n"
    }.joined()

    /// Answers with the tool call first, then, once the tool result comes back, with the recorded text stream.
    static let claudeWithTools: LoopbackHTTPServer.Responder = { request in
        let body =
            request.text.contains("tool_result")
            ? AskHealthCommandTests.fixture("anthropic-text.sse") : Array(toolUse.utf8)
        return LoopbackHTTPServer.Response(headers: [("content-type", "text/event-stream")], chunks: [body])
    }

    @Test("the model's memory tool runs as the user, the result goes back, and the turn is stored with metadata")
    func memoryTurn() async throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        try await LoopbackHTTPServer.with(Self.claudeWithTools) { server in
            let env = tests.environment(server, folder: folder.url)
            let seeded = try await tests.run(
                ["memory", "add", "--user", "u1", "--role", "user", "--text", "an earlier memory about rivers"],
                in: folder.url,
                environment: env
            )
            #expect(seeded.status == 0, "\(seeded.stderr)")
            let result = try await tests.run(
                ["ask", "--user", "u1", "--session", "s1", "--json", "What do you remember?"],
                in: folder.url,
                environment: env
            )
            #expect(result.status == 0, "\(result.stderr)")
            let json = try #require(JSONValue(parsing: result.stdout))
            #expect(json["kind"] == "answer")
            #expect(json["engine"] == "claude")
            #expect(json["reply"]?.stringValue?.contains("How are you?") == true)
            #expect(json["tool_calls"]?.arrayValue?.first?["name"] == "lookup_supabase")
            #expect(json["tool_calls"]?.arrayValue?.first?["is_error"] == false)
            #expect(json["stored_message_ids"]?.arrayValue?.count == 2)
            #expect(json["language"] == "en")
            let second = try #require(await server.requests.last)
            #expect(second.text.contains("tool_result"))
            #expect(second.text.contains("an earlier memory about rivers"))
            #expect(second.text.contains("What do you remember?"))
            let export = try await tests.run(["memory", "export", "--user", "u1"], in: folder.url, environment: env)
            #expect(export.stdout.split(separator: "\n").count == 3)
        }
    }

    @Test("--session without --user is refused")
    func sessionNeedsUser() async throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let result = try await tests.run(["ask", "--session", "s1", "hi"], in: folder.url)
        #expect(result.status != 0)
        #expect(result.stderr.contains("--session needs --user"))
    }
}
