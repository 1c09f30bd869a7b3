public import Foundation
import MaiaCore
public import MaiaMemory

/// A recorded `llama-rollout` experiment for dashboard tests and benchmarks: `units` units over the last 20 hours,
/// half in each arm, two turns each (one English, one German); the candidate is faster and cheaper, and fails one
/// turn in `candidateFailsEvery` (control never does).
public enum ExperimentSeed {
    /// Records the experiment in `store`.
    public static func write(
        units: Int,
        candidateFailsEvery: Int = 9,
        to store: SQLiteStore,
        now: Date
    ) async throws(MemoryError) {
        let start = now.addingTimeInterval(-20 * 3600)
        let spacing = 72_000 / Double(max(units, 1))
        for index in 0..<units {
            let unit = "user\(index)"
            let arm: Arm = index.isMultiple(of: 2) ? .candidate : .control
            let exposedAt = start.addingTimeInterval(Double(index) * spacing)
            let exposure = ExposureRow(
                experiment: "llama-rollout",
                unit: unit,
                arm: arm,
                bucket: index % 10_000,
                forced: false,
                exposedAt: exposedAt
            )
            for turn in 0..<2 {
                let row = ExperimentTurnRow(
                    turnID: "\(unit)-\(turn)",
                    experiment: "llama-rollout",
                    unit: unit,
                    userID: UserID(unit)!,
                    sessionID: SessionID("s\(index)-\(turn)"),
                    arm: arm,
                    engine: arm == .candidate ? "llama" : "claude",
                    model: "m",
                    fellBack: false,
                    failed: arm == .candidate && (index / 2 + turn).isMultiple(of: candidateFailsEvery),
                    latencyMs: Double(arm == .candidate ? 700 + index % 1000 : 900 + index % 1000),
                    ttftMs: 50,
                    inputTokens: 10,
                    outputTokens: 20,
                    costUSD: arm == .candidate ? 0.0002 : 0.003,
                    toolCalls: 0,
                    invalidToolCalls: 0,
                    failedChecks: [],
                    language: turn == 0 ? "en" : "de",
                    at: exposedAt.addingTimeInterval(Double(turn) * 1800)
                )
                try await store.recordTurn(row, exposure: exposure)
            }
        }
    }
}
