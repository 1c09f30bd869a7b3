import Foundation
import MaiaCore
import MaiaMemory
import MaiaTesting
import Testing

@testable import MaiaExperiments

@Suite("Automatic rollback: a significant guardrail breach sets the share to 0 and says why")
struct GuardrailMonitorTests {
    func row(_ index: Int, arm: Arm, failed: Bool, at: Date) -> (ExperimentTurnRow, ExposureRow) {
        let user = UserID("u\(index)")!
        let turn = ExperimentTurnRow(
            turnID: "t\(index)",
            experiment: "e",
            unit: user.rawValue,
            userID: user,
            sessionID: nil,
            arm: arm,
            engine: failed ? "" : "claude",
            model: failed ? "" : "m",
            fellBack: false,
            failed: failed,
            latencyMs: 500,
            ttftMs: 100,
            inputTokens: 100,
            outputTokens: 20,
            costUSD: 0.001,
            toolCalls: 0,
            invalidToolCalls: 0,
            failedChecks: failed ? ["error"] : [],
            language: "en",
            at: at
        )
        return (
            turn,
            ExposureRow(experiment: "e", unit: user.rawValue, arm: arm, bucket: index, forced: false, exposedAt: at)
        )
    }

    @Test("healthy arms leave the experiment running; a candidate failing 40% of turns is rolled back")
    func rollback() async throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let store = try SQLiteStore(path: folder.url.appendingPathComponent("maia.sqlite").path)
        let control = ExperimentControl(store: store, experiment: "e")
        _ = try await control.start(percent: 50, by: "test")
        let seed = ExperimentState(experiment: "e", percent: 0, status: .stopped, changedBy: "env", changedAt: Date())
        let state = ExperimentStateCache(store: store, seed: seed, maxAge: .zero)
        let monitor = GuardrailMonitor(control: control, check: GuardrailCheck(), state: state)
        let at = Date(timeIntervalSince1970: 1_700_000_000)
        for index in 0..<600 {
            let (turn, exposure) = row(index, arm: index % 2 == 0 ? .control : .candidate, failed: false, at: at)
            try await store.recordTurn(turn, exposure: exposure)
        }
        #expect(await monitor.checkNow(now: at) == nil)
        for index in 600..<1200 {
            let arm: Arm = index % 2 == 0 ? .control : .candidate
            let (turn, exposure) = row(index, arm: arm, failed: arm == .candidate && index % 5 < 2, at: at)
            try await store.recordTurn(turn, exposure: exposure)
        }
        let rolledBack = try #require(await monitor.checkNow(now: at))
        #expect((rolledBack.status, rolledBack.percent, rolledBack.changedBy) == (.rolledBack, 0, "guardrail"))
        #expect(rolledBack.reason?.hasPrefix("guardrail error_rate") == true, "\(rolledBack.reason ?? "")")
        #expect(await state.current().status == .rolledBack, "this process obeys at once")
        #expect(await monitor.checkNow(now: at) == nil, "a rolled-back experiment is not checked again")
    }
}
