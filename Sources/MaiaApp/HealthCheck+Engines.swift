public import MaiaConfig
import MaiaEngines

extension HealthCheck {
    /// Probes each configured engine: Claude (optional without a key), the Llama engine (required when enabled or
    /// when it is the primary) and the local primary when neither is configured.
    public static func engines(_ engines: EngineSet, _ settings: MaiaSettings) async -> [HealthCheck] {
        var checks: [HealthCheck] = []
        if let claude = engines.claude {
            checks.append(HealthCheck("engine", "claude", required: true, await claude.checkHealth()))
        } else {
            checks.append(
                HealthCheck(
                    "engine",
                    "claude",
                    required: false,
                    EngineHealth(
                        ok: false,
                        reachable: false,
                        detail: "not configured",
                        remedy: "Set ANTHROPIC_API_KEY to use Claude; until then the primary is the local model."
                    )
                )
            )
        }
        let llamaName = "llama (\(settings.llama.deploymentMode.rawValue))"
        // The Llama engine is used when enabled, or when it is the local model answering without a Claude key;
        // otherwise it is not probed at all (probing the Hugging Face router would ask a provider no turn uses).
        let isLocalModel = engines.llama is LocalLlamaEngine || engines.llama is InProcessLlamaEngine
        let llamaAnswers = engines.claude == nil && isLocalModel
        if settings.llama.enabled || llamaAnswers {
            checks.append(HealthCheck("engine", llamaName, required: true, await probe(engines.llama)))
        } else {
            checks.append(
                HealthCheck(
                    "engine",
                    llamaName,
                    required: false,
                    EngineHealth(
                        ok: false,
                        reachable: false,
                        detail: "disabled (ENABLE_LLAMA=false), not probed",
                        remedy: "Set ENABLE_LLAMA=true to use Llama for shadow testing and routing."
                    )
                )
            )
        }
        if engines.claude == nil, !isLocalModel {
            checks.append(HealthCheck("engine", "local (primary)", required: true, await probe(engines.primary)))
        }
        return checks
    }

    /// Whether the catalogue prices every engine a turn, a shadow or an experiment may use, so that their reports
    /// show the cost of both engines. Not required: an unpriced engine still answers.
    public static func prices(_ engines: EngineSet, _ settings: MaiaSettings) -> HealthCheck {
        var models = [engines.primary.model]
        if settings.llama.enabled { models.append(engines.llama.model) }
        let unpriced = Array(Set(models.filter { engines.catalog.info(for: $0) == nil })).sorted()
        let detail =
            unpriced.isEmpty
            ? "every engine in use has a price (\(models.map { price($0, engines.catalog) }.joined(separator: "; ")))"
            : "no price for \(unpriced.joined(separator: ", ")): reports show its cost as unknown"
        return HealthCheck(
            "prices",
            "model catalogue",
            required: false,
            EngineHealth(
                ok: unpriced.isEmpty,
                reachable: true,
                detail: detail,
                remedy:
                    "Set LLAMA_USD_PER_MILLION_INPUT/OUTPUT or LLAMA_GPU_USD_PER_HOUR with LLAMA_TOKENS_PER_SECOND, "
                    + "or add the model to a MAIA_MODEL_CATALOG file."
            )
        )
    }

    private static func price(_ model: String, _ catalog: ModelCatalog) -> String {
        guard let info = catalog.info(for: model) else { return model }
        func amount(_ value: Double) -> String { String((value * 10_000).rounded() / 10_000) }
        return "\(model) $\(amount(info.inputPricePerMillion))/$\(amount(info.outputPricePerMillion)) per 1M tokens"
    }

    private static func probe(_ engine: any ReasoningEngine) async -> EngineHealth {
        switch engine {
        case let engine as OpenAIChatEngine: await engine.checkHealth()
        case let engine as LocalLlamaEngine: await engine.checkHealth()
        case let engine as TGIGenerateEngine: await engine.checkHealth()
        case let engine as ClaudeEngine: await engine.checkHealth()
        case let engine as InProcessLlamaEngine: await engine.checkHealth()
        default: EngineHealth(ok: true, reachable: true, detail: "no probe for this engine")
        }
    }
}
