import Foundation
import MaiaCore
import MaiaExperiments
import MaiaMemory
import MaiaTesting

/// Synthetic users with known effects: each unit is in the candidate arm with probability `candidateShare`, takes
/// 1 to `maxTurns` turns, and each turn fails with its arm's error rate (plus a per-user frailty, so turns of one
/// person are correlated as real ones are), with log-normal latencies.
struct SyntheticExperiment {
    var units: Int
    var candidateShare = 0.5
    var controlErrorRate = 0.05
    var candidateErrorRate = 0.05
    var maxTurns = 4
    var candidateLatencyFactor = 1.0
    var candidateThumbsDown = 0.0
    var languages = ["en"]
    var days = 14
    var seed: UInt64 = 1

    static let start = Date(timeIntervalSince1970: 1_780_000_000)

    struct Rows {
        var exposures: [ExposureRow] = []
        var turns: [ExperimentTurnRow] = []
        var feedback: [FeedbackRow] = []
    }

    /// The rows, units arriving uniformly over `days`.
    func rows() -> Rows {
        var generator = SeededGenerator(seed: seed)
        var rows = Rows()
        rows.exposures.reserveCapacity(units)
        rows.turns.reserveCapacity(units * maxTurns)
        for index in 0..<units {
            let unit = "u\(index)"
            let arm: Arm = Double.random(in: 0..<1, using: &generator) < candidateShare ? .candidate : .control
            let exposed = Self.start.addingTimeInterval(Double.random(in: 0..<Double(days * 86_400), using: &generator))
            rows.exposures.append(
                ExposureRow(
                    experiment: "llama-rollout",
                    unit: unit,
                    arm: arm,
                    bucket: index % 10_000,
                    forced: false,
                    exposedAt: exposed
                )
            )
            let base = arm == .candidate ? candidateErrorRate : controlErrorRate
            // Per-user frailty: some users' turns fail more often than others', around the arm's rate.
            let frailty = Double.random(in: 0.5...1.5, using: &generator)
            let language = languages[index % languages.count]
            let count = Int.random(in: 1...maxTurns, using: &generator)
            for turn in 0..<count {
                let failed = Double.random(in: 0..<1, using: &generator) < base * frailty
                let latency =
                    exp(6.5 + 0.5 * Self.gaussian(&generator)) * (arm == .candidate ? candidateLatencyFactor : 1)
                let id = "\(unit)-\(turn)"
                let at = exposed.addingTimeInterval(Double(turn) * 3600 * 30)
                rows.turns.append(
                    ExperimentTurnRow(
                        turnID: id,
                        experiment: "llama-rollout",
                        unit: unit,
                        userID: UserID(unit)!,
                        sessionID: SessionID("s\(index)-\(turn)"),
                        arm: arm,
                        engine: arm == .candidate ? "llama" : "claude",
                        model: "m",
                        fellBack: false,
                        failed: failed,
                        latencyMs: latency,
                        ttftMs: latency / 4,
                        inputTokens: 100,
                        outputTokens: 50,
                        costUSD: arm == .candidate ? 0.0002 : 0.003,
                        toolCalls: 1,
                        invalidToolCalls: 0,
                        failedChecks: [],
                        language: language,
                        at: at
                    )
                )
                if arm == .candidate, Double.random(in: 0..<1, using: &generator) < candidateThumbsDown {
                    rows.feedback.append(
                        FeedbackRow(turnID: id, userID: UserID(unit)!, rating: .down, comment: nil, at: at)
                    )
                }
            }
        }
        return rows
    }

    /// Rows whose unit was exposed before `date`, turns before it too: what a report on that day sees.
    static func asOf(_ rows: Rows, _ date: Date) -> Rows {
        Rows(
            exposures: rows.exposures.filter { $0.exposedAt < date },
            turns: rows.turns.filter { $0.at < date },
            feedback: rows.feedback.filter { $0.at < date }
        )
    }

    static func gaussian(_ generator: inout some RandomNumberGenerator) -> Double {
        let u = Double.random(in: Double.ulpOfOne..<1, using: &generator)
        let v = Double.random(in: 0..<1, using: &generator)
        return (-2 * log(u)).squareRoot() * cos(2 * .pi * v)
    }
}
