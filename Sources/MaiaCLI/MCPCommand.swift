import ArgumentParser
import Foundation
import MCP
import MaiaApp
import MaiaConfig
import MaiaCore
import MaiaMCP
import MaiaServer

/// `maia mcp`: one user's memory as an MCP server over stdio, until the client closes stdin.
struct MCPCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mcp",
        abstract: "Serve one user's memory over MCP on stdin/stdout, for a desktop or IDE assistant.",
        discussion: """
            stdout carries only MCP's JSON-RPC messages; warnings go to stderr. The user is --user, or the user \
            of the API key read from --key-file, checked against MAIA_API_KEYS_FILE (see `maia keys create`); a \
            service key acts for the user named with --user.
            """
    )

    @Option(help: "The user whose memory to serve.") var user: String?
    @Option(help: "A file holding an API key (one line); its user is served.") var keyFile: String?

    func validate() throws {
        if let user { _ = try IDArgument.user(user) }
        guard user != nil || keyFile != nil else {
            throw ValidationError("name the user with --user U, or give an API key with --key-file F")
        }
    }

    func run() async throws {
        let (settings, _) = try await SettingsLoader.load()
        let user = try resolveUser(keys: settings.server.apiKeysFile)
        try await MaiaApplication.run(settings, options: .cli(backgroundIndexing: true)) { app in
            for notice in app.startupNotices { Terminal.warn(notice) }
            let server = await MemoryMCPServer.make(app: app, user: user, version: MaiaVersion.current)
            try await server.start(transport: StdioTransport())
            await server.waitUntilCompleted()
        }
    }

    /// The user to serve: `--user`, or the user of the key in `--key-file` (which `--user` may repeat but not change).
    private func resolveUser(keys path: String) throws -> UserID {
        let named = try user.map { try IDArgument.user($0) }
        guard let keyFile else {
            guard let named else { throw CLIError("name the user with --user U, or give an API key with --key-file F") }
            return named
        }
        guard let text = FileManager.default.contents(atPath: keyFile) else {
            throw CLIError("cannot read --key-file \(keyFile)")
        }
        let key = String(decoding: text, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        let file: APIKeyFile
        do {
            file = try APIKeyFile(path: path)
        } catch {
            throw CLIError("\(error)")
        }
        guard let caller = file.caller(forKey: key) else {
            throw CLIError("the key in \(keyFile) is not in the API key file \(path) (MAIA_API_KEYS_FILE)")
        }
        switch (caller.user, named) {
        case (let own?, nil): return own
        case (let own?, let named?) where own == named: return own
        case (.some, .some):
            throw CLIError("the key in \(keyFile) acts for its own user only: --user may not name another")
        case (nil, let named?): return named
        case (nil, nil): throw CLIError("the key in \(keyFile) is a service key: name the user with --user U")
        }
    }
}
