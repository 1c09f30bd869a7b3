import ArgumentParser
import MaiaApp
import MaiaConfig
import MaiaCore
import MaiaServer

/// `maia keys create`: adds an API key for `MAIA_AUTH=api-keys`.
struct KeysCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keys",
        abstract: "Manage the API keys of MAIA_AUTH=api-keys.",
        subcommands: [Create.self]
    )

    /// Creates a key, stores its hash, and prints the key once.
    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create an API key for one user (or the service role) and print it; only its hash is kept."
        )

        @Option(help: "The user the key acts for.") var user: String?
        @Flag(help: "A service key: may act for any user (X-MAIA-User) and reach admin routes.") var service = false
        @Option(help: "A name for the key, to find it in the file later.") var id: String
        @Option(help: "The key file (default: MAIA_API_KEYS_FILE).") var file: String?

        func validate() throws {
            guard (user != nil) != service else { throw ValidationError("give exactly one of --user U and --service") }
            if let user { _ = try IDArgument.user(user) }
            guard !id.isEmpty, id.count <= 100 else { throw ValidationError("--id must be 1-100 characters") }
        }

        func run() async throws {
            let (settings, _) = try await SettingsLoader.load()
            let path = file ?? settings.server.apiKeysFile
            do {
                let key = try APIKeyFile.createKey(user: try user.map { try IDArgument.user($0) }, id: id, at: path)
                print(key)
            } catch {
                throw CLIError("\(error)")
            }
        }
    }
}
