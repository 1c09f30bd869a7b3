import ArgumentParser

/// The `maia` command: parses arguments and wires components; the work happens in the libraries.
@main
struct Maia: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "maia",
        abstract: "MAIA Core: a memory-aware AI companion backend.",
        version: MaiaVersion.current,
        subcommands: [
            ChatCommand.self, AskCommand.self, MemoryCommand.self, HealthCommand.self, ConfigCommand.self,
            MigrateCommand.self, LlamaCommand.self, ShadowCommand.self, ReportCommand.self, ServeCommand.self,
            KeysCommand.self, MCPCommand.self, ExperimentCommand.self, FeedbackCommand.self, ExportCommand.self,
        ]
    )

    /// Refuses repeated single-value options, then parses and runs the command as swift-argument-parser does.
    static func main() async {
        do {
            try RepeatedOptions.check(Array(CommandLine.arguments.dropFirst()))
        } catch {
            exit(withError: error)
        }
        await main(nil)
    }
}

/// The version printed by `maia --version`.
enum MaiaVersion {
    static let current = "0.1.0"
}
