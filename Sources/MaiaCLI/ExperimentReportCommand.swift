import ArgumentParser
import Foundation
import MaiaApp
import MaiaConfig
import MaiaCore
import MaiaExperiments
import MaiaMemory

extension ExperimentCommand {
    /// `maia experiment report`: the A/B statistics of the routing experiment, from the rows in the store.
    struct Report: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Compare Llama with Claude: sample-ratio check, guardrails, every metric with 95% intervals.",
            discussion: """
                Reads the experiment's exposures, turns and feedback from the store. The sample-ratio check comes \
                first: a mismatch (p < 0.001) means every other number is suspect. Decisions use always-valid \
                (mSPRT) intervals, so the report may be read every day. --json prints the shape documented in \
                README ("maia experiment report"); docs/experiment-statistics.md explains the methods.
                """
        )

        @OptionGroup var experiment: ExperimentOption

        @Flag(help: "Print one JSON object instead of the tables.")
        var json = false

        @Option(help: ArgumentHelp("Also write the report as one self-contained HTML page to FILE.", valueName: "FILE"))
        var html: String?

        @OptionGroup var since: SinceOption

        @Option(
            name: .long,
            help: ArgumentHelp(
                "The candidate share (percent, above 0 and below 100) the exposures were made under, for the "
                    + "sample-ratio test (default: the stored share while the experiment runs).",
                valueName: "P"
            )
        )
        var split: Double?

        @Option(
            name: .long,
            help: "Units (both arms) at which the sequential test is tightest: the size you expect to decide at."
        )
        var targetUnits = SequentialTest().targetUnits

        func validate() throws {
            if let html { try ReportOutput.validate(html: html) }
            if let split, !(split > 0 && split < 100) {
                throw ValidationError("--split \(split) is not accepted: it must be a percentage above 0 and below 100")
            }
            guard (100...100_000_000).contains(targetUnits) else {
                throw ValidationError(
                    "--target-units \(targetUnits) is not accepted: it must be a whole number from 100 to 100000000"
                )
            }
        }

        func run() async throws {
            let since = try self.since.date()
            let report = try await experiment.with { control, app in
                guard let state = try await control.status() else {
                    throw CLIError("\(control.experiment) has not started yet: nothing to report")
                }
                return try await ExperimentReport.load(
                    state: state,
                    from: app.store,
                    thresholds: app.settings.guardrails.thresholds,
                    since: since,
                    splitPercent: split,
                    targetUnits: targetUnits
                )
                .report
            }
            if report.isEmpty {
                throw CLIError("\(report.analysis.state.experiment) has no exposure or turn yet: nothing to report")
            }
            if let html {
                try ReportOutput.write(report.html(generated: Date()), to: html, log: nil)
            }
            if json {
                print(report.json().jsonText)
            } else {
                print(report.text(), terminator: "")
            }
        }
    }
}
