import Foundation
import MaiaAgent
import MaiaCore
import MaiaEngines
import MaiaMemory
import MaiaTesting

/// A real SQLite store in a temp folder, searched with a deterministic embedder, and an agent over scripted engines.
struct AgentHarness {
    let folder: TemporaryDirectory
    let store: SQLiteStore
    let search: MemorySearch
    let ana = UserID("ana")!
    let bob = UserID("bob")!

    init() throws {
        folder = try TemporaryDirectory()
        store = try SQLiteStore(path: folder.url.appendingPathComponent("maia.sqlite").path)
        search = MemorySearch(store: store, embedder: BagOfWordsEmbedder())
    }

    func agent(_ engines: [ScriptedEngine], parallelTools: Bool = false, maxToolRounds: Int = 4) -> PersonalOracleAgent
    {
        var configuration = PersonalOracleAgent.Configuration()
        configuration.maxToolRounds = maxToolRounds
        return PersonalOracleAgent(
            store: store,
            search: search,
            engines: engines.map {
                EngineSlot(engine: $0, parameters: GenerationParameters(maxTokens: 256), parallelTools: parallelTools)
            },
            configuration: configuration
        )
    }

    func call(_ name: String, _ arguments: JSONValue, id: String = UUID().uuidString) -> ToolCall {
        ToolCall(id: id, name: name, arguments: arguments)
    }

    func seed(_ user: UserID, _ texts: [String]) async throws {
        _ = try await store.append(
            texts.enumerated().map {
                NewMessage(
                    role: .user,
                    content: $1,
                    sessionID: SessionID("old"),
                    createdAt: Date(timeIntervalSince1970: 1_700_000_000 + Double($0))
                )
            },
            for: user
        )
        _ = try await OutboxDrainer(store: store, embedder: BagOfWordsEmbedder()).drain()
    }
}
