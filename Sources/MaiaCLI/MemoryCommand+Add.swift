import ArgumentParser
import Foundation
import MaiaApp
import MaiaCore
import MaiaMemory

extension MemoryCommand {
    /// `maia memory add`: stores one message.
    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Store one message in a user's memory.")

        @OptionGroup var user: UserOption
        @Option(help: "Who said it: user or maia.") var role: Role
        @Option(help: "The message text.") var text: String
        @Option(help: "When it was said (ISO 8601, e.g. 2024-05-01T09:30:00Z); default now.") var at: String?
        @Option(help: "The session it belongs to.") var session: String?
        @Flag(help: "Mark it as a breakthrough moment.") var breakthrough = false
        @Option(name: .customLong("meta"), help: "Metadata as key=value; repeatable.") var meta: [String] = []
        @OptionGroup var output: OutputOption

        func validate() throws {
            if let at, ISO8601.parse(at) == nil {
                throw ValidationError("--at must be ISO 8601, e.g. 2024-05-01T09:30:00Z or 2024-05-01 (got \"\(at)\")")
            }
            if let session { _ = try IDArgument.session(session) }
            _ = try metadata()
        }

        private func metadata() throws -> JSONValue {
            var object: [String: JSONValue] = [:]
            for pair in meta {
                guard let equals = pair.firstIndex(of: "="), equals != pair.startIndex else {
                    throw ValidationError("--meta takes key=value, e.g. --meta source=journal (got \"\(pair)\")")
                }
                object[String(pair[..<equals])] = .string(String(pair[pair.index(after: equals)...]))
            }
            return .object(object)
        }

        func run() async throws {
            try await Runtime.with { runtime in
                let message = NewMessage(
                    role: role,
                    content: text,
                    sessionID: try session.map { try IDArgument.session($0) },
                    createdAt: at.flatMap(ISO8601.parse),
                    isBreakthrough: breakthrough,
                    metadata: try metadata()
                )
                let stored = try await runtime.store.append([message], for: try user.id)
                await runtime.indexPending(among: .messages(stored.map(\.id)))
                for record in stored {
                    print(output.json ? RecordJSON.full(record).jsonText : record.id)
                }
            }
        }
    }
}
