import Foundation
import MaiaCore
import MaiaTesting
import Testing

/// MAIA's memory as an MCP server, driven by the official MCP Python SDK (Tests/Fixtures/mcp/mcp_client.py): two
/// users at once, every tool with good and bad arguments, the resources and the prompt.
@Suite("maia mcp (stdio) and /mcp (Streamable HTTP) with the official MCP client")
struct MCPServerTests {
    static let client = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/mcp/mcp_client.py").path

    static let secrets = ["ana": "heliotrope", "ben": "marzipan"]

    /// The environment of a `maia` without engines or models: memory needs neither.
    static func environment(_ folder: URL) -> [String: String] {
        [
            "MAIA_DB": folder.appendingPathComponent("maia.sqlite").path,
            "MAIA_MODELS_DIR": folder.appendingPathComponent("no-models").path,
            "MAIA_API_KEYS_FILE": folder.appendingPathComponent("keys.json").path,
            "PATH": "/usr/bin:/bin",
        ]
    }

    /// Creates an API key for `user` with `maia keys create` and returns it.
    static func key(for user: String, in folder: URL) async throws -> String {
        let run = try await runTool(
            CommandRunner().executable.path,
            ["keys", "create", "--user", user, "--id", user],
            environment: environment(folder)
        )
        try #require(run.status == 0, "\(run.stderr)")
        return run.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    static func requireClient() throws {
        try #require(
            FileManager.default.isExecutableFile(atPath: ServeCommandTests.python),
            "\(ServeCommandTests.python) is missing: scripts/setup.sh test installs the venv with the mcp package"
        )
    }

