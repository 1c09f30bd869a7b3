import Foundation
import MaiaAgent
import MaiaCore
import MaiaEngines
import MaiaMemory
import MaiaTesting
import Synchronization
import Testing

/// How a turn ends when something other than the engine fails, or when the engines take too long.
@Suite("Turn failures: storage is not an engine failure; the turn's time limit")
struct TurnFailureTests {
    let harness: AgentHarness

    init() throws {
        harness = try AgentHarness()
    }

    /// Makes every insert into the store's messages fail, as a real SQLite error, while reads keep working.
    func refuseWrites() throws {
        let sqlite = Process()
        sqlite.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        sqlite.arguments = [
            harness.folder.url.appendingPathComponent("maia.sqlite").path,
            "CREATE TRIGGER refuse BEFORE INSERT ON messages BEGIN SELECT RAISE(ABORT, 'writes refused'); END;",
        ]
        try sqlite.run()
        sqlite.waitUntilExit()
        #expect(sqlite.terminationStatus == 0)
    }

    @Test("a turn whose store write fails ends with one storage error; the fallback engine is never called")
    func storageFailureIsNotEngineFailure() async throws {
        try refuseWrites()
        let primary = ScriptedEngine(name: "claude", scripts: [.text("First reply.")])
        let fallback = ScriptedEngine(name: "llama", scripts: [.text("Second reply.")])
        let events = EventLog()
        let error = await #expect(throws: AgentError.self) {
            _ = try await harness.agent([primary, fallback]).respond(
                TurnInput(user: harness.ana, session: nil, message: "Hello there")
            ) { events.add($0) }
        }
        #expect(error?.code == .storage)
        #expect(error?.message.contains("writes refused") == true, "\(String(describing: error))")
        #expect(primary.requests.count == 1)
        #expect(fallback.requests.isEmpty, "a storage failure must not fall back to the next engine")
        #expect(!events.all.contains { if case .fallback = $0 { true } else { false } })
    }

    @Test("engines that outlast MAIA_TURN_TIMEOUT end the turn with the limit and the time the turn ran")
    func turnTimeout() async throws {
        var configuration = PersonalOracleAgent.Configuration()
        configuration.turnTimeout = .seconds(1)
        let fallback = ScriptedEngine(name: "llama", scripts: [.text("Too late.")])
        let engines: [any ReasoningEngine] = [StalledEngine(), fallback]
        let agent = PersonalOracleAgent(
            store: harness.store,
            search: harness.search,
            engines: engines.map {
                EngineSlot(engine: $0, parameters: GenerationParameters(maxTokens: 64), parallelTools: false)
            },
            configuration: configuration
        )
        let error = await #expect(throws: AgentError.self) {
            _ = try await agent.respond(TurnInput(user: harness.ana, session: nil, message: "Hello there"))
        }
        #expect(error?.code == .enginesFailed)
        let message = error?.message ?? ""
        #expect(message.contains("time limit of 1 s (MAIA_TURN_TIMEOUT)"), "\(message)")
        // The real elapsed time is stated; its value depends on the machine's load, so only its presence is checked.
        #expect(message.range(of: #"the turn ran \d+\.\d s"#, options: .regularExpression) != nil, "\(message)")
        #expect(message.contains("stalled: stopped at the time limit"), "\(message)")
        #expect(fallback.requests.isEmpty, "the limit covers the whole turn, fallbacks included")
        #expect(try await harness.store.messageCount(for: harness.ana) == 0)
    }
}

/// An engine that accepts the request and never answers, like a provider that holds the connection open.
struct StalledEngine: ReasoningEngine {
    let name = "stalled"
    let model = "stalled-model"
    let capabilities = EngineCapabilities()

    func stream(_ request: EngineRequest) -> EngineEventStream {
        .producing { _ in try await Task.sleep(for: .seconds(86_400)) }
    }
}

/// Turn events seen by a listener, from any thread.
final class EventLog: Sendable {
    private let events = Mutex<[TurnEvent]>([])
    func add(_ event: TurnEvent) { events.withLock { $0.append(event) } }
    var all: [TurnEvent] { events.withLock { $0 } }
}
