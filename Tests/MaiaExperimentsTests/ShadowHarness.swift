import Foundation
import MaiaAgent
import MaiaCore
import MaiaEngines
import MaiaMemory
import MaiaTesting

@testable import MaiaExperiments

/// A real SQLite store with seeded memories, an agent over scripted engines, and a shadow log in a temp folder.
struct ShadowHarness {
    let folder: TemporaryDirectory
    let store: SQLiteStore
    let search: MemorySearch
    let user = UserID("ana")!
    let logPath: String

    init() async throws {
        folder = try TemporaryDirectory()
        store = try SQLiteStore(path: folder.url.appendingPathComponent("maia.sqlite").path)
        search = MemorySearch(store: store, embedder: BagOfWordsEmbedder())
        logPath = folder.url.appendingPathComponent("logs/shadow.json").path
        _ = try await store.append(
            [
                NewMessage(
                    role: .user,
                    content: "I dream of opening a pottery studio",
                    sessionID: SessionID("old"),
                    createdAt: Date(timeIntervalSince1970: 1_700_000_000)
                )
            ],
            for: user
        )
        _ = try await OutboxDrainer(store: store, embedder: BagOfWordsEmbedder()).drain()
    }

    func slot(_ engine: any ReasoningEngine) -> EngineSlot {
        EngineSlot(engine: engine, parameters: GenerationParameters(maxTokens: 256), parallelTools: false)
    }

    func agent(_ primary: any ReasoningEngine, observer: (any TurnObserver)? = nil) -> PersonalOracleAgent {
        PersonalOracleAgent(store: store, search: search, engines: [slot(primary)], observer: observer)
    }

    func prepared(_ message: String) async throws -> PersonalOracleAgent.PreparedTurn {
        try await agent(ScriptedEngine(scripts: [])).prepare(
            TurnInput(user: user, session: SessionID("s1"), message: message),
            text: message,
            analysis: TurnAnalysis.of(message)
        )
    }

    func call(_ name: String, _ arguments: JSONValue) -> ToolCall {
        ToolCall(id: UUID().uuidString, name: name, arguments: arguments)
    }

    func remove() { folder.remove() }
}

/// An engine that never answers until its request is cancelled, like a stalled server.
struct StalledEngine: ReasoningEngine {
    let name = "stalled"
    let model = "stalled-model"
    let capabilities = EngineCapabilities()

    func stream(_ request: EngineRequest) -> EngineEventStream {
        .producing { _ in try await Task.sleep(for: .seconds(3600)) }
    }
}
