public import Foundation
import MaiaCore
import PostgresNIO

extension PostgresStore: ExperimentStore {
    public func experimentState(_ experiment: String) async throws(MemoryError) -> ExperimentState? {
        try await transaction("read the experiment state", .experiments) { connection in
            try await collect(
                try await connection.query(
                    "SELECT \(unescaped: Self.stateColumns) FROM experiment_state WHERE experiment = \(experiment)",
                    logger: logger
                ),
                Self.state
            ).first
        }
    }

    public func setExperimentState(_ state: ExperimentState) async throws(MemoryError) {
        try await transaction("change the experiment state", .experiments) { connection in
            try await write(state, replacing: true, on: connection)
        }
    }

    public func seedExperimentState(_ state: ExperimentState) async throws(MemoryError) -> ExperimentState {
        try await transaction("seed the experiment state", .experiments) { connection in
            try await write(state, replacing: false, on: connection)
            return try await collect(
                try await connection.query(
                    """
                    SELECT \(unescaped: Self.stateColumns) FROM experiment_state WHERE experiment = \(state.experiment)
                    """,
                    logger: logger
                ),
                Self.state
            ).first ?? state
        }
    }

    public func experimentHistory(_ experiment: String) async throws(MemoryError) -> [ExperimentState] {
        try await transaction("read the experiment history", .experiments) { connection in
            try await collect(
                try await connection.query(
                    """
                    SELECT \(unescaped: Self.stateColumns) FROM experiment_history WHERE experiment = \(experiment)
                    ORDER BY id
                    """,
                    logger: logger
                ),
                Self.state
            )
        }
    }

    @discardableResult
    public func recordExposure(_ exposure: ExposureRow) async throws(MemoryError) -> ExposureRow {
        try await transaction("record the exposure", .experiments) { connection in
            try await insert(exposure, on: connection)
        }
    }

    public func recordTurn(_ turn: ExperimentTurnRow, exposure: ExposureRow) async throws(MemoryError) {
        try await transaction("record the experiment turn", .experiments) { connection in
            _ = try await insert(exposure, on: connection)
            try await connection.query(
                """
                INSERT INTO experiment_turns (experiment, user_id, turn_id, unit, session_id, arm, engine, model,
                    fell_back, failed, latency_ms, ttft_ms, input_tokens, output_tokens, cost_usd, tool_calls,
                    invalid_tool_calls, failed_checks, language, at)
                VALUES (\(turn.experiment), \(turn.userID.rawValue), \(turn.turnID), \(turn.unit),
                    \(turn.sessionID?.rawValue), \(turn.arm.rawValue), \(turn.engine), \(turn.model), \(turn.fellBack),
                    \(turn.failed), \(turn.latencyMs), \(turn.ttftMs), \(turn.inputTokens), \(turn.outputTokens),
                    \(turn.costUSD), \(turn.toolCalls), \(turn.invalidToolCalls), \(turn.failedChecks),
                    \(turn.language), \(turn.at.roundedToMilliseconds))
                ON CONFLICT (experiment, user_id, turn_id) DO NOTHING
                """,
                logger: logger
            )
        }
    }

    public func recordFeedback(_ feedback: FeedbackRow) async throws(MemoryError) {
        let user = feedback.userID
        try await transaction("record the feedback", .user(user)) { connection in
            let owned = try await collect(
                try await connection.query(
                    """
                    SELECT 1 FROM messages WHERE user_id = \(user.rawValue)
                    AND client_id = \(ExperimentTurnRow.replyClientID(feedback.turnID))
                    """,
                    logger: logger
                )
            ) { _ in true }
            guard !owned.isEmpty else {
                throw MemoryError(.notFound, "no answered turn with id \(feedback.turnID) for this user")
            }
            try await connection.query(
                """
                INSERT INTO turn_feedback (user_id, turn_id, rating, comment, at)
                VALUES (\(user.rawValue), \(feedback.turnID), \(feedback.rating.rawValue), \(feedback.comment),
                    \(feedback.at.roundedToMilliseconds))
                ON CONFLICT (user_id, turn_id) DO UPDATE SET rating = excluded.rating, comment = excluded.comment,
                    at = excluded.at
                """,
                logger: logger
            )
        }
    }

    public func exposures(_ experiment: String, since: Date?) async throws(MemoryError) -> [ExposureRow] {
        let since = since?.roundedToMilliseconds
        return try await transaction("read the exposures", .experiments) { connection in
            try await collect(
                try await connection.query(
                    """
                    SELECT experiment, unit, arm, bucket, forced, exposed_at FROM experiment_exposures
                    WHERE experiment = \(experiment) AND (\(since)::timestamptz IS NULL OR exposed_at >= \(since))
                    ORDER BY exposed_at, unit
                    """,
                    logger: logger
                )
            ) { row in
                ExposureRow(
                    experiment: try row[0].decode(String.self),
                    unit: try row[1].decode(String.self),
                    arm: Arm(rawValue: try row[2].decode(String.self)) ?? .control,
                    bucket: try row[3].decode(Int.self),
                    forced: try row[4].decode(Bool.self),
                    exposedAt: try row[5].decode(Date.self).roundedToMilliseconds
                )
            }
        }
    }

    public func experimentTurns(_ experiment: String, since: Date?) async throws(MemoryError) -> [ExperimentTurnRow] {
        let since = since?.roundedToMilliseconds
        return try await transaction("read the experiment turns", .experiments) { connection in
            try await collect(
                try await connection.query(
                    """
                    SELECT turn_id, experiment, unit, user_id, session_id, arm, engine, model, fell_back, failed,
                        latency_ms, ttft_ms, input_tokens, output_tokens, cost_usd, tool_calls, invalid_tool_calls,
                        failed_checks, language, at
                    FROM experiment_turns
                    WHERE experiment = \(experiment) AND (\(since)::timestamptz IS NULL OR at >= \(since))
                    ORDER BY at, user_id, turn_id
                    """,
                    logger: logger
                ),
                Self.turn
            )
        }
    }

