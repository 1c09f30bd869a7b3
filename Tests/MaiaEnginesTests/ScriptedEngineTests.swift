import MaiaCore
import MaiaEngines
import MaiaTesting
import Testing

extension ScriptedEngine {
    /// An engine with one scripted answer.
    static func single(model: String, events: [EngineEvent], failure: EngineError? = nil) -> ScriptedEngine {
        ScriptedEngine(model: model, scripts: [Script(events: events, failure: failure)])
    }
}

@Suite("ScriptedEngine test double")
struct ScriptedEngineTests {
    @Test("answers calls in order, records requests, and fails once the script runs out")
    func scripted() async throws {
        let call = ToolCall(id: "c1", name: "recall_breakthroughs", arguments: ["user_id": "u1"])
        let engine = ScriptedEngine(scripts: [.toolCalls([call], text: "Let me see."), .text("Here you are.")])
        let first = try await engine.complete(EngineRequest(messages: [.user("one")]))
        #expect(first.toolCalls == [call])
        #expect(first.text == "Let me see.")
        #expect(first.finishReason == .toolUse)
        let second = try await engine.complete(EngineRequest(messages: [.user("two")]))
        #expect(second.text == "Here you are.")
        #expect(engine.requests.map(\.messages) == [[.user("one")], [.user("two")]])
        await #expect(throws: EngineError.self) { try await engine.complete(EngineRequest(messages: [.user("three")])) }
    }
}
