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
/// behind llama.cpp, greedy (temperature 0, one thread). Sessions do not share prompt history, so whatever the
/// second turn's model learns of the first comes through the memory tools; the test checks what the model received,
/// not its prose.
@Suite("End to end on the keyless local engine (integration)", .serialized)
struct LocalEngineEndToEndTests {
    static let first = "My sister Lucia is moving to Lisbon next spring to open a pottery studio."
    /// SmolLM2-135M seldom decides to use a tool by itself, so the person asks for one; at temperature 0 it then
    /// writes `{"type": "function", "name": "get_enriched_context"}` in a fence. What is tested is everything after
    /// the model's text: parsing, the tool loop, the executor as the user, SQLite + MiniLM memory, the next prompt.
    static let second = "Where is my sister moving? Respond with JSON for a function call to get_enriched_context."

    /// Installed (the MiniLM files come with the same setup step as the model), or required by
    /// `MAIA_TEST_REQUIRE_ALL=1`, where a missing file then fails the test.
    static var ready: Bool {
        TestRequirements.requireAll
            || (LocalModel.installed
                && (try? MiniLMEmbedder.defaultFolder().url).map { FileManager.default.fileExists(atPath: $0.path) }
                    == true)
    }

    @Test(
        "the second session's turn reaches the first session's message through a memory tool",
        .enabled(if: ready, "the local model or MiniLM is not installed (scripts/setup.sh run)"),
        .timeLimit(.minutes(15))
    )
    func twoSessions() async throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let store = try SQLiteStore(path: folder.url.appendingPathComponent("maia.sqlite").path)
        let embedder = try MiniLMEmbedder()
        let search = MemorySearch(store: store, embedder: embedder)
        let transport = AsyncHTTPTransport()
        let server = LocalLlamaServer(LocalModel.configuration(contextSize: 8192), transport: transport)
        let engine = RecordingEngine(LocalLlamaEngine(server: server, options: HTTPEngineOptions(transport: transport)))
        let agent = PersonalOracleAgent(
            store: store,
            search: search,
            engines: [
                EngineSlot(
                    engine: engine,
                    parameters: GenerationParameters(maxTokens: 96, temperature: 0),
                    parallelTools: false
                )
            ]
        )
        let user = UserID("ana")!
        do {
            let one = try await agent.respond(TurnInput(user: user, session: SessionID("s1"), message: Self.first))
            #expect(one.kind == .answer)
            #expect(one.storedMessageIDs.count == 2)
            _ = try await OutboxDrainer(store: store, embedder: embedder).drain()
            let before = engine.requests.count

            let two = try await agent.respond(TurnInput(user: user, session: SessionID("s2"), message: Self.second))
            await server.stop()
            let requests = Array(engine.requests[before...])
            let run = try #require(two.run)
            print("turn 2 tools: \(run.toolCalls.map { "\($0.name) \($0.arguments.jsonText)" }), reply: \(run.reply)")

            // The first model call of turn 2 did not contain turn 1: another session's messages are not history.
            let opening = try #require(requests.first)
            #expect(!Self.texts(of: opening).contains { $0.contains("pottery studio") })
            // A memory tool ran as the user and returned turn 1's message ...
            let reached = zip(run.toolCalls, run.toolResults).filter {
                !$1.isError && $1.content.contains("pottery studio")
            }
            #expect(!reached.isEmpty, "tool calls: \(run.toolCalls), results: \(run.toolResults.map(\.content))")
            // ... and the model's next call received it.
            #expect(
                requests.dropFirst().contains {
                    Self.texts(of: $0).contains { $0.contains("Lucia is moving to Lisbon") }
                }
            )
            let stored = try await store.recent(for: user, limit: 10)
            #expect(stored.count == 4)
            #expect(Set(stored.compactMap { $0.sessionID?.rawValue }) == ["s1", "s2"])
        } catch {
            await server.stop()
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
