import ArgumentParser
import MaiaCore

/// `maia memory …`: the memory layer from the command line.
struct MemoryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "memory",
        abstract: "Store, search, export and erase a user's memories.",
        subcommands: [
            Add.self, Import.self, Search.self, Recent.self, Breakthroughs.self, Mark.self, Export.self, Forget.self,
            Reindex.self, Consent.self,
        ]
    )
}

/// The `--user` option shared by memory commands.
struct UserOption: ParsableArguments {
    @Option(name: .long, help: "The user whose memories to use.")
    var user: String

    var id: UserID {
        get throws { try IDArgument.user(user) }
    }

    func validate() throws { _ = try id }
}

/// User and session ids given as options, checked by the one ``IdentifierRule`` with the option named.
enum IDArgument {
    static func user(_ text: String, option: String = "--user") throws(ValidationError) -> UserID {
        do { return try UserID(validating: text) } catch { throw ValidationError("\(option): \(error)") }
    }

    static func session(_ text: String, option: String = "--session") throws(ValidationError) -> SessionID {
        do { return try SessionID(validating: text) } catch { throw ValidationError("\(option): \(error)") }
    }
}

/// The `--json` flag shared by listing commands.
struct OutputOption: ParsableArguments {
    @Flag(name: .long, help: "Print JSON instead of text.")
    var json = false
}

/// `--limit N` of the listing commands.
struct LimitOption: ParsableArguments {
    // Unconditional, so that `--limit -5` reaches the range check instead of reading as a flag `-5`.
    @Option(parsing: .unconditional, help: "How many (1-1000).") var limit = 20

    func validate() throws {
        guard (1...1000).contains(limit) else {
            throw ValidationError("--limit must be from 1 to 1000 (got \(limit))")
        }
    }
}
