public import Foundation
public import MaiaCore
public import MaiaMemory

/// The JSON shape of an experiment state, shared by `maia experiment status --json` and the admin routes.
public enum ExperimentStateJSON {
    /// `{experiment, status, percent, reason, changed_by, changed_at}`.
    public static func json(_ state: ExperimentState) -> JSONValue {
        [
            "experiment": .string(state.experiment),
            "status": .string(state.status.rawValue),
            "percent": .number(state.percent),
            "reason": state.reason.map(JSONValue.string) ?? .null,
            "changed_by": .string(state.changedBy),
            "changed_at": .string(state.changedAt.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true))),
        ]
    }
}

/// A rating given by `maia feedback` or `POST /v1/turns/{id}/feedback`, checked the same way for both.
public enum FeedbackInput {
    /// Longest comment, in characters.
    public static let maxComment = 2000

    /// The row to store, or an error saying what was wrong and what is accepted.
    public static func row(
        turn: String,
        user: UserID,
        rating: FeedbackRow.Rating,
        comment: String?,
        at: Date = Date()
    ) throws(AppError) -> FeedbackRow {
        guard (1...128).contains(turn.utf8.count), turn.unicodeScalars.allSatisfy({ (0x21...0x7E).contains($0.value) })
        else {
            throw AppError("a turn id is 1-128 visible ASCII characters (the turn_id a turn returned)")
        }
        if let comment {
            guard comment.count <= maxComment else {
                throw AppError("a comment is at most \(maxComment) characters; this one has \(comment.count)")
            }
            guard !comment.unicodeScalars.contains("\u{0}") else {
                throw AppError("a comment may not contain NUL characters")
            }
        }
        return FeedbackRow(
            turnID: turn,
            userID: user,
            rating: rating,
            comment: comment?.isEmpty == true ? nil : comment,
            at: at
        )
    }
}
