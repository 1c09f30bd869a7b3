import ArgumentParser
import Foundation
import MaiaConfig
import MaiaCore
import MaiaEngines

/// `maia health`: probes each configured engine, the store and the embedder.
struct HealthCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "health",
        abstract: "Check the configured engines, the store and the embedder; exit non-zero when a required one fails.",
        discussion: """
            --json prints {"ok": Bool, "checks": [{component, name, required, ok, reachable, model_present, \
            latency_ms, detail, remedy}]}.
            """
    )

    @Flag(help: "Print one JSON object.")
    var json = false

    func run() async throws {
        let (settings, _) = try await SettingsLoader.load()
        let engines = try EngineFactory.make(settings)
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
        let llamaRequired = settings.llama.enabled || engines.claude == nil
        checks.append(
            HealthCheck(
                "engine",
                "llama (\(settings.llama.deploymentMode.rawValue))",
                required: llamaRequired,
                await probe(engines.llama)
            )
        )
        if engines.claude == nil, !(engines.llama is LocalLlamaEngine) {
            checks.append(HealthCheck("engine", "local (primary)", required: true, await probe(engines.primary)))
        }
        await engines.shutdown()
        checks.append(await HealthCheck.store(settings.store))
        checks.append(await HealthCheck.embedder(settings.embedder))
        let ok = checks.allSatisfy { $0.health.ok || !$0.required }
        if json {
            print(JSONValue.object(["ok": .bool(ok), "checks": .array(checks.map(\.json))]).jsonText)
        } else {
            for check in checks { print(check.line) }
        }
        if !ok { throw ExitCode.failure }
    }

    private func probe(_ engine: any ReasoningEngine) async -> EngineHealth {
        switch engine {
        case let engine as OpenAIChatEngine: await engine.checkHealth()
        case let engine as LocalLlamaEngine: await engine.checkHealth()
        case let engine as TGIGenerateEngine: await engine.checkHealth()
        case let engine as ClaudeEngine: await engine.checkHealth()
        default: EngineHealth(ok: true, reachable: true, detail: "no probe for this engine")
        }
    }
}
