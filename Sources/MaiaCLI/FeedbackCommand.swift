import ArgumentParser
import Foundation
import MaiaApp
import MaiaCore
import MaiaMemory

/// `maia feedback`: a person's thumbs up or down on one of their turns, as `POST /v1/turns/{id}/feedback` records it.
struct FeedbackCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "feedback",
        abstract: "Record a user's rating (up or down) of one of their turns."
    )

    @OptionGroup var user: UserOption
    @Option(name: .long, help: "The turn id (turn_id of maia ask --json or of the API).")
    var turn: String
    @Option(name: .long, help: "up or down.")
    var rating: FeedbackRow.Rating
    @Option(name: .long, help: "A comment, at most \(FeedbackInput.maxComment) characters.")
    var comment: String?

    func validate() throws {
        do { _ = try FeedbackInput.row(turn: turn, user: try user.id, rating: rating, comment: comment) } catch {
            throw ValidationError("\(error)")
        }
    }

    func run() async throws {
        let row = try FeedbackInput.row(turn: turn, user: try user.id, rating: rating, comment: comment)
        try await Runtime.with { app in
            do {
                try await app.store.recordFeedback(row)
            } catch let error as MemoryError where error.code == .notFound {
                throw CLIError("--turn \(turn): user \(row.userID.rawValue) has no answered turn with that id")
            }
            print("recorded \(rating.rawValue) for turn \(turn)")
        }
    }
}
