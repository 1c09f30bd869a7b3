import Foundation
import MaiaCore
import MaiaTesting
import Testing

@Suite("maia serve as a process: curl, the official openai package, graceful SIGTERM, refusal without auth")
struct ServeCommandTests {
    static let key = "sk-ant-serve-test-key-9"

    static func environment(_ provider: LoopbackHTTPServer, _ folder: URL) -> [String: String] {
        [
            "ANTHROPIC_API_KEY": key, "ANTHROPIC_BASE_URL": provider.baseURL.absoluteString,
            "MAIA_DB": folder.appendingPathComponent("maia.sqlite").path,
            "MAIA_MODELS_DIR": folder.appendingPathComponent("no-models").path,
        ]
    }

    static let anthropic: LoopbackHTTPServer.Responder = { _ in
        LoopbackHTTPServer.Response(
            headers: [("content-type", "text/event-stream")],
            chunks: [AskHealthCommandTests.fixture("anthropic-text.sse")]
        )
    }

    static let reply = "Hello, café ☕ 🌊!\nHow are you?"

    /// The project's Python (scripts/setup.sh test installs the openai package into it).
    static var python: String {
        LocalPaths(environment: ProcessInfo.processInfo.environment).cache.appendingPathComponent("venv/bin/python")
            .path
    }

    @Test("curl drives a JSON turn, a streamed turn and the memory API; SIGTERM stops the server with status 0")
    func curl() async throws {
        let folder = try TemporaryDirectory()
        try await LoopbackHTTPServer.with(Self.anthropic) { provider in
            let server = try await ServeProcess.start(
                in: folder.url,
                environment: Self.environment(provider, folder.url)
            )
            let turn = try await runTool(
                "/usr/bin/curl",
                [
                    "-sS", "-X", "POST", "\(server.baseURL)/v1/turns", "-H", "X-MAIA-User: ana", "-H",
                    "content-type: application/json", "-d", #"{"message":"I moved to Lisbon","session_id":"web"}"#,
                ]
            )
            #expect(turn.status == 0, "\(turn.stderr)")
            #expect(JSONValue(parsing: turn.stdout)?["reply"] == .string(Self.reply), "\(turn.stdout)")
            let stream = try await runTool(
                "/usr/bin/curl",
                [
                    "-sSN", "-X", "POST", "\(server.baseURL)/v1/turns", "-H", "X-MAIA-User: ana", "-H",
                    "accept: text/event-stream", "-d", #"{"message":"And then?"}"#,
                ]
            )
            #expect(stream.stdout.hasPrefix("event: turn.started\n"), "\(stream.stdout)")
            #expect(stream.stdout.contains("event: reply.delta\n"))
            #expect(stream.stdout.contains("event: turn.completed\n"))
            let search = try await runTool(
                "/usr/bin/curl",
                ["-sS", "\(server.baseURL)/v1/memories/search?query=Lisbon", "-H", "X-MAIA-User: ana"]
            )
            #expect(JSONValue(parsing: search.stdout)?[0]?["content"] == "I moved to Lisbon", "\(search.stdout)")
            let (status, stderr) = await server.stop()
            #expect(status == 0, "\(stderr)")
        }
        _ = folder
    }

    @Test(
        "the official openai package talks to MAIA, streaming and not",
        .enabled(if: TestRequirements.runs(needing: python), "scripts/setup.sh test installs the venv with openai")
    )
    func openAIPackage() async throws {
        try #require(
            FileManager.default.isExecutableFile(atPath: Self.python),
            "\(Self.python) is missing: scripts/setup.sh test installs the venv with the openai package"
        )
        let folder = try TemporaryDirectory()
        let script = """
            import sys
            from openai import OpenAI
            client = OpenAI(base_url=sys.argv[1] + "/v1", api_key="unused-on-loopback",
                            default_headers={"X-MAIA-User": "ana"})
            print(client.models.list().data[0].id)
            reply = client.chat.completions.create(model="maia", messages=[{"role": "user", "content": "Hi"}])
            print(repr(reply.choices[0].message.content), reply.usage.completion_tokens)
            parts = []
            for chunk in client.chat.completions.create(model="maia", stream=True,
                    stream_options={"include_usage": True}, messages=[{"role": "user", "content": "Again"}]):
                if chunk.choices and chunk.choices[0].delta.content:
                    parts.append(chunk.choices[0].delta.content)
                if chunk.usage:
                    print("usage", chunk.usage.completion_tokens)
            print(repr("".join(parts)))
            try:
                client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": "x"}])
            except Exception as error:
                print(type(error).__name__, error.status_code)
            """
        try await LoopbackHTTPServer.with(Self.anthropic) { provider in
            let server = try await ServeProcess.start(
                in: folder.url,
                environment: Self.environment(provider, folder.url)
            )
            let run = try await runTool(Self.python, ["-c", script, server.baseURL])
            _ = await server.stop()
            #expect(run.status == 0, "\(run.stderr)")
            let lines = run.stdout.split(separator: "\n").map(String.init)
            let quoted = "'Hello, café ☕ 🌊!\\nHow are you?'"
            #expect(lines == ["maia", "\(quoted) 15", "usage 15", quoted, "NotFoundError 404"], "\(run.stdout)")
        }
        _ = folder
    }

    @Test("without authentication, maia serve refuses an address other than loopback and says why")
    func refusesOpenAddress() async throws {
        let folder = try TemporaryDirectory()
        let result = try await runTool(
            CommandRunner().executable.path,
            ["serve", "--host", "0.0.0.0", "--port", "0"],
            environment: ["MAIA_DB": folder.url.appendingPathComponent("m.sqlite").path]
        )
        #expect(result.status != 0)
        #expect(result.stderr.contains("MAIA_AUTH=none is accepted only on a loopback address"), "\(result.stderr)")
    }
}
