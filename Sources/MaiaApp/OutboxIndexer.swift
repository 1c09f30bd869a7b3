import Foundation
public import Logging
public import MaiaMemory
public import ServiceLifecycle
import Synchronization

/// Background indexing of the outbox (embeddings, the Mem0 mirror) as a service: a pass runs when a turn or an
/// import asks for one (``wake()``) and at least every `interval`, so that work queued by another process or left
/// by a crash is picked up too. Failures are logged and retried by the outbox's own backoff; stored messages are
/// never affected.
public final class OutboxIndexer: Service, Sendable {
    let drainer: OutboxDrainer?
    let interval: Duration
    let logger: Logger
    private let signal: AsyncStream<Void>.Continuation
    private let signals: Mutex<AsyncStream<Void>?>
    private let stopping = Atomic<Bool>(false)

    /// Creates an indexer; without an embedder or Mem0 there is no work and `run()` only waits for shutdown.
    public init(drainer: OutboxDrainer?, interval: Duration = .seconds(5), logger: Logger) {
        self.drainer = drainer
        self.interval = interval
        self.logger = logger
        let (stream, continuation) = AsyncStream<Void>.makeStream(bufferingPolicy: .bufferingNewest(1))
        signal = continuation
        signals = Mutex(stream)
    }

    /// Asks for a pass soon; calls while a pass runs coalesce into one more pass.
    public func wake() {
        signal.yield()
    }

    /// Runs one pass now over `selection` (at most about `bound` items) and returns what it did; failures are
    /// logged, never thrown. A command passes its own messages or user, so that it never waits for (or spends its CPU
    /// on) another user's backlog: that is left to the background pass of a long-running process or a reindex.
    @discardableResult
    public func indexPending(
        among selection: OutboxSelection = .all,
        atMost bound: Int = .max,
        progress: (OutboxDrainer.Report) -> Void = { _ in }
    ) async -> OutboxDrainer.Report? {
        guard let drainer else { return nil }
        do {
            let report = try await drainer.drain(
                among: selection,
                atMost: bound,
                stopping: { [self] in stopping.load(ordering: .relaxed) },
                progress: progress
            )
            if report.failed > 0 {
                logger.warning(
                    "messages could not be indexed yet; they stay queued and are retried",
                    metadata: ["failed": "\(report.failed)"]
                )
            }
            return report
        } catch {
            logger.warning("indexing was postponed", metadata: ["error": "\(error)"])
            return nil
        }
    }

    public func run() async {
        guard drainer != nil, let stream = signals.withLock({ $0.take() }) else {
            try? await gracefulShutdown()
            return
        }
        let interval = interval
        let signal = signal
        let ticker = Task {
            while !Task.isCancelled {
                try? await Task.sleep(for: interval)
                signal.yield()
            }
        }
        defer { ticker.cancel() }
        // On shutdown a pass in progress ends after its current batch (each batch is one transaction) and no new pass
        // starts: a large backlog once held a SIGTERMed replica for 7 minutes. What is left stays queued.
        await withGracefulShutdownHandler {
            await indexPending()
            for await _ in stream.cancelOnGracefulShutdown() {
                await indexPending()
            }
        } onGracefulShutdown: { [self] in
            stopping.store(true, ordering: .relaxed)
        }
    }
}
