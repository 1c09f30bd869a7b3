public import Foundation
import MaiaCore

extension SQLiteStore: ExperimentStore {
    public func experimentState(_ experiment: String) throws(MemoryError) -> ExperimentState? {
        try run("read the experiment state") {
            var state: ExperimentState?
            try connection.query(
                "SELECT \(Self.stateColumns) FROM experiment_state WHERE experiment = ?",
                [.text(experiment)]
            ) { state = Self.state($0) }
            return state
        }
    }

    public func setExperimentState(_ state: ExperimentState) throws(MemoryError) {
        try run("change the experiment state") {
            try connection.transaction { try write(state, replacing: true) }
        }
    }

    public func seedExperimentState(_ state: ExperimentState) throws(MemoryError) -> ExperimentState {
        try run("seed the experiment state") {
            try connection.transaction {
                try write(state, replacing: false)
                var stored = state
                try connection.query(
                    "SELECT \(Self.stateColumns) FROM experiment_state WHERE experiment = ?",
                    [.text(state.experiment)]
                ) { stored = Self.state($0) }
                return stored
            }
        }
    }

    public func experimentHistory(_ experiment: String) throws(MemoryError) -> [ExperimentState] {
        try run("read the experiment history") {
            var states: [ExperimentState] = []
            try connection.query(
                "SELECT \(Self.stateColumns) FROM experiment_history WHERE experiment = ? ORDER BY id",
                [.text(experiment)]
            ) { states.append(Self.state($0)) }
            return states
        }
    }

    @discardableResult
    public func recordExposure(_ exposure: ExposureRow) throws(MemoryError) -> ExposureRow {
        try run("record the exposure") {
            try connection.transaction { try insert(exposure) }
        }
    }

