import Foundation
import MaiaCore
import MaiaTesting
import Testing

/// What a person sees when an engine fails mid-reply, when shadow logging cannot work, and what `health` probes,
/// through the real `maia` binary against loopback providers.
@Suite("maia ask and health when engines fail, run as a user would")
struct EngineFailureCommandTests {
    let tests = AskHealthCommandTests()

    /// An Anthropic stream that delivers "Partial" and then loses its connection.
    static let claudeCutMidReply: LoopbackHTTPServer.Responder = { _ in
        let events = [
            #"{"type":"message_start","message":{"id":"msg_1","type":"message","role":"assistant","model":"claude-3-5-sonnet-20241022","content":[],"usage":{"input_tokens":9,"output_tokens":1}}}"#,
            #"{"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}"#,
            #"{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Partial"}}"#,
        ].map { "event: \(JSONValue(parsing: $0)?["type"]?.stringValue ?? "")\ndata: \($0)\n\n" }.joined()
        return LoopbackHTTPServer.Response(
            headers: [("content-type", "text/event-stream")],
            chunks: [Array(events.utf8)],
            fault: .closeAfterChunks
        )
    }

    /// An OpenAI-compatible Llama server answering with the recorded llama.cpp stream.
    static let llama: LoopbackHTTPServer.Responder = { request in
        if request.path.hasSuffix("/models") {
            return .json(#"{"object":"list","data":[{"id":"meta-llama/Llama-3.1-8B-Instruct","object":"model"}]}"#)
        }
        return LoopbackHTTPServer.Response(
            headers: [("content-type", "text/event-stream")],
            chunks: [AskHealthCommandTests.fixture("openai-text-llamacpp.sse")]
        )
    }

    @Test("a reply cut mid-stream ends its line before the error, and exits non-zero")
    func cutMidReply() async throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        try await LoopbackHTTPServer.with(Self.claudeCutMidReply) { claude in
            let env = tests.environment(claude, folder: folder.url)
            let result = try await tests.run(["ask", "--engine", "claude", "Hi"], in: folder.url, environment: env)
            #expect(result.status != 0)
            #expect(result.stdout == "Partial\n")
            #expect(result.stderr.contains("truncatedStream"), "\(result.stderr)")
            #expect(await claude.requests.count == 1, "text was shown, so the stream is not retried")
        }
    }

    @Test("failover after text was shown starts the next engine's answer on its own line, saying the fragment is void")
    func failoverAfterText() async throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        try await LoopbackHTTPServer.with(Self.claudeCutMidReply) { claude in
            try await LoopbackHTTPServer.with(Self.llama) { llama in
                var env = tests.environment(claude, folder: folder.url)
                env["ENABLE_LLAMA"] = "true"
                env["LLAMA_DEPLOYMENT_MODE"] = "openai-compatible"
                env["LLAMA_ENDPOINT"] = llama.baseURL.absoluteString
                let result = try await tests.run(["ask", "--user", "u1", "Hi"], in: folder.url, environment: env)
                #expect(result.status == 0, "\(result.stderr)")
                #expect(result.stdout.hasPrefix("Partial\nHello there — ça va? 🌱"), "\(result.stdout)")
                #expect(!result.stdout.contains("PartialHello"))
                #expect(
                    result.stderr.contains("claude failed (its partial reply above is void); llama answers instead")
                )
                let export = try await tests.run(
                    ["memory", "export", "--user", "u1"],
                    in: folder.url,
                    environment: env
                )
                #expect(export.stdout.contains("Hello there"))
                #expect(!export.stdout.contains("Partial"), "only the answering engine's reply is stored")
            }
        }
    }

    @Test("with Claude's port closed, the turn fails over to Llama after the retries instead of hanging")
    func refusedFailsOver() async throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        try await LoopbackHTTPServer.with(Self.llama) { llama in
            var env = tests.environment(llama, folder: folder.url)
            env["ANTHROPIC_BASE_URL"] = try refusedLoopbackURL().absoluteString
            env["ENABLE_LLAMA"] = "true"
            env["LLAMA_DEPLOYMENT_MODE"] = "openai-compatible"
            env["LLAMA_ENDPOINT"] = llama.baseURL.absoluteString
            let result = try await tests.run(["ask", "--user", "u1", "--json", "Hi"], in: folder.url, environment: env)
            #expect(result.status == 0, "\(result.stderr)")
            let json = try #require(JSONValue(parsing: result.stdout), "\(result.stdout)")
            #expect(json["engine"] == "llama")
            let failed = json["failed_engines"]?.arrayValue?.first?.stringValue ?? ""
            #expect(failed.contains("connectionFailed") && failed.contains("connection refused"), "\(failed)")
        }
    }

    @Test("an unwritable LLAMA_SHADOW_LOG_PATH turns live shadow off with a notice; the turn is answered")
    func unwritableShadowLog() async throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        // A path under a regular file cannot be created, even by root.
        let blocker = folder.url.appendingPathComponent("not-a-folder")
        try Data("x".utf8).write(to: blocker)
        try await LoopbackHTTPServer.with(AskHealthCommandTests.anthropic) { claude in
            try await LoopbackHTTPServer.with(Self.llama) { llama in
                var env = tests.environment(claude, folder: folder.url)
                env["ENABLE_LLAMA"] = "true"
                env["LLAMA_DEPLOYMENT_MODE"] = "openai-compatible"
                env["LLAMA_ENDPOINT"] = llama.baseURL.absoluteString
                env["LLAMA_SHADOW_MODE"] = "true"
                env["LLAMA_SHADOW_LOG_PATH"] = blocker.appendingPathComponent("shadow.json").path
                let result = try await tests.run(["ask", "--user", "u1", "Hi"], in: folder.url, environment: env)
                #expect(result.status == 0, "\(result.stderr)")
                #expect(result.stdout.contains("How are you?"))
                #expect(result.stderr.contains("live shadow is off: LLAMA_SHADOW_LOG_PATH="), "\(result.stderr)")
            }
        }
    }

    @Test("health with ENABLE_LLAMA=false does not probe the Llama server")
    func healthSkipsDisabledLlama() async throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        try await LoopbackHTTPServer.with(AskHealthCommandTests.anthropic) { claude in
            try await LoopbackHTTPServer.with(Self.llama) { llama in
                var env = tests.environment(claude, folder: folder.url)
                env["ENABLE_LLAMA"] = "false"
                env["LLAMA_DEPLOYMENT_MODE"] = "openai-compatible"
                env["LLAMA_ENDPOINT"] = llama.baseURL.absoluteString
                let result = try await tests.run(["health", "--json"], in: folder.url, environment: env)
                let json = try #require(JSONValue(parsing: result.stdout), "\(result.stdout) \(result.stderr)")
                let check = try #require(
                    json["checks"]?.arrayValue?.first { $0["name"] == "llama (openai-compatible)" }
                )
                #expect(check["required"] == false)
                #expect(check["detail"]?.stringValue?.contains("not probed") == true)
                #expect(await llama.requests.isEmpty, "a disabled engine's server is never contacted")
                #expect(await !claude.requests.isEmpty, "the enabled engine is probed")
            }
        }
    }
}
