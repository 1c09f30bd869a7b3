import ArgumentParser
import Foundation
import MaiaConfig
import MaiaCore
import MaiaEngines

/// `maia ask`: one completion without memory, for debugging an engine.
struct AskCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ask",
        abstract: "Send one message to an engine (no memory) and stream the reply.",
        discussion: """
            --json prints {reply, engine, model, tool_calls, usage:{input_tokens, output_tokens}, cost_usd, \
            latency_ms, ttft_ms, finish_reason} instead of streaming text.
            """
    )

    @Option(help: "The engine: claude or llama (default: the primary engine).")
    var engine: EngineChoice?

    @Flag(help: "Print one JSON object instead of streaming text.")
    var json = false

    @Argument(help: "The message.")
    var message: String

    func run() async throws {
        let (settings, _) = try await SettingsLoader.load()
        let engines = try EngineFactory.make(settings)
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
            parameters: GenerationParameters(
                maxTokens: settings.llama.maxTokens,
                temperature: settings.llama.temperature
            )
        )
        let streamText = !json
        let result: EngineResult
        do {
            result = try await chosen.complete(request) { text in
                if streamText { FileHandle.standardOutput.write(Data(text.utf8)) }
            }
        } catch {
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
