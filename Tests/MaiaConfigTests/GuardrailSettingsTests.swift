import MaiaConfig
import Testing

@Suite("LLAMA_GUARDRAIL_* settings")
struct GuardrailSettingsTests {
    func settings(_ environment: [String: String]) throws -> MaiaSettings {
        try MaiaSettings(RawSettings(environment: environment, envFile: [:]))
    }

    @Test("defaults: +1 point of errors, +5 of fallbacks, +2000 ms of p95 latency, +2 points of thumbs-down")
    func defaults() throws {
        let guardrails = try settings([:]).guardrails
        #expect(guardrails.errorRatePoints == 1 && guardrails.fallbackRatePoints == 5)
        #expect(guardrails.p95LatencyMs == 2000 && guardrails.thumbsDownRatePoints == 2)
    }

    @Test("set values are used, and bad ones name the variable, the value and the accepted range")
    func values() throws {
        let set = try settings(["LLAMA_GUARDRAIL_ERROR_RATE": "0.5", "LLAMA_GUARDRAIL_P95_LATENCY_MS": "800"])
        #expect(set.guardrails.errorRatePoints == 0.5 && set.guardrails.p95LatencyMs == 800)
        do {
            _ = try settings(["LLAMA_GUARDRAIL_THUMBS_DOWN_RATE": "-1"])
            Issue.record("a negative tolerance was accepted")
        } catch let error as ConfigurationError {
            #expect(
                error.problems == [
                    "LLAMA_GUARDRAIL_THUMBS_DOWN_RATE=\"-1\" is not accepted: it must be a number from 0 to 100."
                ]
            )
        }
    }
}
