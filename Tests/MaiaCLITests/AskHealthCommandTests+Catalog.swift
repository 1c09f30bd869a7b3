import Foundation
import MaiaCore
import MaiaTesting
import Testing

extension AskHealthCommandTests {
    @Test("a user's MAIA_MODEL_CATALOG replaces a built-in price, and the turn's cost follows it")
    func userCatalogPrice() async throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let catalog = folder.url.appendingPathComponent("prices.json")
        try Data(
            #"""
            {"models": [{"id": "claude-sonnet-4-5", "context_window": 200000, "max_output_tokens": 64000,
              "usd_per_million_input": 1000, "usd_per_million_output": 0, "source": "test"}]}
            """#.utf8
        ).write(to: catalog)
        try await LoopbackHTTPServer.with(Self.anthropic) { server in
            var env = environment(server, folder: folder.url)
            let builtIn = try await run(
                ["ask", "--json", "--engine", "claude", "Hi"],
                in: folder.url,
                environment: env
            )
            #expect(builtIn.status == 0, "\(builtIn.stderr)")
            let builtInCost = try #require(JSONValue(parsing: builtIn.stdout)?["cost_usd"]?.numberValue)
            #expect(abs(builtInCost - (1496 * 3 + 15 * 15) / 1e6) < 1e-9, "the built-in list price, $3/$15 per 1M")

            env["MAIA_MODEL_CATALOG"] = catalog.path
            let result = try await run(["ask", "--json", "--engine", "claude", "Hi"], in: folder.url, environment: env)
            #expect(result.status == 0, "\(result.stderr)")
            let cost = try #require(JSONValue(parsing: result.stdout)?["cost_usd"]?.numberValue)
            #expect(abs(cost - 1496 * 1000 / 1e6) < 1e-9)
        }
    }

    @Test("a broken MAIA_MODEL_CATALOG stops the command naming the file, the entry and what is accepted")
    func brokenCatalog() async throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let catalog = folder.url.appendingPathComponent("prices.json")
        try Data(
            #"{"models": [{"id": "my-llama", "context_window": 8192, "max_output_tokens": 1024, "usd_per_milion_input": 1}]}"#
                .utf8
        ).write(to: catalog)
        try await LoopbackHTTPServer.with(Self.anthropic) { server in
            var env = environment(server, folder: folder.url)
            env["MAIA_MODEL_CATALOG"] = catalog.path
            let result = try await run(["ask", "--engine", "claude", "Hi"], in: folder.url, environment: env)
            #expect(result.status != 0)
            #expect(result.stderr.contains(catalog.path))
            #expect(result.stderr.contains(#"model "my-llama": unknown field "usd_per_milion_input""#))
            #expect(result.stderr.contains("usd_per_million_input"), "says what is accepted")
            #expect(result.stdout.isEmpty)
        }
    }

    @Test("health says which engine in use has no price, and how to give it one")
    func unpricedEngine() async throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        try await LoopbackHTTPServer.with(Self.anthropic) { server in
            var env = environment(server, folder: folder.url)
            env["CLAUDE_MODEL"] = "claude-mystery-9"
            let result = try await run(["health", "--json"], in: folder.url, environment: env)
            let json = try #require(JSONValue(parsing: result.stdout), "\(result.stderr)")
            let prices = try #require(json["checks"]?.arrayValue?.first { $0["component"] == "prices" })
            #expect(prices["ok"] == false)
            #expect(prices["required"] == false)
            #expect(prices["detail"]?.stringValue?.contains("no price for claude-mystery-9") == true)
            #expect(prices["remedy"]?.stringValue?.contains("MAIA_MODEL_CATALOG") == true)
        }
    }

    @Test(
        "a self-hosted Llama priced by the GPU hour shows its per-token price; an unknown model with a price is refused"
    )
    func selfHostedPrice() async throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        try await LoopbackHTTPServer.with(Self.anthropic) { server in
            var env = environment(server, folder: folder.url)
            env["ENABLE_LLAMA"] = "true"
            env["LLAMA_DEPLOYMENT_MODE"] = "vllm-local"
            env["LLAMA_ENDPOINT"] = "http://127.0.0.1:9"
            env["LLAMA_GPU_USD_PER_HOUR"] = "7.2"
            env["LLAMA_TOKENS_PER_SECOND"] = "2000"
            let result = try await run(["health", "--json"], in: folder.url, environment: env)
            let json = try #require(JSONValue(parsing: result.stdout), "\(result.stderr)")
            let prices = try #require(json["checks"]?.arrayValue?.first { $0["component"] == "prices" })
            #expect(prices["ok"] == true)
            // $7.20 per hour at 2,000 tokens per second is $1.00 per 1M tokens.
            #expect(
                prices["detail"]?.stringValue?.contains("meta-llama/Llama-3.1-8B-Instruct $1.0/$1.0 per 1M tokens")
                    == true,
                "\(prices)"
            )

            env["LLAMA_MODEL"] = "acme/tuned-llama"
            let refused = try await run(["health", "--json"], in: folder.url, environment: env)
            #expect(refused.status != 0)
            #expect(refused.stderr.contains(#"does not know its model "acme/tuned-llama""#), "\(refused.stderr)")
            #expect(refused.stderr.contains("MAIA_MODEL_CATALOG"))
        }
    }
}