    @Test(
        "over stdio, users by --user and --key-file: every tool, resource and prompt, errors naming the argument, no leak",
        .enabled(if: TestRequirements.runs(needing: ServeCommandTests.python), "scripts/setup.sh test installs mcp")
    )
    func stdio() async throws {
        try Self.requireClient()
        let folder = try TemporaryDirectory()
        let keyFile = folder.url.appendingPathComponent("ana.key")
        try Data((try await Self.key(for: "ana", in: folder.url) + "\n").utf8).write(to: keyFile)
        let log = folder.url.appendingPathComponent("stdout.log")
        let run = try await runTool(
            ServeCommandTests.python,
            [
                Self.client, "stdio", CommandRunner().executable.path, #"["--key-file", "\#(keyFile.path)"]"#,
                #"["--user", "ben"]"#,
            ],
            environment: Self.environment(folder.url).merging(["MCP_STDOUT_LOG": log.path]) { _, new in new }
        )
        try Self.check(run)
        let lines = try String(contentsOf: log, encoding: .utf8).split(separator: "\n")
        #expect(lines.count > 40, "\(lines.count) lines")
        for line in lines {
            #expect(
                JSONValue(parsing: String(line))?["jsonrpc"] == "2.0",
                "not JSON-RPC on stdout: \(line.prefix(200))"
            )
        }
        _ = folder
    }

    @Test(
        "over Streamable HTTP against maia serve with API keys, the same: each key reaches its own user's memory only",
        .enabled(if: TestRequirements.runs(needing: ServeCommandTests.python), "scripts/setup.sh test installs mcp")
    )
    func http() async throws {
        try Self.requireClient()
        let folder = try TemporaryDirectory()
        let keys = [try await Self.key(for: "ana", in: folder.url), try await Self.key(for: "ben", in: folder.url)]
        let server = try await ServeProcess.start(
            in: folder.url,
            environment: Self.environment(folder.url).merging(["MAIA_AUTH": "api-keys"]) { _, new in new }
        )
        let run = try await runTool(ServeCommandTests.python, [Self.client, "http", "\(server.baseURL)/mcp"] + keys)
        let (status, stderr) = await server.stop()
        try Self.check(run)
        #expect(status == 0, "\(stderr.suffix(2000))")
        _ = folder
    }

    /// Checks the client's report for both users.
    static func check(_ run: ToolRun) throws {
        try #require(run.status == 0, "\(run.stderr.suffix(4000))")
        let report = try #require(JSONValue(parsing: run.stdout), "\(run.stdout.prefix(2000))")
        for (user, secret) in secrets {
            let other = secrets.first { $0.key != user }!.value
            let seen = try #require(report[user])
            #expect(seen["server"] == "maia")
            #expect(seen["sees_other_secret"] == false, "\(user) saw the other user's memory")
            let tools = try #require(seen["tools"]?.objectValue)
            #expect(
                Set(tools.keys) == [
                    "lookup_supabase", "query_mem0", "recall_breakthroughs", "get_enriched_context",
                    "symbolic_archetype", "remember", "flag_breakthrough",
                ]
            )
            for (name, tool) in tools {
                #expect(tool["output"] == true, "\(name) has no output schema")
                #expect(tool["readOnly"] == .bool(name != "remember" && name != "flag_breakthrough"), "\(name)")
                #expect(tool["idempotent"] == .bool(name != "remember"), "\(name)")
            }
            let calls = try #require(seen["calls"]?.objectValue)
            #expect(calls.count == 7)
            for (name, call) in calls {
                #expect(call["error"] == false, "\(name): \(call["text"]?.stringValue ?? "")")
                #expect(call["structured"]?.objectValue != nil, "\(name) gave no structured result")
            }
            let recalled = calls["lookup_supabase"]?["text"]?.stringValue ?? ""
            #expect(recalled.contains(secret) && !recalled.contains(other))
            #expect(calls["query_mem0"]?["text"]?.stringValue?.contains(secret) == true)
            #expect(calls["symbolic_archetype"]?["structured"]?["element"] == "Earth")
            #expect(calls["recall_breakthroughs"]?["text"]?.stringValue?.contains(secret) == true)
            let bad = try #require(seen["bad"]?.objectValue)
            let expected = [
                "lookup_supabase": "\"limit\" must be a whole number from 1 to 100",
                "query_mem0": "\"query\" is required",
                "recall_breakthroughs": "\"limit\" must be a whole number from 1 to 50",
                "get_enriched_context": "\"include_breakthroughs\" must be true or false",
                "symbolic_archetype": "\"text\" must be a string",
                "remember": "\"metadata\" must be a JSON object",
                "flag_breakthrough": "\"message_id\" names no message of this person",
                "other_user": "user_id must be the current user",
                "unknown_parameter": "unknown parameter \"colour\"; accepted parameters: limit, user_id",
                "unknown_tool": "unknown tool \"drop_everything\"; available tools: lookup_supabase",
            ]
            #expect(Set(bad.keys) == Set(expected.keys))
            for (label, sentence) in expected {
                #expect(bad[label]?["error"] == true, "\(label)")
                let message = bad[label]?["text"]?.stringValue.flatMap { JSONValue(parsing: $0) }?["error"]?.stringValue
                #expect(message?.contains(sentence) == true, "\(label): \(message ?? "no error message")")
            }
            let recent = try #require(seen["resources"]?["maia://memory/recent"]?.arrayValue)
            #expect(recent.count == 1)
            #expect(recent.first?["user_id"] == .string(user))
            #expect(recent.first?["metadata"] == ["source": "mcp-test"])
            #expect(
                seen["resources"]?["maia://memory/breakthroughs"]?.arrayValue?.first?["content"]
                    == recent.first?["content"]
            )
            #expect(seen["prompts"] == ["memory_orchestration"])
            let prompt = seen["prompt"]?.stringValue ?? ""
            #expect(prompt.contains("lookup_supabase: recent conversation") && prompt.contains("\"\(user)\""))
        }
    }

    @Test("maia mcp without a user, with an unknown key, or with a key of another user than --user stops and says why")
    func refusesBadUser() async throws {
        let folder = try TemporaryDirectory()
        let environment = Self.environment(folder.url)
        let maia = CommandRunner().executable.path
        let missing = try await runTool(maia, ["mcp"], environment: environment)
        #expect(missing.status != 0)
        #expect(missing.stderr.contains("name the user with --user U, or give an API key with --key-file F"))
        let keyFile = folder.url.appendingPathComponent("ana.key")
        try Data("maia_sk_not-a-key\n".utf8).write(to: keyFile)
        _ = try await Self.key(for: "ben", in: folder.url)
        let unknown = try await runTool(maia, ["mcp", "--key-file", keyFile.path], environment: environment)
        #expect(unknown.status != 0)
        #expect(unknown.stderr.contains("is not in the API key file"), "\(unknown.stderr)")
        #expect(!unknown.stderr.contains("maia_sk_not-a-key"), "the key must not be echoed")
        try Data((try await Self.key(for: "ana", in: folder.url)).utf8).write(to: keyFile)
        let other = try await runTool(
            maia,
            ["mcp", "--key-file", keyFile.path, "--user", "ben"],
            environment: environment
        )
        #expect(other.status != 0)
        #expect(other.stderr.contains("acts for its own user only"), "\(other.stderr)")
        _ = folder
    }
}
