import Foundation
import MaiaAgent
import MaiaApp
import MaiaConfig
import MaiaCore
import MaiaExperiments
import MaiaMemory
import MaiaTesting
import Testing

/// The stored path of routing, through the application as `maia serve` builds it: the environment seeds the share,
/// `maia experiment ramp` changes it, and the arms survive a restart on the same SQLite file.
@Suite("Routing stickiness through the application: restart and a 5 → 20 → 50 ramp")
struct RoutingStickinessTests {
    static let units = (0..<100_000).map { "user-\($0)" }

    func settings(_ folder: TemporaryDirectory) throws -> MaiaSettings {
        try MaiaSettings(
            RawSettings(
                environment: [
                    "ANTHROPIC_API_KEY": "sk-ant-never-called", "ANTHROPIC_BASE_URL": "http://127.0.0.1:9",
                    "ENABLE_LLAMA": "true", "LLAMA_DEPLOYMENT_MODE": "openai-compatible",
                    "LLAMA_ENDPOINT": "http://127.0.0.1:9", "LLAMA_TRAFFIC_PERCENT": "5",
                    "MAIA_DB": folder.url.appendingPathComponent("maia.sqlite").path,
                    "MAIA_CACHE": folder.url.appendingPathComponent("cache").path,
                    "MAIA_MODELS_DIR": folder.url.appendingPathComponent("no-models").path,
                ],
                envFile: [:]
            )
        )
    }

    /// Every unit's arm as the application's selector decides it under the stored state.
    func arms(_ app: MaiaApplication) async throws -> [Arm] {
        let routing = try #require(app.routing, "ENABLE_LLAMA=true builds the routing selector")
        await routing.state.invalidate()
        let state = await routing.state.current()
        return Self.units.map { routing.assignment(of: $0, under: state)?.arm ?? .control }
    }

    /// Whether `count` candidates out of `units.count` is within the 99.9% normal interval of `percent`.
    func withinBinomial(_ count: Int, percent: Double) -> Bool {
        let n = Double(Self.units.count)
        let p = percent / 100
        let spread = 3.29 * (n * p * (1 - p)).squareRoot()
        return abs(Double(count) - n * p) <= spread
    }

    @Test("100% of units keep their arm across a restart and only move forward through 5 → 20 → 50")
    func restartAndRamp() async throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let settings = try settings(folder)
        let first = try await MaiaApplication.run(settings, options: .init(environment: [:])) { try await arms($0) }
        // A new process on the same file: the stored state (seeded by the first) and the hash give the same arms.
        let restarted = try await MaiaApplication.run(settings, options: .init(environment: [:])) { app in
            let arms = try await arms(app)
            var ramps: [[Arm]] = []
            let control = ExperimentControl(store: app.store, experiment: settings.experiments.experimentName)
            for percent in [20.0, 50] {
                _ = try await control.ramp(percent: percent, by: "test")
                ramps.append(try await self.arms(app))
            }
            return [arms] + ramps
        }
        #expect(first == restarted[0], "every unit keeps its arm across the restart")
        var previous = first
        for (stage, percent) in zip(restarted, [5.0, 20, 50]) {
            let candidates = stage.filter { $0 == .candidate }.count
            #expect(withinBinomial(candidates, percent: percent), "\(candidates) candidates at \(percent)%")
            let movedBack = zip(previous, stage).filter { $0 == .candidate && $1 == .control }.count
            #expect(movedBack == 0, "raising the share never moves a candidate back to control")
            previous = stage
        }
    }
}
