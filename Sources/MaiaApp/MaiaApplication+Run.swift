import Foundation
import Logging
public import MaiaConfig
import MaiaCore
import MaiaEmbedding
import MaiaEngines
public import MaiaExperiments
import MaiaMemory
public import ServiceLifecycle
import UnixSignals

extension MaiaApplication {
    /// Builds the application, runs its long-lived work (the Postgres pool, background indexing, the local model
    /// server, live shadow work, and `services` such as an HTTP server) in one `ServiceGroup`, applies pending
    /// migrations, runs `body`, then shuts everything down gracefully — in reverse order, so that the last
    /// services given stop first.
    public static func run<T: Sendable>(
        _ settings: MaiaSettings,
        options: Options = .init(),
        services: (MaiaApplication) -> [any Service] = { _ in [] },
        _ body: (MaiaApplication) async throws -> T
    ) async throws -> T {
        try await withoutActuallyEscaping(body) { body in
            try await start(settings, options: options, services: services, signals: [], body: body)!
        }
    }

    /// Builds the application and runs its services until SIGTERM or SIGINT asks them to stop gracefully, or one of
    /// them fails (an HTTP server that cannot bind its port, a lost database): `maia serve`.
    public static func serve(
        _ settings: MaiaSettings,
        options: Options = .init(),
        services: (MaiaApplication) -> [any Service]
    ) async throws {
        let _: Bool? = try await start(
            settings,
            options: options,
            services: services,
            signals: [.sigterm, .sigint],
            body: nil
        )
    }

    private static func start<T: Sendable>(
        _ settings: MaiaSettings,
        options: Options,
        services extra: (MaiaApplication) -> [any Service],
        signals: [UnixSignal],
        body: ((MaiaApplication) async throws -> T)?
    ) async throws -> T? {
        let (app, postgres) = try await build(settings, options: options)
        var services: [any Service] = postgres.map { [$0] } ?? []
        services.append(ShutdownHook { await app.engines.shutdown() })
        if options.backgroundIndexing { services.append(app.indexer) }
        if let shadow = app.shadow {
            services.append(ShutdownHook { await app.finishShadow(shadow) })
        }
        if let recorder = app.routing?.recorder {
            services.append(ShutdownHook { await app.finishRecording(recorder) })
        }
        services += extra(app)
        let group = ServiceGroup(
            configuration: .init(
                services: services.map { .init(service: $0) },
                gracefulShutdownSignals: signals,
                logger: app.logger
            )
        )
        return try await withThrowingTaskGroup(of: Void.self, returning: T?.self) { tasks in
            tasks.addTask { try await group.run() }
            do {
                try await postgres?.migrate()
                guard let body else {
                    try await tasks.next()
                    return nil
                }
                let result = try await body(app)
                await group.triggerGracefulShutdown()
                try await tasks.waitForAll()
                return result
            } catch {
                await group.triggerGracefulShutdown()
                try? await tasks.waitForAll()
                throw error
            }
        }
    }

    /// Lets live shadow work in flight finish within ``shadowExitBound`` and says what was dropped.
    public func finishShadow(_ shadow: LiveShadow) async {
        await shadow.queue.drain(within: Self.shadowExitBound)
        let counts = shadow.queue.counts
        if counts.dropped + counts.abandoned > 0 {
            notice(
                "shadow mode: \(counts.dropped) turn(s) not shadowed (queue full), "
                    + "\(counts.abandoned) stopped at exit; \(counts.finished) compared"
            )
        }
    }
}