    public func recordTurn(_ turn: ExperimentTurnRow, exposure: ExposureRow) throws(MemoryError) {
        let checks = JSONValue.array(turn.failedChecks.map(JSONValue.string)).jsonText
        try run("record the experiment turn") {
            try connection.transaction {
                _ = try insert(exposure)
                try connection.query(
                    """
                    INSERT OR IGNORE INTO experiment_turns (experiment, user_id, turn_id, unit, session_id, arm, engine,
                        model, fell_back, failed, latency_ms, ttft_ms, input_tokens, output_tokens, cost_usd, tool_calls,
                        invalid_tool_calls, failed_checks, language, at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                    [
                        .text(turn.experiment), .text(turn.userID.rawValue), .text(turn.turnID), .text(turn.unit),
                        .optional(turn.sessionID?.rawValue), .text(turn.arm.rawValue), .text(turn.engine),
                        .text(turn.model), .integer(turn.fellBack ? 1 : 0), .integer(turn.failed ? 1 : 0),
                        .real(turn.latencyMs), turn.ttftMs.map { .real($0) } ?? .null,
                        .integer(Int64(turn.inputTokens)), .integer(Int64(turn.outputTokens)),
                        turn.costUSD.map { .real($0) } ?? .null, .integer(Int64(turn.toolCalls)),
                        .integer(Int64(turn.invalidToolCalls)), .text(checks), .text(turn.language),
                        .integer(turn.at.milliseconds),
                    ]
                )
            }
        }
    }

    public func recordFeedback(_ feedback: FeedbackRow) throws(MemoryError) {
        try run("record the feedback") {
            try connection.transaction {
                var owned = false
                try connection.query(
                    "SELECT 1 FROM messages WHERE user_id = ? AND client_id = ?",
                    [.text(feedback.userID.rawValue), .text(ExperimentTurnRow.replyClientID(feedback.turnID))]
                ) { _ in owned = true }
                guard owned else {
                    throw MemoryError(.notFound, "no answered turn with id \(feedback.turnID) for this user")
                }
                try connection.query(
                    """
                    INSERT INTO turn_feedback (user_id, turn_id, rating, comment, at) VALUES (?, ?, ?, ?, ?)
                    ON CONFLICT (user_id, turn_id) DO UPDATE SET rating = excluded.rating, comment = excluded.comment,
                        at = excluded.at
                    """,
                    [
                        .text(feedback.userID.rawValue), .text(feedback.turnID), .text(feedback.rating.rawValue),
                        .optional(feedback.comment), .integer(feedback.at.milliseconds),
                    ]
                )
            }
        }
    }

    public func exposures(_ experiment: String, since: Date?) throws(MemoryError) -> [ExposureRow] {
        try run("read the exposures") {
            var rows: [ExposureRow] = []
            try connection.query(
                """
                SELECT experiment, unit, arm, bucket, forced, exposed_at FROM experiment_exposures
                WHERE experiment = ? AND exposed_at >= ? ORDER BY exposed_at, unit
                """,
                [.text(experiment), .integer(since?.milliseconds ?? .min)]
            ) { row in
                rows.append(
                    ExposureRow(
                        experiment: row.text(0),
                        unit: row.text(1),
                        arm: Arm(rawValue: row.text(2)) ?? .control,
                        bucket: Int(row.integer(3)),
                        forced: row.integer(4) != 0,
                        exposedAt: Date(milliseconds: row.integer(5))
                    )
                )
            }
            return rows
        }
    }

    public func experimentTurns(_ experiment: String, since: Date?) throws(MemoryError) -> [ExperimentTurnRow] {
        try run("read the experiment turns") {
            var rows: [ExperimentTurnRow] = []
            try connection.query(
                """
                SELECT turn_id, experiment, unit, user_id, session_id, arm, engine, model, fell_back, failed, latency_ms,
                    ttft_ms, input_tokens, output_tokens, cost_usd, tool_calls, invalid_tool_calls, failed_checks,
                    language, at
                FROM experiment_turns WHERE experiment = ? AND at >= ? ORDER BY at, user_id, turn_id
                """,
                [.text(experiment), .integer(since?.milliseconds ?? .min)]
            ) { row in
                let checks = JSONValue(parsing: row.text(17))?.arrayValue?.compactMap(\.stringValue) ?? []
                rows.append(
                    ExperimentTurnRow(
                        turnID: row.text(0),
                        experiment: row.text(1),
                        unit: row.text(2),
                        userID: UserID(stored: row.text(3)),
                        sessionID: row.optionalText(4).map(SessionID.init(stored:)),
                        arm: Arm(rawValue: row.text(5)) ?? .control,
                        engine: row.text(6),
                        model: row.text(7),
                        fellBack: row.integer(8) != 0,
                        failed: row.integer(9) != 0,
                        latencyMs: row.real(10),
                        ttftMs: row.optionalReal(11),
                        inputTokens: Int(row.integer(12)),
                        outputTokens: Int(row.integer(13)),
                        costUSD: row.optionalReal(14),
                        toolCalls: Int(row.integer(15)),
                        invalidToolCalls: Int(row.integer(16)),
                        failedChecks: checks,
                        language: row.text(18),
                        at: Date(milliseconds: row.integer(19))
                    )
                )
            }
            return rows
        }
    }

    public func feedback(_ experiment: String, since: Date?) throws(MemoryError) -> [FeedbackRow] {
        try run("read the feedback") {
            var rows: [FeedbackRow] = []
            try connection.query(
                """
                SELECT f.turn_id, f.user_id, f.rating, f.comment, f.at FROM turn_feedback f
                WHERE f.at >= ? AND EXISTS (
                    SELECT 1 FROM experiment_turns t
                    WHERE t.experiment = ? AND t.user_id = f.user_id AND t.turn_id = f.turn_id
                )
                ORDER BY f.at, f.user_id, f.turn_id
                """,
                [.integer(since?.milliseconds ?? .min), .text(experiment)]
            ) { row in
                rows.append(
                    FeedbackRow(
                        turnID: row.text(0),
                        userID: UserID(stored: row.text(1)),
                        rating: FeedbackRow.Rating(rawValue: row.text(2)) ?? .down,
                        comment: row.optionalText(3),
                        at: Date(milliseconds: row.integer(4))
                    )
                )
            }
            return rows
        }
    }

    private static let stateColumns = "experiment, percent, status, reason, changed_by, changed_at"

    private static func state(_ row: SQLiteRow) -> ExperimentState {
        ExperimentState(
            experiment: row.text(0),
            percent: row.real(1),
            // An unknown status (written by a newer MAIA) reads as stopped: the safe side.
            status: ExperimentState.Status(rawValue: row.text(2)) ?? .stopped,
            reason: row.optionalText(3),
            changedBy: row.text(4),
            changedAt: Date(milliseconds: row.integer(5))
        )
    }

    /// Writes the state (replacing or only when absent) and, when it was written, its history entry.
    private func write(_ state: ExperimentState, replacing: Bool) throws {
        let values: [SQLiteValue] = [
            .text(state.experiment), .real(state.percent), .text(state.status.rawValue), .optional(state.reason),
            .text(state.changedBy), .integer(state.changedAt.milliseconds),
        ]
        try connection.query(
            """
            INSERT INTO experiment_state (experiment, percent, status, reason, changed_by, changed_at)
            VALUES (?, ?, ?, ?, ?, ?)
            ON CONFLICT (experiment) DO \(replacing ? Self.replaceState : "NOTHING")
            """,
            values
        )
        guard connection.changes > 0 else { return }
        try connection.query(
            """
            INSERT INTO experiment_history (experiment, percent, status, reason, changed_by, changed_at)
            VALUES (?, ?, ?, ?, ?, ?)
            """,
            values
        )
    }

    private static let replaceState = """
        UPDATE SET percent = excluded.percent, status = excluded.status, reason = excluded.reason,
            changed_by = excluded.changed_by, changed_at = excluded.changed_at
        """

    private func insert(_ exposure: ExposureRow) throws -> ExposureRow {
        try connection.query(
            """
            INSERT OR IGNORE INTO experiment_exposures (experiment, unit, arm, bucket, forced, exposed_at)
            VALUES (?, ?, ?, ?, ?, ?)
            """,
            [
                .text(exposure.experiment), .text(exposure.unit), .text(exposure.arm.rawValue),
                .integer(Int64(exposure.bucket)), .integer(exposure.forced ? 1 : 0),
                .integer(exposure.exposedAt.milliseconds),
            ]
        )
        guard connection.changes == 0 else { return exposure }
        var stored = exposure
        try connection.query(
            "SELECT arm, bucket, forced, exposed_at FROM experiment_exposures WHERE experiment = ? AND unit = ?",
            [.text(exposure.experiment), .text(exposure.unit)]
        ) { row in
            stored.arm = Arm(rawValue: row.text(0)) ?? .control
            stored.bucket = Int(row.integer(1))
            stored.forced = row.integer(2) != 0
            stored.exposedAt = Date(milliseconds: row.integer(3))
        }
        return stored
    }
}
