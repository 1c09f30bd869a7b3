import Foundation
import Logging
import MaiaApp
import MaiaCore
import MaiaEmbedding
import MaiaMemory
import MaiaTesting
import ServiceLifecycle
import Synchronization
import Testing

@Suite("The outbox indexer as a service")
struct OutboxIndexerTests {
    /// Embeds like `BagOfWordsEmbedder`, and asks for a graceful shutdown while it embeds the first batch.
    final class ShutdownDuringFirstBatch: Embedder {
        let inner = BagOfWordsEmbedder()
        let batches = Mutex(0)
        let group = Mutex<ServiceGroup?>(nil)
        var modelID: String { inner.modelID }
        var dimensions: Int { inner.dimensions }

        func embed(_ texts: [String]) async throws -> [[Float]] {
            let batch = batches.withLock { count in
                count += 1
                return count
            }
            if batch == 1, let group = group.withLock({ $0 }) {
                await group.triggerGracefulShutdown()
                // The group delivers the shutdown to the service asynchronously: this batch lasts until it arrives.
                while !Task.isShuttingDownGracefully { try await Task.sleep(for: .milliseconds(5)) }
            }
            return try await inner.embed(texts)
        }
    }

    @Test("a graceful shutdown ends the pass after its current batch; the rest of the backlog stays queued")
    func shutdownDuringBacklog() async throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let store = try SQLiteStore(path: folder.url.appendingPathComponent("maia.sqlite").path)
        let user = try #require(UserID("ana"))
        _ = try await store.append(
            (0..<320).map { NewMessage(role: .user, content: "message number \($0)") },
            for: user
        )
        let embedder = ShutdownDuringFirstBatch()
        let logger = Logger(label: "test")
        let indexer = OutboxIndexer(
            drainer: OutboxDrainer(store: store, embedder: embedder, batchSize: 32),
            logger: logger
        )
        let group = ServiceGroup(configuration: .init(services: [.init(service: indexer)], logger: logger))
        embedder.group.withLock { $0 = group }
        try await group.run()
        // Before, the pass that was running drained all ten batches before the process could exit.
        #expect(embedder.batches.withLock { $0 } == 1)
        #expect(try await store.vectors(for: user, model: embedder.modelID).count == 32)
        #expect(try await store.outboxDepth() == 320 - 32)
    }
}
