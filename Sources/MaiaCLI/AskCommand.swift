import ArgumentParser
import Foundation
import MaiaAgent
import MaiaApp
import MaiaConfig
import MaiaCore
import MaiaEngines

/// `maia ask`: one completion without memory, for debugging an engine.
struct AskCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ask",
        abstract: "Send one message to an engine (no memory) and stream the reply.",
        discussion: """
            Without --user: one completion, no memory; --json prints {reply, engine, model, tool_calls, \
            usage:{input_tokens, output_tokens}, cost_usd, latency_ms, ttft_ms, finish_reason}. With --user: one \
            MAIA turn with memory (stored like a chat turn); --json prints the reply and all turn metadata.
            """
    )

    @Option(help: "The engine: claude or llama (default: the primary engine).")
    var engine: EngineChoice?

    @Flag(help: "Print one JSON object instead of streaming text.")
    var json = false

    @Option(help: "Answer as MAIA with this user's memory; the turn is stored (omit for a bare completion).")
    var user: String?

    @Option(help: "The session of the turn, with --user.")
    var session: String?

    @Argument(help: "The message.")
    var message: String

    func validate() throws {
        if let user { _ = try IDArgument.user(user) }
        if let session {
            guard user != nil else { throw ValidationError("--session needs --user") }
            _ = try IDArgument.session(session)
        }
    }

    /// One turn with memory through the agent, as `maia chat` runs it.
    private func memoryTurn(_ userID: UserID) async throws {
        let input = TurnInput(user: userID, session: try session.map { try IDArgument.session($0) }, message: message)
        let json = json
        try await Conversation.with(preferring: engine) { conversation in
            let outcome = try await conversation.turn(input, streaming: !json)
            if json {
                print(TurnReport.json(outcome, turnID: input.turnID).jsonText)
            } else {
                print(outcome.kind == .answer ? "" : outcome.reply)
                TurnSummary.printTools(outcome)
            }
        }
    }

    func run() async throws {
        if let user { return try await memoryTurn(try IDArgument.user(user)) }
        let (settings, _) = try await SettingsLoader.load()
        let paths = settings.localPaths()
        let engines = try EngineFactory.make(settings, paths: paths, announce: { Terminal.warn($0) })
        let chosen: any ReasoningEngine
        switch engine {
        case .claude?:
            guard let claude = engines.claude else {
                throw CLIError("ANTHROPIC_API_KEY is missing: --engine claude needs a key (or use --engine llama)")
            }
            chosen = claude
        case .llama?: chosen = engines.llama
        case nil:
            if let notice = engines.notice { Terminal.warn(notice) }
            chosen = engines.primary
        }
        let request = EngineRequest(
            messages: [.user(message)],
            parameters: engines.llamaParameters(for: chosen, settings)
        )
        let streamText = !json
        let reply = StreamedReply()
        let result: EngineResult
        do {
            result = try await chosen.complete(request, catalog: engines.catalog) { text in
                if streamText { reply.write(text) }
            }
        } catch {
            reply.endLine()
            await engines.shutdown()
            throw CLIError("\(chosen.name) failed: \(error)")
        }
        await engines.shutdown()
        if json {
            print(result.reportJSON(engine: chosen.name).jsonText)
        } else {
            print("")
        }
    }
}
