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
                var imported = 0
                func flush() async throws {
                    guard !batch.isEmpty else { return }
                    imported += try await runtime.store.append(batch, for: userID).count
                    batch.removeAll(keepingCapacity: true)
                    Terminal.progress("imported \(imported) message(s)")
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
                        if imported > 0 { Terminal.endProgress() }
                        throw CLIError(
                            "\(source) line \(lineNumber): \(error.message). The \(imported) line(s) before it are stored; "
                                + "fix the line and run the import again (stored lines are skipped)."
                        )
                    }
                    if batch.count == 500 { try await flush() }
                }
                try await flush()
                if imported > 0 { Terminal.endProgress() }
                await runtime.indexPending()
                print("imported \(imported) message(s) for \(userID.rawValue) from \(lineNumber) line(s)")
            }
        }
    }
}
