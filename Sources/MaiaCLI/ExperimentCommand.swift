import ArgumentParser
import Foundation
import MaiaApp
import MaiaConfig
import MaiaCore
import MaiaExperiments
import MaiaMemory

/// `maia experiment …`: the routing experiment's share, kill switch and raw rows. The state lives in the store, so a
/// change made here is obeyed by every `maia serve` replica on that store within a second.
struct ExperimentCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "experiment",
        abstract: "Start, ramp, stop, clear and export the Llama routing experiment.",
        subcommands: [Status.self, Start.self, Ramp.self, Stop.self, Clear.self, Export.self, Report.self]
    )
}

/// The `--experiment` option shared by experiment commands.
struct ExperimentOption: ParsableArguments {
    @Option(name: .long, help: "The experiment (default: LLAMA_EXPERIMENT, llama-rollout).")
    var experiment: String?

    func validate() throws {
        if let experiment, !MaiaSettings.isExperimentName(experiment) {
            throw ValidationError("--experiment \"\(experiment.prefix(80))\": \(MaiaSettings.experimentNameRule)")
        }
    }

    /// Runs `body` with the experiment's controls over the configured store.
    func with<T: Sendable>(_ body: (ExperimentControl, MaiaApplication) async throws -> T) async throws -> T {
        try await Runtime.with { app in
            let name = experiment ?? app.settings.experiments.experimentName
            return try await body(ExperimentControl(store: app.store, experiment: name), app)
        }
    }
}

/// The `--percent` option of start and ramp.
struct PercentOption: ParsableArguments {
    @Option(name: .long, help: "The candidate's share of units, 0 to 100 (e.g. 5 or 12.5).")
    var percent: Double

    func validate() throws {
        do { _ = try ExperimentControl.checked(percent: percent) } catch {
            throw ValidationError("--percent: \(error)")
        }
    }
}

/// The `--reason` option of changes.
/// `--since`: only rows from this moment on, for the export and the report.
struct SinceOption: ParsableArguments {
    @Option(name: .long, help: "Only rows from this moment on (ISO 8601, e.g. 2026-12-01T00:00:00Z, the last ramp).")
    var since: String?

    func validate() throws { _ = try date() }

    func date() throws -> Date? {
        guard let since else { return nil }
        guard let date = try? Date(since, strategy: .iso8601) else {
            throw ValidationError(
                "--since \"\(since.prefix(40))\" is not an ISO 8601 time; use e.g. 2026-12-01T00:00:00Z"
            )
        }
        return date
    }
}

struct ReasonOption: ParsableArguments {
    @Option(name: .long, help: "Why, kept in the experiment's history.")
    var reason: String?

    func validate() throws {
        if let reason, reason.count > ExperimentControl.maxReason {
            throw ValidationError(
                "--reason is at most \(ExperimentControl.maxReason) characters (\(reason.count) given)"
            )
        }
    }
}

extension ExperimentCommand {
    /// Who a change made from the command line is recorded as.
    static var who: String { "cli:\(ProcessInfo.processInfo.environment["USER"] ?? "unknown")" }

    /// Prints a state the way `status` and every change show it.
    static func show(_ state: ExperimentState) {
        var line = "\(state.experiment): \(state.status.rawValue), candidate share \(state.percent.shownPercent)%"
        line += " (changed by \(state.changedBy) at \(state.changedAt.formatted(.iso8601))"
        line += state.reason.map { ": \($0))" } ?? ")"
        print(line)
    }

    struct Status: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show the stored state and its history.")
        @OptionGroup var experiment: ExperimentOption
        @OptionGroup var output: OutputOption

        func run() async throws {
            try await experiment.with { control, app in
                let state = try await control.status()
                let history = try await control.history()
                if output.json {
                    let states = JSONValue.array(history.map(ExperimentStateJSON.json))
                    print(
                        JSONValue.object(["state": state.map(ExperimentStateJSON.json) ?? .null, "history": states])
                            .jsonText
                    )
                    return
                }
                guard let state else {
                    let seed = app.settings.experiments.trafficPercent
                    print(
                        "\(control.experiment): not started yet (the first turn seeds it from LLAMA_TRAFFIC_PERCENT=\(seed.shownPercent))"
                    )
                    return
                }
                show(state)
                for change in history.dropLast() {
                    print(
                        "  earlier: \(change.status.rawValue) \(change.percent.shownPercent)% by \(change.changedBy) at \(change.changedAt.formatted(.iso8601))"
                    )
                }
            }
        }
    }

    struct Start: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Start routing a share of units to Llama.")
        @OptionGroup var experiment: ExperimentOption
        @OptionGroup var percent: PercentOption
        @OptionGroup var reason: ReasonOption

        func run() async throws {
            try await experiment.with { control, _ in
                show(try await control.start(percent: percent.percent, by: who, reason: reason.reason))
            }
        }
    }

    struct Ramp: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Change the share of a running experiment (up keeps every candidate unit a candidate)."
        )
        @OptionGroup var experiment: ExperimentOption
        @OptionGroup var percent: PercentOption
        @OptionGroup var reason: ReasonOption

        func run() async throws {
            try await experiment.with { control, _ in
                show(try await control.ramp(percent: percent.percent, by: who, reason: reason.reason))
            }
        }
    }

    struct Stop: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Kill switch: every unit back to Claude within a second, on every replica."
        )
        @OptionGroup var experiment: ExperimentOption
        @OptionGroup var reason: ReasonOption

        func run() async throws {
            try await experiment.with { control, _ in
                show(try await control.stop(by: who, reason: reason.reason))
            }
        }
    }

    struct Clear: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Acknowledge a guardrail rollback, so that the experiment can be started again."
        )
        @OptionGroup var experiment: ExperimentOption
        @OptionGroup var reason: ReasonOption

        func run() async throws {
            try await experiment.with { control, _ in
                show(try await control.clear(by: who, reason: reason.reason))
            }
        }
    }

    struct Export: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write the experiment's exposures, turns and feedback for analysts (JSON Lines or CSV)."
        )
        @OptionGroup var experiment: ExperimentOption
        @Option(name: .long, help: "jsonl or csv.")
        var format: ExperimentExport.Format = .jsonl
        @Option(name: .long, help: "Write to this file instead of stdout.")
        var out: String?
        @OptionGroup var since: SinceOption

        func run() async throws {
            let since = try self.since.date()
            try await experiment.with { control, app in
                let export = try await ExperimentExport.load(control.experiment, since: since, from: app.store)
                let text = export.text(format)
                guard let out else {
                    FileHandle.standardOutput.write(Data(text.utf8))
                    return
                }
                do {
                    try Data(text.utf8).write(to: URL(fileURLWithPath: out), options: .atomic)
                } catch {
                    throw CLIError("--out \(out): the file could not be written (\(error.localizedDescription))")
                }
                Terminal.status(
                    "wrote \(export.exposures.count) exposure(s), \(export.turns.count) turn(s), "
                        + "\(export.feedback.count) feedback row(s) to \(out)"
                )
            }
        }
    }
}

extension Double {
    /// A share without a trailing `.0`.
    var shownPercent: String { rounded() == self ? String(Int64(self)) : String(self) }
}
