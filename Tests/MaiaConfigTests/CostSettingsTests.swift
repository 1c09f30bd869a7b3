import MaiaConfig
import Testing

@Suite("Model price settings: the user's catalogue file and the Llama engine's price")
struct CostSettingsTests {
    func settings(_ environment: [String: String]) throws -> MaiaSettings {
        try MaiaSettings(RawSettings(environment: environment, envFile: [:]))
    }

    func problems(_ environment: [String: String]) -> [String] {
        do {
            _ = try settings(environment)
            return []
        } catch let error as ConfigurationError {
            return error.problems
        } catch {
            return ["\(error)"]
        }
    }

    @Test("unset: the built-in catalogue alone, no Llama price")
    func defaults() throws {
        #expect(try settings([:]).costs == MaiaSettings.Costs())
    }

    @Test("per-token prices, or a GPU-hour price with its measured throughput")
    func prices() throws {
        let perToken = try settings(["LLAMA_USD_PER_MILLION_INPUT": "0.2", "LLAMA_USD_PER_MILLION_OUTPUT": "0.6"])
        #expect(perToken.costs.llama == .perMillion(input: 0.2, output: 0.6))
        let gpu = try settings([
            "LLAMA_GPU_USD_PER_HOUR": "2.49", "LLAMA_TOKENS_PER_SECOND": "2400", "MAIA_MODEL_CATALOG": "my-prices.json",
        ])
        #expect(gpu.costs.llama == .gpuHour(usdPerHour: 2.49, tokensPerSecond: 2400))
        #expect(gpu.costs.catalogFile == "my-prices.json")
    }

    @Test(
        "half a price, or both kinds at once, is refused saying which pairs are accepted",
        arguments: [
            ["LLAMA_USD_PER_MILLION_INPUT": "0.2"],
            ["LLAMA_GPU_USD_PER_HOUR": "2"],
            ["LLAMA_TOKENS_PER_SECOND": "900"],
            [
                "LLAMA_USD_PER_MILLION_INPUT": "0.2", "LLAMA_USD_PER_MILLION_OUTPUT": "0.2",
                "LLAMA_GPU_USD_PER_HOUR": "2",
            ],
        ]
    )
    func incomplete(environment: [String: String]) {
        let found = problems(environment)
        #expect(found.count == 1)
        #expect(found.first?.contains("set both LLAMA_USD_PER_MILLION_INPUT and LLAMA_USD_PER_MILLION_OUTPUT") == true)
        #expect(found.first?.contains("or both LLAMA_GPU_USD_PER_HOUR and LLAMA_TOKENS_PER_SECOND") == true)
    }

    @Test("bad numbers name the variable, the value and the range")
    func badNumbers() {
        let found = problems(["LLAMA_GPU_USD_PER_HOUR": "cheap", "LLAMA_TOKENS_PER_SECOND": "0"])
        #expect(
            found.contains("LLAMA_GPU_USD_PER_HOUR=\"cheap\" is not accepted: it must be a number from 0 to 100000.")
        )
        #expect(
            found.contains { $0.hasPrefix("LLAMA_TOKENS_PER_SECOND=\"0\" is not accepted: it must be a number from") }
        )
    }
}
