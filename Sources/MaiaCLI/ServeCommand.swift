import ArgumentParser
import Foundation
import Logging
import MaiaApp
import MaiaConfig
import MaiaServer

/// `maia serve`: MAIA as an HTTP service until SIGTERM or SIGINT, which stop it gracefully.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve MAIA over HTTP: turns (JSON or SSE), an OpenAI-compatible endpoint, the memory API, metrics.",
        discussion: """
            Listens on MAIA_HOST:MAIA_PORT (default 127.0.0.1:8080) and prints the address once it listens. \
            Authentication per MAIA_AUTH: none (loopback only; the caller names the user with X-MAIA-User), \
            api-keys (MAIA_API_KEYS_FILE; see `maia keys create`) or supabase-jwt. The API is described at \
            /openapi.json. SIGTERM or SIGINT stop accepting requests, let running turns finish, and exit.
            """
    )

    @Option(help: "The address to listen on (overrides MAIA_HOST).") var host: String?
    // Unconditional, so that `--port -1` reaches the range check instead of reading as a flag `-1`.
    @Option(parsing: .unconditional, help: "The port to listen on, 0 for any free one (overrides MAIA_PORT).")
    var port: Int?

    func validate() throws {
        if let port, !(0...65_535).contains(port) {
            throw ValidationError("--port must be from 0 to 65535 (got \(port))")
        }
        if let host, host.isEmpty { throw ValidationError("--host must not be empty") }
    }

    func run() async throws {
        var (settings, _) = try await SettingsLoader.load()
        if let host { settings.server.host = host }
        if let port { settings.server.port = port }
        if let refusal = MaiaServer.refusal(settings.server) { throw CLIError(refusal) }
        let authenticator: Authenticator
        do {
            authenticator = try await Authenticator.make(settings.server)
        } catch {
            throw CLIError("\(error)")
        }
        var logger = Logger(label: "maia")
        logger.logLevel = .info
        let options = MaiaApplication.Options(
            backgroundIndexing: true,
            logger: logger,
            notice: { Terminal.warn($0) }
        )
        let address = settings.server.host
        try await MaiaApplication.serve(settings, options: options) { app in
            for notice in app.startupNotices { Terminal.warn(notice) }
            let service = MaiaService(app: app, authenticator: authenticator)
            return [
                MaiaServer.buildApplication(service) { port in
                    print("MAIA is serving on http://\(address.contains(":") ? "[\(address)]" : address):\(port)")
                    fflush(nil)
                }
            ]
        }
    }
}
