import Foundation
import Logging
import MaiaAgent
public import MaiaConfig
public import MaiaCore
public import MaiaEmbedding
import MaiaEngines
import MaiaExperiments
import MaiaHTTP
import MaiaMemory

extension MaiaApplication {
    /// Builds every component; nothing runs yet. A Postgres store comes back separately: it is a service that must
    /// run (and migrate) before the application is used.
    static func build(
        _ settings: MaiaSettings,
        options: Options
    ) async throws -> (MaiaApplication, PostgresStore?) {
        let paths = settings.localPaths(over: options.environment)
        let kinds: [OutboxItem.Kind] = settings.mem0.enabled ? [.embed, .mem0] : [.embed]
        let embedder = await embedder(settings.embedder, paths: paths, options: options)
        let mem0 = settings.mem0.apiKey.flatMap { key in
            settings.mem0.enabled
                ? Mem0Client(baseURL: settings.mem0.baseURL, apiKey: key, transport: options.transport) : nil
        }
        let store: any MemoryStore & ExperimentStore
        var postgres: PostgresStore?
        switch settings.store {
        case .sqlite(let path):
            store = try SQLiteStore(path: path, outboxKinds: kinds)
        case .postgres(let url):
            let configuration = try PostgresStoreConfiguration(url: url)
            let pool = PostgresStore(configuration: configuration, outboxKinds: kinds, logger: options.logger)
            postgres = pool
            store = pool
        }
        let engines = try EngineFactory.make(
            settings,
            paths: paths,
            transport: options.transport,
            announce: options.notice
        )
        let slots = try engines.slots(preferring: options.preferring, settings)
        let shadow = liveShadow(engines, settings, primaries: slots, options: options)
        let routing = routingSelector(engines, settings, control: slots, store: store, options: options)
        let search = MemorySearch(store: store, embedder: embedder, mem0: mem0)
        let drainer =
            embedder != nil || mem0 != nil ? OutboxDrainer(store: store, embedder: embedder, mem0: mem0) : nil
        let app = MaiaApplication(
            settings: settings,
            options: options,
            paths: paths,
            store: store,
            embedder: embedder,
            mem0: mem0,
            engines: engines,
            slots: slots,
            shadow: shadow,
            routing: routing,
            indexer: OutboxIndexer(drainer: drainer, logger: options.logger),
            agent: PersonalOracleAgent(
                store: store,
                search: search,
                selector: routing ?? FixedEngines(slots) as any EngineSelector,
                configuration: Self.agentConfiguration(settings),
                observer: shadow
            )
        )
        return (app, postgres)
    }

    /// e5's share of the multilingual embedder's similarity: at 0.65 the long English conversations keep 0.716 of
    /// MiniLM's 0.749 and cross-lingual questions reach e5's 0.958 (docs/embedder.md, "MiniLM and e5 joined").
    static let multilingualE5Weight: Float = 0.65

    /// The configured embedder; without one, memory still works and search falls back to keywords (said through
    /// `options.notice`).
    public static func embedder(
        _ embedder: MaiaSettings.Embedder,
        paths: LocalPaths,
        options: Options
    ) async -> (any Embedder)? {
        switch embedder {
        case .localMiniLM:
            do {
                return try MiniLMEmbedder(folder: ModelFolder(url: paths.miniLM))
            } catch {
                options.notice("semantic search is off: \(error) (scripts/setup.sh fetches the model files)")
                return nil
            }
        case .localMultilingual:
            do {
                return try JoinedEmbedder(
                    MiniLMEmbedder(folder: ModelFolder(url: paths.miniLM)),
                    E5Embedder(file: paths.e5),
                    weight: multilingualE5Weight
                )
            } catch {
                options.notice(
                    "semantic search is off: \(error) (scripts/setup.sh multilingual fetches the model files)"
                )
                return nil
            }
        case .http(let url, let model, let inputTypes):
            do {
                return try await HTTPEmbedder.connect(
                    baseURL: url,
                    model: model,
                    inputTypes: inputTypes,
                    transport: options.transport
                )
            } catch {
                options.notice("semantic search is off: \(error)")
                return nil
            }
        }
    }

    /// The live shadow observer when shadow mode is on; the candidate has its own timeout.
    ///
    /// Shadow comparisons are never shown to anyone, so a log that cannot be opened turns live shadowing off with a
    /// notice rather than failing the person's turns.
    private static func liveShadow(
        _ engines: EngineSet,
        _ settings: MaiaSettings,
        primaries: [EngineSlot],
        options: Options
    ) -> LiveShadow? {
        guard settings.llama.enabled, settings.experiments.shadowMode else { return nil }
        let log: ShadowLog
        do {
            log = try ShadowLog(path: settings.experiments.shadowLogPath)
        } catch {
            options.notice(
                "live shadow is off: LLAMA_SHADOW_LOG_PATH=\(settings.experiments.shadowLogPath) cannot be written "
                    + "(\(error)); turns are answered as usual"
            )
            return nil
        }
        let candidate = engines.llamaSlot(settings)
        return LiveShadow(
            candidate: ShadowEngine(slot: candidate, timeout: .seconds(120)),
            log: log,
            queue: ShadowQueue(capacity: 4),
            startsAfterPrimary: primaries.contains {
                $0.engine.capabilities.sharesExclusiveServer(with: candidate.engine.capabilities)
            },
            onError: { [notice = options.notice] in notice("shadow comparison not logged: \($0)") }
        )
    }

    /// The agent's behaviour from settings.
    static func agentConfiguration(_ settings: MaiaSettings) -> PersonalOracleAgent.Configuration {
        var configuration = PersonalOracleAgent.Configuration()
        // The two enums spell the same values; MaiaConfig does not depend on the agent.
        configuration.memoryPrefetch = MemoryPrefetchMode(rawValue: settings.memoryPrefetch.rawValue) ?? .auto
        configuration.turnTimeout = .seconds(settings.turnTimeoutSeconds)
        return configuration
    }
}

extension LocalPaths {
    /// all-MiniLM-L6-v2's folder as `scripts/setup.sh` lays it out.
    var miniLM: URL { models.appendingPathComponent(MiniLMEmbedder.relativeFolder) }
    /// multilingual-e5-small's model file as `scripts/setup.sh multilingual` lays it out.
    var e5: URL { models.appendingPathComponent(E5Embedder.relativeFile) }
}
