public import ServiceLifecycle

/// A service that does nothing until the group shuts down, then runs `onShutdown`: how resources that start on
/// demand (the local model server, live shadow work in flight) take part in the group's graceful shutdown.
public struct ShutdownHook: Service {
    let onShutdown: @Sendable () async -> Void

    /// Creates a hook that runs `onShutdown` once the group begins shutting down.
    public init(_ onShutdown: @escaping @Sendable () async -> Void) {
        self.onShutdown = onShutdown
    }

    public func run() async {
        // Cancellation also ends the wait: the work must still run, so it is not skipped.
        try? await gracefulShutdown()
        await onShutdown()
    }
}
