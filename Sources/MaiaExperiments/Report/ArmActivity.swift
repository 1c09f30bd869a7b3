public import Foundation
public import MaiaMemory

/// Turns per arm per hour over the last hours: the overview's "is traffic flowing to both arms" chart.
public struct ArmActivity: Sendable, Hashable {
    /// One hour: its start and the turns each arm answered in it.
    public struct Hour: Sendable, Hashable {
        public let start: Date
        public let control: Int
        public let candidate: Int
    }

    /// Oldest first; the last hour ends at `now`.
    public let hours: [Hour]

    /// Counts `turns` into the `hours` hours before `now`.
    public init(_ turns: [ExperimentTurnRow], hours count: Int, now: Date) {
        let first = now.addingTimeInterval(-Double(count) * 3600)
        var control = [Int](repeating: 0, count: count)
        var candidate = [Int](repeating: 0, count: count)
        for turn in turns where turn.at > first && turn.at <= now {
            let index = min(Int(turn.at.timeIntervalSince(first) / 3600), count - 1)
            switch turn.arm {
            case .control: control[index] += 1
            case .candidate: candidate[index] += 1
            }
        }
        hours = (0..<count).map {
            Hour(start: first.addingTimeInterval(Double($0) * 3600), control: control[$0], candidate: candidate[$0])
        }
    }

    /// Turns in the whole window, per arm.
    public var totals: (control: Int, candidate: Int) {
        hours.reduce(into: (0, 0)) {
            $0.0 += $1.control
            $0.1 += $1.candidate
        }
    }
}
