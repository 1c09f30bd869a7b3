public import Foundation
public import Logging
public import MaiaAgent
public import MaiaConfig
public import MaiaCore
public import MaiaEmbedding
import MaiaEngines
public import MaiaExperiments
public import MaiaHTTP
public import MaiaMemory
import ServiceLifecycle

/// The whole of MAIA built from settings: store, embedder, hybrid search, engines with their slots and fallbacks,
/// the agent, live shadow and background indexing. `maia chat`, `maia serve` and in-process tests build it the
/// same way, through ``run(_:services:_:)``.
public struct MaiaApplication: Sendable {
    /// How to build the application beyond the settings.
    public struct Options: Sendable {
        /// The engine preferred for turns; the other configured one is the fallback.
        public var preferring: EngineChoice?
        /// The environment that local paths are resolved from (the `.env` settings go on top).
        public var environment: [String: String]
        /// How engines, the HTTP embedder and Mem0 reach the network.
        public var transport: any HTTPTransport
        /// Whether the outbox is indexed in the background (long-running processes) or only when asked.
        public var backgroundIndexing: Bool
        /// Where notices for the person running MAIA go (the CLI prints them on stderr; the server logs them).
        public var notice: @Sendable (String) -> Void
        /// The logger of the application; turns derive their own from it.
        public var logger: Logger

        /// Creates options with the process environment and a real HTTP client.
        public init(
            preferring: EngineChoice? = nil,
            environment: [String: String] = ProcessInfo.processInfo.environment,
            transport: any HTTPTransport = AsyncHTTPTransport(),
            backgroundIndexing: Bool = false,
            logger: Logger = Logger(label: "maia"),
            notice: @escaping @Sendable (String) -> Void = { _ in }
        ) {
            self.preferring = preferring
            self.environment = environment
            self.transport = transport
            self.backgroundIndexing = backgroundIndexing
            self.logger = logger
            self.notice = notice
        }
    }

    public let settings: MaiaSettings
    /// The options the application was built with.
    public let options: Options
    /// Local folders, resolved once from the settings and the environment.
    public let paths: LocalPaths
    public let store: any MemoryStore & ExperimentStore
    public let embedder: (any Embedder)?
    public let mem0: Mem0Client?
    public let engines: EngineSet
    /// The engines a turn tries, in order.
    public let slots: [EngineSlot]
    /// Live shadow mode, when `ENABLE_LLAMA=true` and `LLAMA_SHADOW_MODE=true`.
    public let shadow: LiveShadow?
    /// Percentage routing, when `ENABLE_LLAMA=true` and no engine was asked for explicitly.
    public let routing: RoutingSelector?
    public let indexer: OutboxIndexer
    public let agent: PersonalOracleAgent
    public var logger: Logger { options.logger }
    /// Tells the person running MAIA something they should know (a missing model, a fallback, dropped work).
    public var notice: @Sendable (String) -> Void { options.notice }

    /// Hybrid search over the store, the embedder and (when enabled) Mem0.
    public var search: MemorySearch { MemorySearch(store: store, embedder: embedder, mem0: mem0) }

    /// What a person starting a conversation or a server should be told once: which engine answers without a
    /// key, and where live shadow comparisons go.
    public var startupNotices: [String] {
        var notices: [String] = []
        if options.preferring == nil, let notice = engines.notice { notices.append(notice) }
        if shadow != nil {
            notices.append(
                "shadow mode: \(engines.llama.name) also answers each turn, logged to "
                    + "\(settings.experiments.shadowLogPath), never shown or stored"
            )
        }
        return notices
    }

    /// How long shadow work still running at shutdown may take before it is dropped.
    public static let shadowExitBound = Duration.seconds(10)
}