    public func feedback(_ experiment: String, since: Date?) async throws(MemoryError) -> [FeedbackRow] {
        let since = since?.roundedToMilliseconds
        return try await transaction("read the feedback", .experiments) { connection in
            try await collect(
                try await connection.query(
                    """
                    SELECT f.turn_id, f.user_id, f.rating, f.comment, f.at FROM turn_feedback f
                    WHERE (\(since)::timestamptz IS NULL OR f.at >= \(since)) AND EXISTS (
                        SELECT 1 FROM experiment_turns t
                        WHERE t.experiment = \(experiment) AND t.user_id = f.user_id AND t.turn_id = f.turn_id
                    )
                    ORDER BY f.at, f.user_id, f.turn_id
                    """,
                    logger: logger
                )
            ) { row in
                FeedbackRow(
                    turnID: try row[0].decode(String.self),
                    userID: UserID(stored: try row[1].decode(String.self)),
                    rating: FeedbackRow.Rating(rawValue: try row[2].decode(String.self)) ?? .down,
                    comment: try row[3].decode(String?.self),
                    at: try row[4].decode(Date.self).roundedToMilliseconds
                )
            }
        }
    }

    private static let stateColumns = "experiment, percent, status, reason, changed_by, changed_at"

    private static func state(_ row: PostgresRandomAccessRow) throws -> ExperimentState {
        ExperimentState(
            experiment: try row[0].decode(String.self),
            percent: try row[1].decode(Double.self),
            // An unknown status (written by a newer MAIA) reads as stopped: the safe side.
            status: ExperimentState.Status(rawValue: try row[2].decode(String.self)) ?? .stopped,
            reason: try row[3].decode(String?.self),
            changedBy: try row[4].decode(String.self),
            changedAt: try row[5].decode(Date.self).roundedToMilliseconds
        )
    }

    private static func turn(_ row: PostgresRandomAccessRow) throws -> ExperimentTurnRow {
        ExperimentTurnRow(
            turnID: try row[0].decode(String.self),
            experiment: try row[1].decode(String.self),
            unit: try row[2].decode(String.self),
            userID: UserID(stored: try row[3].decode(String.self)),
            sessionID: try row[4].decode(String?.self).map(SessionID.init(stored:)),
            arm: Arm(rawValue: try row[5].decode(String.self)) ?? .control,
            engine: try row[6].decode(String.self),
            model: try row[7].decode(String.self),
            fellBack: try row[8].decode(Bool.self),
            failed: try row[9].decode(Bool.self),
            latencyMs: try row[10].decode(Double.self),
            ttftMs: try row[11].decode(Double?.self),
            inputTokens: try row[12].decode(Int.self),
            outputTokens: try row[13].decode(Int.self),
            costUSD: try row[14].decode(Double?.self),
            toolCalls: try row[15].decode(Int.self),
            invalidToolCalls: try row[16].decode(Int.self),
            failedChecks: try row[17].decode([String].self),
            language: try row[18].decode(String.self),
            at: try row[19].decode(Date.self).roundedToMilliseconds
        )
    }

    /// Writes the state (replacing or only when absent) and, when it was written, its history entry.
    private func write(_ state: ExperimentState, replacing: Bool, on connection: PostgresConnection) async throws {
        let changedAt = state.changedAt.roundedToMilliseconds
        let written = try await collect(
            try await connection.query(
                """
                INSERT INTO experiment_state (experiment, percent, status, reason, changed_by, changed_at)
                VALUES (\(state.experiment), \(state.percent), \(state.status.rawValue), \(state.reason),
                    \(state.changedBy), \(changedAt))
                ON CONFLICT (experiment) DO UPDATE SET percent = excluded.percent, status = excluded.status,
                    reason = excluded.reason, changed_by = excluded.changed_by, changed_at = excluded.changed_at
                WHERE \(replacing)
                RETURNING 1
                """,
                logger: logger
            )
        ) { _ in true }
        guard !written.isEmpty else { return }
        try await connection.query(
            """
            INSERT INTO experiment_history (experiment, percent, status, reason, changed_by, changed_at)
            VALUES (\(state.experiment), \(state.percent), \(state.status.rawValue), \(state.reason),
                \(state.changedBy), \(changedAt))
            """,
            logger: logger
        )
    }

    private func insert(_ exposure: ExposureRow, on connection: PostgresConnection) async throws -> ExposureRow {
        let inserted = try await collect(
            try await connection.query(
                """
                INSERT INTO experiment_exposures (experiment, unit, arm, bucket, forced, exposed_at)
                VALUES (\(exposure.experiment), \(exposure.unit), \(exposure.arm.rawValue), \(exposure.bucket),
                    \(exposure.forced), \(exposure.exposedAt.roundedToMilliseconds))
                ON CONFLICT (experiment, unit) DO NOTHING RETURNING 1
                """,
                logger: logger
            )
        ) { _ in true }
        guard inserted.isEmpty else { return exposure }
        var stored = exposure
        for try await (arm, bucket, forced, at) in try await connection.query(
            """
            SELECT arm, bucket, forced, exposed_at FROM experiment_exposures
            WHERE experiment = \(exposure.experiment) AND unit = \(exposure.unit)
            """,
            logger: logger
        ).decode((String, Int, Bool, Date).self) {
            stored.arm = Arm(rawValue: arm) ?? .control
            stored.bucket = bucket
            stored.forced = forced
            stored.exposedAt = at.roundedToMilliseconds
        }
        return stored
    }
}
