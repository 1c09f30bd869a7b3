import Foundation
import MaiaConfig
import MaiaCore
import MaiaEmbedding
import MaiaHTTP
import MaiaMemory

/// Wires components from validated settings. Every command that touches memory opens it through here.
struct Runtime {
    let settings: MaiaSettings
    let store: any MemoryStore
    let embedder: (any Embedder)?
    let mem0: Mem0Client?

    /// Hybrid search over the store, the embedder and (when enabled) Mem0.
    var search: MemorySearch { MemorySearch(store: store, embedder: embedder, mem0: mem0) }

    /// Loads settings (stopping on bad configuration), opens the configured store for the duration of `body`
    /// (a Postgres connection pool runs only while `body` does), and runs `body`.
    static func with<T: Sendable>(_ body: (Runtime) async throws -> T) async throws -> T {
        let (settings, _) = try await SettingsLoader.load()
        let kinds: [OutboxItem.Kind] = settings.mem0.enabled ? [.embed, .mem0] : [.embed]
        let embedder = await embedder(for: settings)
        let mem0 = settings.mem0.apiKey.flatMap { key in
            settings.mem0.enabled
                ? Mem0Client(baseURL: settings.mem0.baseURL, apiKey: key, transport: AsyncHTTPTransport()) : nil
        }
        switch settings.store {
        case .sqlite(let path):
            let store = try SQLiteStore(path: path, outboxKinds: kinds)
            return try await body(Runtime(settings: settings, store: store, embedder: embedder, mem0: mem0))
        case .postgres(let url):
            let configuration = try PostgresStoreConfiguration(url: url)
            return try await PostgresStore.withStore(configuration: configuration, outboxKinds: kinds) { store in
                try await body(Runtime(settings: settings, store: store, embedder: embedder, mem0: mem0))
            }
        }
    }

    /// The configured embedder; without one, memory still works and search falls back to keywords.
    static func embedder(for settings: MaiaSettings) async -> (any Embedder)? {
        switch settings.embedder {
        case .localMiniLM:
            do {
                let environment = settings.localFiles.environment(over: ProcessInfo.processInfo.environment)
                return try MiniLMEmbedder(folder: MiniLMEmbedder.defaultFolder(environment: environment))
            } catch {
                Terminal.warn("semantic search is off: \(error) (scripts/setup.sh fetches the model files)")
                return nil
            }
        case .http(let url, let model):
            do {
                return try await HTTPEmbedder.connect(baseURL: url, model: model, transport: AsyncHTTPTransport())
            } catch {
                Terminal.warn("semantic search is off: \(error)")
                return nil
            }
        }
    }

    /// Indexes queued messages now, so that what a command stored is searchable when it returns. Indexing
    /// failures are reported but never undo the stored messages: the outbox keeps the work for later.
    func indexPending() async {
        guard embedder != nil || mem0 != nil else { return }
        do {
            let report = try await OutboxDrainer(store: store, embedder: embedder, mem0: mem0).drain()
            if report.failed > 0 {
                Terminal.warn("\(report.failed) message(s) could not be indexed yet; they stay queued and are retried")
            }
        } catch {
            Terminal.warn("indexing was postponed: \(error)")
        }
    }
}

/// A user-facing error of the CLI: one line saying what was wrong and what is accepted.
struct CLIError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// Output helpers.
enum Terminal {
    static func warn(_ message: String) {
        FileHandle.standardError.write(Data("warning: \(message)\n".utf8))
    }

    /// Reports progress on stderr: an interactive terminal gets one status line rewritten in place; a file or
    /// pipe gets one line per update, so that a log (or a supervising process) sees each step as it is reached.
    static func progress(_ message: String) {
        let interactive = isatty(STDERR_FILENO) == 1
        FileHandle.standardError.write(Data((interactive ? "\r\(message)" : "\(message)\n").utf8))
    }

    /// Ends the status line of ``progress(_:)`` on an interactive terminal.
    static func endProgress() {
        guard isatty(STDERR_FILENO) == 1 else { return }
        FileHandle.standardError.write(Data("\n".utf8))
    }
}
