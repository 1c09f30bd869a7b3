import Foundation
public import Hummingbird
import Logging
import MaiaApp
public import MaiaConfig

/// Builds MAIA's HTTP service: the router (reused by in-process tests) and the Hummingbird application that
/// `maia serve` runs as a service of the application's `ServiceGroup`.
public enum MaiaServer {
    /// Every route: the open operations routes, `/dashboard` (its own sign-in), then `/v1/…` and `/mcp` behind
    /// authentication.
    public static func buildRouter(_ service: MaiaService) -> Router<MaiaRequestContext> {
        ServerMetrics.bootstrap()
        let router = Router(context: MaiaRequestContext.self)
        router.add(middleware: MetricsMiddleware())
        router.add(middleware: ErrorBodyMiddleware())
        OperationsRoutes(service: service).add(to: router)
        DashboardRoutes(
            service: service,
            sessions: DashboardSessions(),
            data: DashboardData(shadowLogPath: service.app.settings.experiments.shadowLogPath)
        )
        .add(to: router)
        let v1 = router.group("v1").add(middleware: AuthMiddleware(authenticator: service.authenticator))
        TurnRoutes(service: service).add(to: v1)
        OpenAIRoutes(service: service).add(to: v1)
        MemoryRoutes(service: service).add(to: v1)
        ExperimentRoutes(service: service).add(to: v1)
        MCPRoutes(service: service).add(
            to: router.group("mcp").add(middleware: AuthMiddleware(authenticator: service.authenticator))
        )
        return router
    }

    /// The HTTP server for `service`, listening where the settings say; `onListening` hears the bound port (useful
    /// with port 0).
    public static func buildApplication(
        _ service: MaiaService,
        onListening: @escaping @Sendable (Int) async -> Void = { _ in }
    ) -> some ApplicationProtocol {
        let server = service.app.settings.server
        return Application(
            router: buildRouter(service),
            configuration: .init(address: .hostname(server.host, port: server.port), serverName: "maia"),
            onServerRunning: { channel in await onListening(channel.localAddress?.port ?? server.port) },
            logger: service.app.logger
        )
    }

    /// Why `settings` may not be served, or `nil`: without authentication MAIA listens on loopback only.
    public static func refusal(_ settings: MaiaSettings.Server) -> String? {
        guard settings.auth == .none, !isLoopback(settings.host) else { return nil }
        return "MAIA_AUTH=none is accepted only on a loopback address (127.0.0.1, ::1, localhost), not on "
            + "\(settings.host): anyone who can reach it could read every user's memory. Set MAIA_AUTH=api-keys or "
            + "supabase-jwt, or listen on 127.0.0.1."
    }

    static func isLoopback(_ host: String) -> Bool {
        host == "localhost" || host == "::1" || host == "[::1]" || host.hasPrefix("127.")
    }
}
