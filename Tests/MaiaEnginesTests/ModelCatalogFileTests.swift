import Foundation
import MaiaEngines
import Testing

@Suite("The model catalogue as data: the built-in file, a user's file over it, GPU-hour prices, bad files")
struct ModelCatalogFileTests {
    func parse(_ json: String) throws(ModelCatalogError) -> ModelCatalog {
        try ModelCatalog(json: Data(json.utf8), origin: "prices.json")
    }

    func failure(_ json: String) -> String {
        do {
            _ = try parse(json)
            return "parsed"
        } catch {
            return error.description
        }
    }

    @Test("the built-in file covers today's Claude models and Llama 3.1 8B/70B/405B, dated ids included")
    func builtIn() throws {
        let catalog = ModelCatalog.builtIn
        let sonnet = try #require(catalog.info(for: "claude-sonnet-4-5-20250929"))
        #expect(sonnet.inputPricePerMillion == 3 && sonnet.outputPricePerMillion == 15)
        #expect(sonnet.contextWindow == 200_000)
        for size in ["8B", "70B", "405B"] {
            let llama = try #require(catalog.info(for: "meta-llama/Llama-3.1-\(size)-Instruct:fireworks-ai"))
            #expect(llama.contextWindow == 131_072)
        }
        #expect(catalog.info(for: "meta-llama/Llama-3.1-405B-Instruct")?.inputPricePerMillion == 3)
        #expect(catalog.info(for: "SmolLM2-135M-Instruct")?.weakToolUse == true)
        #expect(catalog.info(for: "SmolLM2-135M-Instruct")?.temperature == 0, "sampled, it drifts into other languages")
        #expect(sonnet.temperature == nil)
        #expect(catalog.info(for: "claude-3-5-sonnet-20241022") != nil, "retired, kept for old logs")
    }

