public import Foundation
import MaiaCore
public import MaiaMemory

/// What one unit (a user, or a session) did in an experiment, summed over its turns: the clusters every turn-level
/// metric is analysed over, since a person's turns are not independent of each other.
public struct UnitOutcome: Sendable, Hashable {
    public let unit: String
    public let arm: Arm
    public var turns = 0
    public var failed = 0
    public var fellBack = 0
    /// Turns that failed at least one deterministic reply check.
    public var checkFailed = 0
    public var thumbsUp = 0
    public var thumbsDown = 0
    public var toolCalls = 0
    public var invalidToolCalls = 0
    public var pricedTurns = 0
    public var costUSD = 0.0
    public var tokens = 0
    public var sessions = 0
    public var latenciesMs: [Double] = []
    public var ttftsMs: [Double] = []
    /// Whether the unit's person came back within the return window; `nil` while the window is still open.
    public var returned: Bool?

    /// A unit with nothing counted yet (simulations build outcomes directly).
    public init(unit: String, arm: Arm) {
        self.unit = unit
        self.arm = arm
    }

    /// The units of `turns`, each turn's latest rating taken from `feedback`, return judged as of `now`.
    ///
    /// A unit returned when its person had a turn in another session (or, for turns without a session, one at
    /// least 30 minutes later) within `returnWindow` of the unit's first turn; units whose window has not elapsed
    /// by `now` have no return value and are left out of the return rate, so that young units do not drag it down.
    public static func outcomes(
        turns: [ExperimentTurnRow],
        feedback: [FeedbackRow],
        now: Date,
        returnWindow: TimeInterval = 7 * 86_400
    ) -> [UnitOutcome] {
        let ratings = latestRatings(feedback)
        let byUser = Dictionary(grouping: turns, by: \.userID)
        // A unit moved by a ramp has turns in both arms: each arm is credited with the turns it served.
        return Dictionary(grouping: turns, by: { [$0.unit, $0.arm.rawValue] }).values
            .map { rows in
                let ordered = rows.sorted { $0.at < $1.at }
                var outcome = UnitOutcome(unit: ordered[0].unit, arm: ordered[0].arm)
                for row in ordered { outcome.add(row, rating: ratings[row.turnID]) }
                outcome.sessions = Set(ordered.map(\.sessionID)).count
                let first = ordered[0]
                if now.timeIntervalSince(first.at) >= returnWindow {
                    outcome.returned = (byUser[first.userID] ?? []).contains { later in
                        Self.isReturn(later, after: first, within: returnWindow)
                    }
                }
                return outcome
            }
            .sorted { ($0.unit, $0.arm.rawValue) < ($1.unit, $1.arm.rawValue) }
    }

    private mutating func add(_ row: ExperimentTurnRow, rating: FeedbackRow.Rating?) {
        turns += 1
        if row.failed { failed += 1 }
        if row.fellBack { fellBack += 1 }
        if !row.failedChecks.isEmpty { checkFailed += 1 }
        if rating == .up { thumbsUp += 1 }
        if rating == .down { thumbsDown += 1 }
        toolCalls += row.toolCalls
        invalidToolCalls += row.invalidToolCalls
        if let cost = row.costUSD {
            pricedTurns += 1
            costUSD += cost
        }
        tokens += row.inputTokens + row.outputTokens
        if !row.failed {
            latenciesMs.append(row.latencyMs)
            if let ttft = row.ttftMs { ttftsMs.append(ttft) }
        }
    }

    private static func isReturn(
        _ later: ExperimentTurnRow,
        after first: ExperimentTurnRow,
        within window: TimeInterval
    )
        -> Bool
    {
        let gap = later.at.timeIntervalSince(first.at)
        guard gap > 0, gap <= window else { return false }
        if let session = first.sessionID, let other = later.sessionID { return session != other }
        return gap >= 30 * 60
    }

    /// The rating each turn ended with: a person may change their mind, and the last word counts.
    private static func latestRatings(_ feedback: [FeedbackRow]) -> [String: FeedbackRow.Rating] {
        Dictionary(grouping: feedback, by: \.turnID).compactMapValues { $0.max { $0.at < $1.at }?.rating }
    }
}
