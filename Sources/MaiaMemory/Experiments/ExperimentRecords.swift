public import Foundation
public import MaiaCore

/// Which engine answers a unit: the control (Claude) or the candidate (Llama).
public enum Arm: String, Sendable, Hashable, CaseIterable, Codable {
    case control
    case candidate
}

/// The live state of one experiment, shared by every replica through the store. The environment only seeds it.
public struct ExperimentState: Sendable, Hashable, Codable {
    public enum Status: String, Sendable, Hashable, Codable {
        case running
        /// Stopped by a person (`maia experiment stop`, the admin route): share 0 until started again.
        case stopped
        /// Stopped by a guardrail breach: share 0 until a person clears it.
        case rolledBack = "rolled_back"
    }

    public var experiment: String
    /// The candidate's share, 0–100 percent.
    public var percent: Double
    public var status: Status
    /// Why the state last changed (a person's note, or the guardrail that tripped).
    public var reason: String?
    /// Who changed it: a caller's user id, `cli`, or `guardrail`.
    public var changedBy: String
    public var changedAt: Date

    public init(
        experiment: String,
        percent: Double,
        status: Status,
        reason: String? = nil,
        changedBy: String,
        changedAt: Date
    ) {
        self.experiment = experiment
        self.percent = percent
        self.status = status
        self.reason = reason
        self.changedBy = changedBy
        self.changedAt = changedAt
    }
}

/// The first time a unit was assigned in an experiment.
public struct ExposureRow: Sendable, Hashable, Codable {
    public var experiment: String
    /// The user id, or the session id with `LLAMA_ROUTING_UNIT=session`.
    public var unit: String
    public var arm: Arm
    public var bucket: Int
    public var forced: Bool
    public var exposedAt: Date

    public init(experiment: String, unit: String, arm: Arm, bucket: Int, forced: Bool, exposedAt: Date) {
        self.experiment = experiment
        self.unit = unit
        self.arm = arm
        self.bucket = bucket
        self.forced = forced
        self.exposedAt = exposedAt
    }
}

/// One turn of a unit in an experiment: who was meant to answer, who did, and how it went.
public struct ExperimentTurnRow: Sendable, Hashable, Codable {
    /// The turn id (the id of the stored reply when there is one).
    public var turnID: String
    public var experiment: String
    public var unit: String
    public var userID: UserID
    public var sessionID: SessionID?
    /// The arm the unit is in (the candidate arm still counts a turn that fell back to Claude).
    public var arm: Arm
    /// The engine and model that produced the answer the user saw (empty when every engine failed).
    public var engine: String
    public var model: String
    /// The arm's engine failed and another answered.
    public var fellBack: Bool
    /// No engine answered: the user got an error.
    public var failed: Bool
    public var latencyMs: Double
    public var ttftMs: Double?
    public var inputTokens: Int
    public var outputTokens: Int
    /// Nil when the model's price is unknown.
    public var costUSD: Double?
    public var toolCalls: Int
    /// Tool calls whose name or arguments the executor refused.
    public var invalidToolCalls: Int
    /// Names of the deterministic reply checks (the shadow checks) the answer failed.
    public var failedChecks: [String]
    /// ISO 639-1 code of the user's message, or `unknown`.
    public var language: String
    public var at: Date

    public init(
        turnID: String,
        experiment: String,
        unit: String,
        userID: UserID,
        sessionID: SessionID?,
        arm: Arm,
        engine: String,
        model: String,
        fellBack: Bool,
        failed: Bool,
        latencyMs: Double,
        ttftMs: Double?,
        inputTokens: Int,
        outputTokens: Int,
        costUSD: Double?,
        toolCalls: Int,
        invalidToolCalls: Int,
        failedChecks: [String],
        language: String,
        at: Date
    ) {
        self.turnID = turnID
        self.experiment = experiment
        self.unit = unit
        self.userID = userID
        self.sessionID = sessionID
        self.arm = arm
        self.engine = engine
        self.model = model
        self.fellBack = fellBack
        self.failed = failed
        self.latencyMs = latencyMs
        self.ttftMs = ttftMs
        self.inputTokens = inputTokens
        self.outputTokens = outputTokens
        self.costUSD = costUSD
        self.toolCalls = toolCalls
        self.invalidToolCalls = invalidToolCalls
        self.failedChecks = failedChecks
        self.language = language
        self.at = at
    }
}

/// A person's rating of one turn.
public struct FeedbackRow: Sendable, Hashable, Codable {
    public enum Rating: String, Sendable, Hashable, Codable, CaseIterable {
        case up
        case down
    }

    public var turnID: String
    public var userID: UserID
    public var rating: Rating
    public var comment: String?
    public var at: Date

    public init(turnID: String, userID: UserID, rating: Rating, comment: String?, at: Date) {
        self.turnID = turnID
        self.userID = userID
        self.rating = rating
        self.comment = comment
        self.at = at
    }
}
