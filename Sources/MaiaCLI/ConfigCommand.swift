import ArgumentParser
import MaiaConfig

/// `maia config …`: inspect the effective configuration.
struct ConfigCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config",
        abstract: "Inspect MAIA's configuration.",
        subcommands: [Show.self, Example.self]
    )

    /// `maia config show`: every variable with its effective value and source; secrets redacted.
    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print the effective configuration with the source of each value (secrets redacted)."
        )

        func run() async throws {
            let raw = try await SettingsLoader.loadRaw()
            for line in SettingsReport.lines(for: raw) { print(line) }
            // Validation runs after printing so that the table helps to find the bad value.
            _ = try MaiaSettings(raw)
        }
    }

    /// `maia config example`: the `.env.example` template.
    struct Example: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print a .env template listing every variable with its default and accepted values."
        )

        func run() async throws {
            print(SettingsReport.envExample(), terminator: "")
        }
    }
}
