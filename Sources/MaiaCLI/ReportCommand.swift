import ArgumentParser
import Foundation
import MaiaApp
import MaiaConfig
import MaiaCore
import MaiaExperiments

/// `maia report`: aggregates the shadow log into a terminal table, JSON, and optionally one HTML file.
struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Summarise the shadow log: latency, tokens, cost, errors, tools and judge verdicts per engine.",
        discussion: """
            Reads MAIA's JSON Lines log and the seed's single JSON array. Unreadable lines are skipped and listed. \
            A log without any comparison has nothing to report: the command says so and exits with status 1. \
            --json prints the shape documented in README ("maia report").
            """
    )

    @Option(
        help: ArgumentHelp(
            "The shadow log to read (default: LLAMA_SHADOW_LOG_PATH, ./logs/llama-shadow-tests.json).",
            valueName: "PATH"
        )
    )
    var log: String?

    @Flag(help: "Print one JSON object instead of the table.")
    var json = false

    @Option(help: ArgumentHelp("Also write the report as one self-contained HTML page to FILE.", valueName: "FILE"))
    var html: String?

    func validate() throws {
        if let log, log.allSatisfy(\.isWhitespace) {
            throw ValidationError("--log needs the path of a shadow log (got an empty value)")
        }
        if let html { try ReportOutput.validate(html: html) }
    }

    func run() async throws {
        let path = try await logPath()
        let report = ShadowReport(try ReportInput.read(path))
        if report.isEmpty {
            throw CLIError(ReportInput.nothingToReport(path, skipped: report.skipped))
        }
        if let html {
            try ReportOutput.write(report.html(log: path, generated: Date()), to: html, log: path)
        }
        if json {
            print(report.json(log: path).jsonText)
        } else {
            print(report.text(log: path), terminator: "")
        }
    }

    /// `--log`, else the configured `LLAMA_SHADOW_LOG_PATH` (settings are loaded only when needed, so that
    /// reading a given log never depends on the rest of the configuration).
    private func logPath() async throws -> String {
        if let log { return log }
        return try await SettingsLoader.load().settings.experiments.shadowLogPath
    }
}
