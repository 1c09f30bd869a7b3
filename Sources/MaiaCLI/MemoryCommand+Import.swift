import ArgumentParser
import Foundation
import MaiaApp
import MaiaCore
import MaiaMemory

extension MemoryCommand {
    /// `maia memory import`: stores a JSON Lines file, stopping at the first bad line and keeping those before.
    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import messages from a JSON Lines file.",
            discussion: """
                One JSON object a line: role ("user" or "maia"), content, and optionally created_at (ISO 8601), \
                session_id, metadata (object), breakthrough (bool), client_id. Blank lines are skipped. Re-running \
                an import skips lines already imported.
                """
        )

        @OptionGroup var user: UserOption
        @Option(help: "The JSON Lines file, or - for standard input.") var file: String

        func run() async throws {
            let lines = try LineReader(path: file, option: "--file")
            defer { lines.close() }
            let source = file == "-" ? "standard input" : file
            try await Runtime.with { runtime in
                let userID = try user.id
                var batch: [NewMessage] = []
                var seen: [String: Int] = [:]
                var lineNumber = 0
                var imported = ImportCount()
                func flush() async throws {
                    guard !batch.isEmpty else { return }
                    imported.add(try await runtime.store.appendCounting(batch, for: userID))
                    batch.removeAll(keepingCapacity: true)
                    Terminal.progress(imported.description)
                }
                for result in lines {
                    lineNumber += 1
                    do {
                        let line: String
                        switch result {
                        case .success(let text): line = text
                        case .failure(let error): throw MemoryError(.invalidInput, error.description)
                        }
                        if line.allSatisfy(\.isWhitespace) { continue }
                        let occurrence = seen[line, default: 0]
                        seen[line] = occurrence + 1
                        batch.append(try ImportLine.parse(line, occurrence: occurrence))
                    } catch let error as MemoryError {
                        try await flush()
                        if imported.lines > 0 { Terminal.endProgress() }
                        throw CLIError(
                            "\(source) line \(lineNumber): \(error.message). The \(imported.lines) line(s) before it are stored "
                                + "(\(imported.stored) now, \(imported.skipped) before); "
                                + "fix the line and run the import again (stored lines are skipped)."
                        )
                    }
                    if batch.count == 500 { try await flush() }
                }
                try await flush()
                if imported.lines > 0 { Terminal.endProgress() }
                print("\(imported.description) for \(userID.rawValue) from \(lineNumber) line(s)")
                // Everything is acknowledged; what follows only makes it searchable by meaning, and says so, so that
                // a long indexing run is never mistaken for a hung import. Interrupting it loses nothing.
                // Only this user's queue: another user's backlog is left to background indexing.
                guard runtime.embedder != nil else { return }
                if imported.stored > 0 {
                    Terminal.status(
                        "indexing \(userID.rawValue)'s queued messages for search (Ctrl-C leaves them queued for "
                            + "`maia memory reindex` or a running `maia serve`)"
                    )
                }
                var progress = IndexingProgress(expected: imported.stored)
                let report = await runtime.indexPending(among: .user(userID)) { progress.update($0) }
                progress.finish()
                if let report, report.processed > 0 { Terminal.status(IndexingProgress.line(report, expected: nil)) }
            }
        }
    }
}

/// What an import did so far: messages it stored, and messages it skipped because they were already stored.
struct ImportCount: CustomStringConvertible {
    var stored = 0
    var skipped = 0
    var lines: Int { stored + skipped }

    mutating func add(_ result: AppendResult) {
        stored += result.stored
        skipped += result.skipped
    }

    var description: String { "stored \(stored) message(s), skipped \(skipped) already stored" }
}