    @Test("a user's entries replace built-in ones by id and add new models")
    func merging() throws {
        let user = try parse(
            #"""
            {"models": [
              {"id": "claude-haiku-4-5", "context_window": 200000, "max_output_tokens": 64000,
               "usd_per_million_input": 0.5, "usd_per_million_output": 2.5},
              {"id": "acme/tuned-llama", "context_window": 32768, "max_output_tokens": 2048,
               "usd_per_million_input": 0, "usd_per_million_output": 0, "weak_tool_use": true, "temperature": 0.3}
            ]}
            """#
        )
        let merged = ModelCatalog.builtIn.merging(user)
        #expect(merged.info(for: "claude-haiku-4-5")?.inputPricePerMillion == 0.5)
        #expect(merged.info(for: "claude-haiku-4-5-20251001")?.outputPricePerMillion == 2.5)
        #expect(merged.info(for: "acme/tuned-llama")?.weakToolUse == true)
        #expect(merged.info(for: "acme/tuned-llama")?.temperature == 0.3)
        #expect(merged.info(for: "claude-sonnet-4-5")?.inputPricePerMillion == 3, "untouched entries stay")
    }

    @Test("a GPU rented by the hour becomes a per-token price from the measured throughput")
    func gpuHour() throws {
        let catalog = try parse(
            #"""
            {"models": [{"id": "meta-llama/Llama-3.1-8B-Instruct", "context_window": 131072, "max_output_tokens": 4096,
              "gpu_usd_per_hour": 2.0, "tokens_per_second": 1000}]}
            """#
        )
        let info = try #require(catalog.info(for: "meta-llama/Llama-3.1-8B-Instruct"))
        // $2 per hour serving 3.6M tokens per hour: $0.5556 per 1M tokens, prompt or generated.
        #expect(abs(info.inputPricePerMillion - 2.0 / 3.6) < 1e-12)
        #expect(abs(info.cost(inputTokens: 1_500, outputTokens: 300) - 1_800 * 2.0 / 3_600_000) < 1e-15)
        let pricing = ModelPricing.gpuHour(usdPerHour: 7.2, tokensPerSecond: 2_000)
        #expect(pricing.perMillion.input == 1.0 && pricing.perMillion.output == 1.0)
    }

    @Test(
        "bad files are refused with the file, the entry, what was wrong and what is accepted",
        arguments: [
            ("[1, 2]", #"needs a top-level object with a "models" array"#),
            ("{\"models\": [", "is not valid UTF-8 JSON"),
            (#"{"models": ["x"]}"#, "model 1 is not an object"),
            (
                #"{"models": [{"id": "a", "context_window": 1, "max_output_tokens": 1, "usd_per_million_input": 1, "usd_per_million_output": 1, "price": 3}]}"#,
                #"model "a": unknown field "price""#
            ),
            (
                #"{"models": [{"id": "a b", "context_window": 1, "max_output_tokens": 1, "usd_per_million_input": 1, "usd_per_million_output": 1}]}"#,
                #""id" must be a non-empty text without spaces"#
            ),
            (
                #"{"models": [{"id": "a", "context_window": 0.5, "max_output_tokens": 1, "usd_per_million_input": 1, "usd_per_million_output": 1}]}"#,
                #""context_window" must be a whole number ≥ 1"#
            ),
            (
                #"{"models": [{"id": "a", "context_window": 8, "max_output_tokens": 1, "usd_per_million_input": -1, "usd_per_million_output": 1}]}"#,
                #""usd_per_million_input" must be a number ≥ 0"#
            ),
            (
                #"{"models": [{"id": "a", "context_window": 8, "max_output_tokens": 1, "usd_per_million_input": 1}]}"#,
                "the price is missing or given twice"
            ),
            (
                #"{"models": [{"id": "a", "context_window": 8, "max_output_tokens": 1, "usd_per_million_input": 1, "usd_per_million_output": 1, "gpu_usd_per_hour": 2, "tokens_per_second": 9}]}"#,
                "the price is missing or given twice"
            ),
            (
                #"{"models": [{"id": "a", "context_window": 8, "max_output_tokens": 1, "gpu_usd_per_hour": 2, "tokens_per_second": 0}]}"#,
                #""tokens_per_second" must be a number > 0"#
            ),
            (
                #"{"models": [{"id": "a", "context_window": 8, "max_output_tokens": 1, "usd_per_million_input": 1, "usd_per_million_output": 1, "weak_tool_use": "yes"}]}"#,
                #""weak_tool_use" must be true or false"#
            ),
            (
                #"{"models": [{"id": "a", "context_window": 8, "max_output_tokens": 1, "usd_per_million_input": 1, "usd_per_million_output": 1, "temperature": 2.5}]}"#,
                #""temperature" must be a number from 0 to 2"#
            ),
            (
                #"{"models": [{"id": "a", "context_window": 8, "max_output_tokens": 1, "usd_per_million_input": 1, "usd_per_million_output": 1, "temperature": "warm"}]}"#,
                #""temperature" must be a number from 0 to 2"#
            ),
            (
                #"{"models": [{"id": "a", "context_window": 8, "max_output_tokens": 1, "usd_per_million_input": 1, "usd_per_million_output": 1}, {"id": "a", "context_window": 8, "max_output_tokens": 1, "usd_per_million_input": 2, "usd_per_million_output": 2}]}"#,
                #"model "a" appears more than once"#
            ),
        ]
    )
    func badFiles(json: String, problem: String) {
        let message = failure(json)
        #expect(message.hasPrefix("model catalogue prices.json: "), "\(message)")
        #expect(message.contains(problem), "\(message)")
    }

    @Test("an entry's error lists the accepted fields; an unreadable path names itself")
    func acceptedAndUnreadable() throws {
        let message = failure(#"{"models": [{"id": "a"}]}"#)
        #expect(message.contains(#""usd_per_million_input" and "usd_per_million_output" or "gpu_usd_per_hour""#))
        let folder = FileManager.default.temporaryDirectory
        #expect(throws: ModelCatalogError.self) { try ModelCatalog(contentsOf: folder) }
        do {
            _ = try ModelCatalog(contentsOf: URL(fileURLWithPath: "/nonexistent/prices.json"))
        } catch {
            #expect(error.description.contains("/nonexistent/prices.json: cannot be read"))
        }
    }
}
