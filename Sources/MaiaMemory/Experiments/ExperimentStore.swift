public import Foundation
import MaiaCore

/// Where experiments keep their live state and their rows, in the canonical store (SQLite or PostgreSQL), so that
/// every replica reads the same share and every analysis reads the same rows.
///
/// Reads across users (`exposures`, `experimentTurns`, `feedback`) are for the operators' report and export; on
/// PostgreSQL they run as the `maia_experiments` role, which reaches the experiment tables and nothing else.
public protocol ExperimentStore: Sendable {
    /// The stored state of `experiment`, `nil` when it was never set.
    func experimentState(_ experiment: String) async throws(MemoryError) -> ExperimentState?

    /// Replaces the state of its experiment and appends it to the history, in one transaction.
    func setExperimentState(_ state: ExperimentState) async throws(MemoryError)

    /// Stores `state` only when the experiment has no state yet (the environment seeds, the stored state wins), and
    /// returns whichever state is stored afterwards.
    func seedExperimentState(_ state: ExperimentState) async throws(MemoryError) -> ExperimentState

    /// Every state the experiment had, oldest first.
    func experimentHistory(_ experiment: String) async throws(MemoryError) -> [ExperimentState]

    /// Stores the exposure unless the unit already has one in the experiment, and returns the stored one (the
    /// first assignment wins).
    @discardableResult
    func recordExposure(_ exposure: ExposureRow) async throws(MemoryError) -> ExposureRow

    /// Stores the unit's exposure if it is the first, and the turn (once per experiment, user and turn id: a retried
    /// turn is not counted twice), in one transaction.
    func recordTurn(_ turn: ExperimentTurnRow, exposure: ExposureRow) async throws(MemoryError)

    /// Stores (or replaces) the user's rating of one of their turns; throws `notFound` when `user` has no turn
    /// with that id — another user's turn included.
    func recordFeedback(_ feedback: FeedbackRow) async throws(MemoryError)

    /// The exposures of the experiment, oldest first, from `since` on when given.
    func exposures(_ experiment: String, since: Date?) async throws(MemoryError) -> [ExposureRow]

    /// The turns of the experiment, oldest first, from `since` on when given.
    func experimentTurns(_ experiment: String, since: Date?) async throws(MemoryError) -> [ExperimentTurnRow]

    /// The feedback on turns of the experiment, oldest first, from `since` on when given.
    func feedback(_ experiment: String, since: Date?) async throws(MemoryError) -> [FeedbackRow]
}

extension ExperimentTurnRow {
    /// The client id of the stored reply of the turn `turnID`: a turn's messages are stored under its id.
    public static func replyClientID(_ turnID: String) -> String { "\(turnID):maia" }
}
