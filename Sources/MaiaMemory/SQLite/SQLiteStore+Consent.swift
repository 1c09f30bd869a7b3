public import Foundation
public import MaiaCore

extension SQLiteStore {
    public func setTrainingConsent(
        _ training: Bool,
        hiddenNames: [String]?,
        at time: Date,
        for user: UserID
    ) throws(MemoryError) -> TrainingConsent {
        let names = hiddenNames.map(TrainingConsent.normalised)
        let namesText = names.map { JSONValue.array($0.map(JSONValue.string)).jsonText }
        return try run("record the training consent") {
            try connection.transaction {
                try connection.query(
                    """
                    INSERT INTO training_consent (user_id, training, hidden_names, changed_at)
                    VALUES (?, ?, COALESCE(?, '[]'), ?)
                    ON CONFLICT (user_id) DO UPDATE SET training = excluded.training,
                        hidden_names = COALESCE(?, training_consent.hidden_names), changed_at = excluded.changed_at
                    """,
                    [
                        .text(user.rawValue), .integer(training ? 1 : 0), .optional(namesText),
                        .integer(time.milliseconds), .optional(namesText),
                    ]
                )
                guard let stored = try consentRow(for: user) else {
                    throw MemoryError(.storage, "the training consent was not stored")
                }
                return stored
            }
        }
    }

    public func trainingConsent(for user: UserID) throws(MemoryError) -> TrainingConsent? {
        try run("read the training consent") { try consentRow(for: user) }
    }

    private func consentRow(for user: UserID) throws -> TrainingConsent? {
        var consent: TrainingConsent?
        try connection.query(
            "SELECT training, hidden_names, changed_at FROM training_consent WHERE user_id = ?",
            [.text(user.rawValue)]
        ) { row in
            let names = JSONValue(parsing: row.text(1))?.arrayValue?.compactMap(\.stringValue) ?? []
            consent = TrainingConsent(
                userID: user.rawValue,
                training: row.integer(0) != 0,
                hiddenNames: names,
                changedAt: Date(milliseconds: row.integer(2))
            )
        }
        return consent
    }
}
