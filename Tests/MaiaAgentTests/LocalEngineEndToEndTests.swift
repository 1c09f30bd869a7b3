import Foundation
import MaiaAgent
import MaiaCore
import MaiaEmbedding
import MaiaEngines
import MaiaHTTP
import MaiaMemory
import MaiaTesting
import Synchronization
import Testing

/// Passes calls to a real engine and keeps every request it was given: what the model actually received.
final class RecordingEngine: ReasoningEngine {
    let inner: any ReasoningEngine
    private let log = Mutex<[EngineRequest]>([])

    init(_ inner: any ReasoningEngine) { self.inner = inner }

    var name: String { inner.name }
    var model: String { inner.model }
    var capabilities: EngineCapabilities { inner.capabilities }
    var requests: [EngineRequest] { log.withLock { $0 } }

    func stream(_ request: EngineRequest) -> EngineEventStream {
        log.withLock { $0.append(request) }
        return inner.stream(request)
    }
}

/// Two turns of one user in two sessions on the keyless defaults: SQLite, in-process MiniLM and the real SmolLM2
/// run in-process (the default) and behind llama.cpp (`local`), greedy (temperature 0, one thread), with
/// `MAIA_MEMORY_PREFETCH=auto`. Sessions do not share
/// prompt history, and SmolLM2-135M does not call tools, so whatever the second turn's model learns of the first
/// comes from the memory the agent prefetched; the test checks what the model received, not its prose.
@Suite("End to end on the keyless local engine (integration)", .serialized)
struct LocalEngineEndToEndTests {
    static let first = "My sister Ana just moved to Lisbon and I miss her a lot."
    /// Names no tool: memory must reach the model whatever the model does.
    static let second = "Where does my sister live now?"
    /// The turns' clock, so that the prompt's date is known.
    static let today = Date(timeIntervalSince1970: 1_796_342_400)  // 2026-12-04T00:00:00Z

    /// Installed (the MiniLM files come with the same setup step as the model), or required by
    /// `MAIA_TEST_REQUIRE_ALL=1`, where a missing file then fails the test.
    static var ready: Bool {
        TestRequirements.requireAll
            || (LocalModel.installed
                && FileManager.default.fileExists(atPath: MiniLMEmbedder.defaultFolder().url.path))
    }

    @Test(
        "the second session's question reaches the model with the first session's message, prefetched",
        .enabled(if: ready, "the local model or MiniLM is not installed (scripts/setup.sh run)"),
        .timeLimit(.minutes(15))
    )
    func twoSessions() async throws {
        let transport = AsyncHTTPTransport()
        let server = LocalLlamaServer(LocalModel.configuration(contextSize: 8192), transport: transport)
        try await Self.twoSessions(
            on: LocalLlamaEngine(server: server, options: HTTPEngineOptions(transport: transport)),
            stop: { await server.stop() }
        )
    }

    /// `scripts/test.sh` builds the C kernels optimised (-Xcc -O2), where both turns take seconds; a plain debug build
    /// runs them unoptimised (about 0.4 s a token on a loaded 2-core machine), so the limits stay raised for it.
    @Test(
        "the same two sessions on the in-process engine (LLAMA_DEPLOYMENT_MODE=in-process)",
        .enabled(if: ready, "the local model or MiniLM is not installed (scripts/setup.sh run)"),
        .timeLimit(.minutes(30))
    )
    func twoSessionsInProcess() async throws {
        let engine = InProcessLlamaEngine(
            configuration: .init(model: LocalModel.configuration().model, threads: 1, contextSize: 8192, seed: 1)
        )
        var configuration = PersonalOracleAgent.Configuration()
        configuration.turnTimeout = .seconds(900)
        try await Self.twoSessions(on: engine, configuration: configuration, stop: {})
    }

    /// Two turns in two sessions on `inner`; `stop` releases the engine's server, if any.
    static func twoSessions(
        on inner: any ReasoningEngine,
        configuration: PersonalOracleAgent.Configuration = .init(),
        stop: () async -> Void
    ) async throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let store = try SQLiteStore(path: folder.url.appendingPathComponent("maia.sqlite").path)
        let embedder = try MiniLMEmbedder()
        let search = MemorySearch(store: store, embedder: embedder)
        let engine = RecordingEngine(inner)
        let slot = EngineSlot(
            engine: engine,
            parameters: GenerationParameters(maxTokens: 96, temperature: 0),
            parallelTools: false
        )
        #expect(slot.profile == .compact)
        let agent = PersonalOracleAgent(
            store: store,
            search: search,
            engines: [slot],
            configuration: configuration,
            now: { Self.today }
        )
        let user = UserID("ana")!
        do {
            let one = try await agent.respond(TurnInput(user: user, session: SessionID("s1"), message: Self.first))
            #expect(one.kind == .answer)
            #expect(one.storedMessageIDs.count == 2)
            _ = try await OutboxDrainer(store: store, embedder: embedder).drain()
            let before = engine.requests.count

            let two = try await agent.respond(TurnInput(user: user, session: SessionID("s2"), message: Self.second))
            await stop()
            let requests = Array(engine.requests[before...])
            let run = try #require(two.run)
            print("turn 2: \(run.usage.inputTokens) prompt tokens, reply: \(run.reply)")

            // One model call, no tool definitions, and the first session's message in its prompt, next to the
            // question and today's date.
            let request = try #require(requests.first)
            #expect(requests.count == 1)
            #expect(request.tools.isEmpty)
            #expect(request.system.contains("Today is 2026-12-04."))
            #expect(request.system.contains(Self.first))
            #expect(Self.texts(of: request).last == Self.second)
            // The prefetched memory is recorded with the turn.
            #expect(run.prefetched.items.contains { $0.content == Self.first })
            let stored = try await store.recent(for: user, limit: 10)
            #expect(stored.count == 4)
            #expect(Set(stored.compactMap { $0.sessionID?.rawValue }) == ["s1", "s2"])
            let reply = try #require(stored.first { $0.role == .maia && $0.sessionID == SessionID("s2") })
            #expect(reply.metadata["prefetched"]?.jsonText.contains("Lisbon") == true)
            // The compact first-turn prompt, counted by the model's own tokenizer as llama.cpp reports it.
            let opening = try #require(one.run)
            #expect(opening.usage.inputTokens > 0 && opening.usage.inputTokens <= 400, "\(opening.usage)")
        } catch {
            await stop()
            throw error
        }
    }

    /// Every text a request carries: the system prompt, messages and tool results.
    static func texts(of request: EngineRequest) -> [String] {
        [request.system]
            + request.messages.map { message in
                switch message {
                case .user(let text), .assistant(let text, _): text
                case .toolResult(let result): result.content
                }
            }
    }
}
