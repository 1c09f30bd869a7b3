import Foundation
import Logging
import MaiaApp
import MaiaConfig
import MaiaCore
import MaiaEmbedding
import MaiaMemory

/// The application as a CLI command sees it: memory commands, `ask`, `chat` and `shadow` open it through here.
typealias Runtime = MaiaApplication

extension MaiaApplication {
    /// Loads settings (stopping on bad configuration), builds the application for the duration of `body` (a Postgres
    /// pool runs only while `body` does) and runs `body`.
    static func with<T: Sendable>(
        preferring choice: EngineChoice? = nil,
        backgroundIndexing: Bool = false,
        _ body: (MaiaApplication) async throws -> T
    ) async throws -> T {
        let (settings, _) = try await SettingsLoader.load()
        return try await run(settings, options: .cli(preferring: choice, backgroundIndexing: backgroundIndexing), body)
    }

    /// Indexes the command's own queued work now (its messages, or its user's queue), so that what it stored is
    /// searchable when it returns; other users' backlogs are left to background indexing. Indexing failures are
    /// reported but never undo the stored messages: the outbox keeps the work for later.
    @discardableResult
    func indexPending(
        among selection: OutboxSelection,
        atMost bound: Int = .max,
        progress: (OutboxDrainer.Report) -> Void = { _ in }
    ) async -> OutboxDrainer.Report? {
        await indexer.indexPending(among: selection, atMost: bound, progress: progress)
    }
}

extension MaiaApplication.Options {
    /// A command's options: notices and warnings on stderr, nothing below warning logged.
    static func cli(preferring choice: EngineChoice? = nil, backgroundIndexing: Bool = false) -> Self {
        var logger = Logger(label: "maia")
        logger.logLevel = .warning
        return Self(
            preferring: choice,
            backgroundIndexing: backgroundIndexing,
            logger: logger,
            notice: { Terminal.warn($0) }
        )
    }
}

/// A user-facing error of the CLI: one line saying what was wrong and what is accepted.
typealias CLIError = AppError

/// Output helpers.
enum Terminal {
    static func warn(_ message: String) {
        FileHandle.standardError.write(Data("warning: \(message)\n".utf8))
    }

    /// Says on stderr what a command is doing (stdout stays its result).
    static func status(_ message: String) {
        FileHandle.standardError.write(Data("\(message)\n".utf8))
    }

    /// Reports progress on stderr: an interactive terminal gets one status line rewritten in place; a file or
    /// pipe gets one line per update, so that a log (or a supervising process) sees each step as it is reached.
    static func progress(_ message: String) {
        let interactive = isatty(STDERR_FILENO) == 1
        FileHandle.standardError.write(Data((interactive ? "\r\(message)" : "\(message)\n").utf8))
    }

    /// Ends the status line of ``progress(_:)`` on an interactive terminal.
    static func endProgress() {
        guard isatty(STDERR_FILENO) == 1 else { return }
        FileHandle.standardError.write(Data("\n".utf8))
    }
}
