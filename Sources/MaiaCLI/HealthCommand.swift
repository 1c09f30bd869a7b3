import ArgumentParser
import Foundation
import MaiaApp
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
        let paths = settings.localPaths()
        let engines = try EngineFactory.make(settings, paths: paths, announce: { Terminal.warn($0) })
        var checks = await HealthCheck.engines(engines, settings)
        checks.append(HealthCheck.prices(engines, settings))
        await engines.shutdown()
        checks.append(await HealthCheck.store(settings.store))
        checks.append(await HealthCheck.embedder(settings.embedder, paths: paths))
        let ok = checks.allSatisfy { $0.health.ok || !$0.required }
        if json {
            print(JSONValue.object(["ok": .bool(ok), "checks": .array(checks.map(\.json))]).jsonText)
        } else {
            for check in checks { print(check.line) }
        }
        if !ok { throw ExitCode.failure }
    }
}
