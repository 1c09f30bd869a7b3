import ArgumentParser
import Foundation
import MaiaApp
import MaiaConfig
import MaiaCore
import MaiaExperiments

/// `maia export …`: training sets for MAIA's own model, from consenting people only (see `maia memory consent`).
struct ExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write fine-tuning and distillation sets from consenting users' conversations, scrubbed.",
        subcommands: [Finetune.self, Distill.self]
    )

    /// `maia export finetune`: stored conversations as training examples.
    struct Finetune: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write consenting users' stored conversations as a fine-tuning set (JSON Lines).",
            discussion: """
                One conversation window per line. Validation examples (--val-share of the users, never a user in \
                both) go to the --out file with .val before its extension. A summary goes to stderr (or stdout \
                with --json).
                """
        )
        @OptionGroup var options: TrainingSetOptions
        @Option(
            name: .long,
            help: "Turns per example: longer sessions are cut into windows of this many turns (1-100)."
        )
        var maxTurns = 8

        func validate() throws {
            guard (1...100).contains(maxTurns) else {
                throw ValidationError("--max-turns must be from 1 to 100 (got \(maxTurns))")
            }
        }

        func run() async throws {
            var exportOptions = try options.exportOptions()
            exportOptions.maxTurns = maxTurns
            let set = try await Runtime.with { runtime in
                try await TrainingExporter(store: runtime.store).finetune(exportOptions)
            }
            try options.write(set)
        }
    }

    /// `maia export distill`: the shadow log's turns the judge won for the primary, as targets for the candidate.
    struct Distill: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write the shadow log's judge-preferred primary answers as a distillation set (JSON Lines).",
            discussion: """
                Keeps the comparisons where the judge preferred the primary's answer in both orders, from \
                consenting users only: the candidate's prompt with the primary's answer as its target.
                """
        )
        @OptionGroup var options: TrainingSetOptions
        @Option(name: .long, help: "The shadow log to read (default: LLAMA_SHADOW_LOG_PATH).")
        var log: String?

        func run() async throws {
            let exportOptions = try options.exportOptions()
            let set = try await Runtime.with { runtime in
                let path = log ?? runtime.settings.experiments.shadowLogPath
                let contents = try ReportInput.read(path)
                if !contents.skipped.isEmpty {
                    Terminal.warn("\(contents.skipped.count) unreadable line(s) of \(path) skipped")
                }
                return try await TrainingExporter(store: runtime.store).distill(contents.records, exportOptions)
            }
            try options.write(set)
        }
    }
}

/// The options every training export shares.
struct TrainingSetOptions: ParsableArguments {
    @Option(name: .long, help: "The file to write the training examples to (validation goes beside it).")
    var out: String
    @Option(name: .long, help: "messages (TRL, axolotl, torchtune), openai, or llama3-text.")
    var format: TrainingFormat = .messages
    @OptionGroup var since: SinceOption
    @Option(name: .long, help: "Share of users whose examples go to validation, 0 to 0.5.")
    var valShare = 0.05
    @Flag(name: .long, help: "Also export turns flagged as a crisis (left out by default).")
    var includeCrisis = false
    @OptionGroup var output: OutputOption

    func validate() throws {
        guard valShare.isFinite, (0...0.5).contains(valShare) else {
            throw ValidationError("--val-share must be from 0 to 0.5 (got \(valShare))")
        }
        try ReportOutput.validate(file: out, option: "--out")
        guard validationPath != out else {
            throw ValidationError("--out \(out): the validation file would be the same file; name it with an extension")
        }
    }

    func exportOptions() throws -> TrainingExportOptions {
        TrainingExportOptions(
            format: format,
            since: try since.date(),
            validationShare: valShare,
            includeCrisis: includeCrisis
        )
    }

    /// `out` with `.val` before its extension (`train.jsonl` → `train.val.jsonl`; `train` → `train.val`).
    var validationPath: String {
        let ext = URL(fileURLWithPath: out).pathExtension
        return ext.isEmpty ? out + ".val" : String(out.dropLast(ext.count + 1)) + ".val." + ext
    }

    /// Writes both splits (each replaced atomically) and the summary.
    func write(_ set: TrainingSet) throws {
        for (path, lines) in [(out, set.train), (validationPath, set.validation)] {
            let text = lines.map { $0 + "\n" }.joined()
            do {
                try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
            } catch {
                throw CLIError("cannot write \(path): \(error.localizedDescription)")
            }
        }
        var summary = set.summary.json
        if case .object(var members) = summary {
            members["files"] = ["train": .string(out), "validation": .string(validationPath)]
            summary = .object(members)
        }
        if output.json {
            print(summary.jsonText)
        } else {
            Terminal.status(set.summary.text + "\nwrote \(out) and \(validationPath)")
        }
    }
}
