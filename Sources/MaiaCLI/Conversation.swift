import Foundation
import MaiaAgent
import MaiaApp
import MaiaCore
import MaiaEngines
import MaiaMemory
import Synchronization

/// One CLI conversation (`chat`, `ask --user`) over the application.
struct Conversation {
    let app: MaiaApplication

    /// Opens the application for the duration of `body`, saying once which engine answers and where shadow
    /// comparisons go; `preferring` puts that engine first and the other configured one after it as the fallback.
    /// A chat indexes in the background between turns; a one-shot turn indexes before it returns.
    static func with<T: Sendable>(
        preferring choice: EngineChoice?,
        backgroundIndexing: Bool = false,
        _ body: (Conversation) async throws -> T
    ) async throws -> T {
        try await Runtime.with(preferring: choice, backgroundIndexing: backgroundIndexing) { app in
            for notice in app.startupNotices { Terminal.warn(notice) }
            return try await body(Conversation(app: app))
        }
    }

    /// Answers one message, streaming the reply to stdout and tool use to stderr; without background indexing the
    /// new messages are indexed before it returns.
    ///
    /// Text cut off by a failure is ended with a newline before anything else is said, so that neither the error
    /// nor the next engine's answer runs onto the first engine's fragment.
    func turn(_ input: TurnInput, streaming: Bool = true) async throws -> TurnOutcome {
        let reply = StreamedReply()
        let outcome: TurnOutcome
        do {
            outcome = try await app.respond(input) { event in
                switch event {
                case .textDelta(let text) where streaming:
                    reply.write(text)
                case .fallback(let from, let to):
                    let cut = reply.endLine()
                    Terminal.warn(
                        "\(from) failed\(cut ? " (its partial reply above is void)" : ""); \(to) answers instead"
                    )
                default:
                    break
                }
            }
        } catch {
            reply.endLine()
            throw error
        }
        if !app.options.backgroundIndexing { await app.indexPending(among: .messages(outcome.storedMessageIDs)) }
        return outcome
    }

    /// Runs `cleanup` and exits with status 0 when the user presses Ctrl-C: turns are stored before their reply is
    /// shown, so nothing finished is lost.
    static func onInterrupt(_ cleanup: @escaping @Sendable () async -> Void) -> any DispatchSourceSignal {
        signal(SIGINT, SIG_IGN)
        let source = DispatchSource.makeSignalSource(signal: SIGINT)
        source.setEventHandler {
            Task {
                await cleanup()
                print("")
                Foundation.exit(0)
            }
        }
        source.resume()
        return source
    }
}

/// One line about the memory tools a turn used, on stderr so that stdout stays the conversation.
enum TurnSummary {
    static func printTools(_ outcome: TurnOutcome) {
        guard let run = outcome.run else { return }
        let tools = run.toolCalls.map(\.name)
        let used = tools.isEmpty ? "no memory tools" : "memory: " + tools.joined(separator: ", ")
        let cost = run.costUSD.map { String(format: ", $%.5f", $0) } ?? ""
        let line =
            "  [\(run.engine) · \(used) · \(run.usage.totalInputTokens)→\(run.usage.outputTokens) tokens\(cost) · "
            + "\(Int(run.latency.milliseconds)) ms]\n"
        FileHandle.standardError.write(Data(line.utf8))
    }
}

/// Reply text streamed to stdout, remembering whether its last line is still open.
final class StreamedReply: Sendable {
    private let open = Mutex(false)

    /// Writes `text` to stdout.
    func write(_ text: String) {
        guard !text.isEmpty else { return }
        FileHandle.standardOutput.write(Data(text.utf8))
        open.withLock { $0 = !text.hasSuffix("\n") }
    }

    /// Ends an open line with a newline; returns whether there was one (text was shown and cut off).
    @discardableResult
    func endLine() -> Bool {
        open.withLock { isOpen in
            guard isOpen else { return false }
            FileHandle.standardOutput.write(Data("\n".utf8))
            isOpen = false
            return true
        }
    }
}
