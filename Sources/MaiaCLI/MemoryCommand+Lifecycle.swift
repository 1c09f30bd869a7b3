import ArgumentParser
import MaiaApp
import MaiaCore
import MaiaEmbedding
import MaiaMemory

extension MemoryCommand {
    /// `maia memory export`: everything stored about a user as JSON Lines.
    struct Export: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write everything stored about a user to stdout as JSON Lines, oldest first."
        )

        @OptionGroup var user: UserOption

        func run() async throws {
            try await Runtime.with { runtime in
                for record in try await runtime.store.allMessages(for: try user.id) {
                    print(RecordJSON.full(record).jsonText)
                }
            }
        }
    }

    /// `maia memory forget`: erases a user and prints a receipt.
    struct Forget: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Erase everything about a user (messages, sessions, breakthroughs, vectors, queued work)."
        )

        @OptionGroup var user: UserOption

        func run() async throws {
            try await Runtime.with { runtime in
                let receipt = try await runtime.store.forget(try user.id)
                print(
                    """
                    forgot user \(receipt.userID): \(receipt.messages) message(s), \(receipt.sessions) session(s), \
                    \(receipt.breakthroughs) breakthrough(s), \(receipt.vectors) vector(s), \
                    \(receipt.outboxEntries) queued job(s)
                    """
                )
            }
        }
    }

    /// `maia memory reindex`: drains the outbox and rebuilds missing vectors.
    struct Reindex: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Embed every message that has no vector from the current model, and drain queued work."
        )

        func run() async throws {
            try await Runtime.with { runtime in
                guard let embedder = runtime.embedder else {
                    throw CLIError("no embedder is available: run scripts/setup.sh to fetch the MiniLM model files")
                }
                let queued = try await runtime.store.requeueMissingVectors(model: embedder.modelID)
                var progress = IndexingProgress(expected: try await runtime.store.outboxDepth())
                Terminal.status("queued \(queued) message(s) without a \(embedder.modelID) vector; indexing the queue")
                let report = try await OutboxDrainer(store: runtime.store, embedder: embedder).drain(progress: {
                    progress.update($0)
                })
                progress.finish()
                print(
                    "queued \(queued) message(s); embedded \(report.embedded), failed \(report.failed) with \(embedder.modelID)"
                )
                if report.failed > 0 { throw ExitCode(1) }
            }
        }
    }
}
