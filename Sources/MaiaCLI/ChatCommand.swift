import ArgumentParser
import Foundation
import MaiaAgent
import MaiaApp
import MaiaCore

/// `maia chat`: an interactive conversation with memory, streamed.
struct ChatCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "chat",
        abstract: "Talk with MAIA; every turn is remembered.",
        discussion:
            "Type a message and press Enter. `exit`, Ctrl-D or Ctrl-C ends; every finished turn is already stored."
    )

    @OptionGroup var user: UserOption
    @Option(help: "The conversation session (default: one new session per chat).") var session: String?
    @Option(help: "Prefer this engine: claude or llama (default: the primary engine).") var engine: EngineChoice?

    func validate() throws {
        if let session { _ = try IDArgument.session(session) }
    }

    func run() async throws {
        let sessionID = try IDArgument.session(session ?? "chat-\(ISO8601.format(Date()).prefix(19))")
        let userID = try user.id
        try await Conversation.with(preferring: engine, backgroundIndexing: true) { conversation in
            let app = conversation.app
            let stopOnInterrupt = Conversation.onInterrupt {
                if let shadow = app.shadow { await app.finishShadow(shadow) }
                await app.engines.shutdown()
            }
            defer { stopOnInterrupt.cancel() }
            print(
                "MAIA is listening (user \(userID.rawValue), session \(sessionID.rawValue)). Type exit or Ctrl-D to end."
            )
            while true {
                print("you> ", terminator: "")
                fflush(nil)
                guard let line = readLine(), line.trimmingCharacters(in: .whitespaces).lowercased() != "exit" else {
                    break
                }
                print("maia> ", terminator: "")
                fflush(nil)
                do {
                    let outcome = try await conversation.turn(
                        TurnInput(user: userID, session: sessionID, message: line)
                    )
                    if outcome.kind != .answer { print(outcome.reply, terminator: "") }
                    print("")
                    TurnSummary.printTools(outcome)
                } catch {
                    print("")
                    Terminal.warn("\(error)")
                }
            }
        }
    }
}
