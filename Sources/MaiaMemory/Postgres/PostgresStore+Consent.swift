public import Foundation
public import MaiaCore
import PostgresNIO

extension PostgresStore {
    public func setTrainingConsent(
        _ training: Bool,
        hiddenNames: [String]?,
        at time: Date,
        for user: UserID
    ) async throws(MemoryError) -> TrainingConsent {
        let namesText = hiddenNames.map {
            JSONValue.array(TrainingConsent.normalised($0).map(JSONValue.string)).jsonText
        }
        let changedAt = time.roundedToMilliseconds
        return try await transaction("record the training consent", .user(user)) { connection in
            try await connection.query(
                """
                INSERT INTO training_consent (user_id, training, hidden_names, changed_at)
                VALUES (\(user.rawValue), \(training), COALESCE(\(namesText)::jsonb, '[]'::jsonb), \(changedAt))
                ON CONFLICT (user_id) DO UPDATE SET training = excluded.training,
                    hidden_names = COALESCE(\(namesText)::jsonb, training_consent.hidden_names),
                    changed_at = excluded.changed_at
                """,
                logger: logger
            )
            guard let stored = try await consentRow(for: user, on: connection) else {
                throw MemoryError(.storage, "the training consent was not stored")
            }
            return stored
        }
    }

    public func trainingConsent(for user: UserID) async throws(MemoryError) -> TrainingConsent? {
        try await transaction("read the training consent", .user(user)) { connection in
            try await consentRow(for: user, on: connection)
        }
    }

    private func consentRow(for user: UserID, on connection: PostgresConnection) async throws -> TrainingConsent? {
        try await collect(
            try await connection.query(
                """
                SELECT training, hidden_names::text, changed_at FROM training_consent
                WHERE user_id = \(user.rawValue)
                """,
                logger: logger
            )
        ) { row in
            TrainingConsent(
                userID: user.rawValue,
                training: try row[0].decode(Bool.self),
                hiddenNames: JSONValue(parsing: try row[1].decode(String.self))?.arrayValue?.compactMap(\.stringValue)
                    ?? [],
                changedAt: Date(milliseconds: try row[2].decode(Date.self).milliseconds)
            )
        }.first
    }
}
