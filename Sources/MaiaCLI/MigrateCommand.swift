import ArgumentParser
import Foundation
import MaiaApp
import MaiaConfig
import MaiaEmbedding
import MaiaMemory

/// `maia migrate`: copies an embedded SQLite store into PostgreSQL, or (without `--from`) only brings a
/// PostgreSQL schema up to date, as a deployment's migration job does before new replicas start.
struct MigrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate",
        abstract: "Copy everything from a SQLite store into PostgreSQL; safe to re-run, verifies counts.",
        discussion: """
            Messages keep their ids, times, sessions, breakthrough flags and metadata. Re-running skips what was \
            copied, so an interrupted migration is resumed by running it again. Vectors made by the configured \
            embedder's model are copied with their messages; messages without one are queued in the target's \
            outbox (any maia command with DATABASE_URL set drains it; `maia memory reindex` does it at once). \
            Without --from, only the schema migrations are applied to the target (default: DATABASE_URL) and \
            nothing is copied: a deployment runs this once before starting new replicas.
            """
    )

    @Option(help: "The source, sqlite:PATH; without it only the target's schema is migrated.") var from: String?
    @Option(help: "The target, a postgres:// or postgresql:// URL (default: DATABASE_URL).") var to: String?

    func validate() throws {
        if let from {
            guard from.hasPrefix("sqlite:"), from.count > 7 else {
                throw ValidationError("--from must be sqlite:PATH, e.g. sqlite:./data/maia.sqlite")
            }
        }
        if let to {
            guard to.hasPrefix("postgres://") || to.hasPrefix("postgresql://") else {
                throw ValidationError("--to must be a postgres:// or postgresql:// URL")
            }
        }
    }

    func run() async throws {
        let (settings, _) = try await SettingsLoader.load()
        let target: String
        if let to {
            target = to
        } else if case .postgres(let url) = settings.store {
            target = url
        } else {
            throw CLIError("no target: give --to postgres://… or set DATABASE_URL")
        }
        let configuration = try PostgresStoreConfiguration(url: target)
        guard let from else {
            // withStore applies the pending migrations (under an advisory lock) before the body runs.
            try await PostgresStore.withStore(configuration: configuration) { _ in }
            print("schema up to date")
            return
        }
        let path = String(from.dropFirst("sqlite:".count))
        // Opening a missing path would create an empty database and "migrate" nothing; refuse instead.
        guard FileManager.default.fileExists(atPath: path) else {
            throw CLIError("no SQLite database at \(path)")
        }
        let source = try SQLiteStore(path: path)
        // Vectors are worth copying only if they come from the model the target will search with.
        let model = await Runtime.embedder(
            settings.embedder,
            paths: settings.localPaths(),
            options: .cli()
        )?.modelID
        let report = try await PostgresStore.withStore(configuration: configuration) { target in
            try await StoreMigration(from: source, to: target, vectorModel: model).run { progress in
                Terminal.progress("copied \(progress.copied), already there \(progress.skipped)")
            }
        }
        Terminal.endProgress()
        print("migrated \(report.users) user(s): \(report.copied) message(s) copied, \(report.skipped) already there")
        guard report.mismatches.isEmpty else {
            throw CLIError("counts differ after the copy: \(report.mismatches.joined(separator: "; "))")
        }
        print("verified: every user has the same number of messages in both stores")
        if let model {
            print("\(report.vectors) vector(s) of \(model) in the target; the rest are queued for embedding")
        }
    }
}
