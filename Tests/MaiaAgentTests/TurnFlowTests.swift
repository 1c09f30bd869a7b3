import Foundation
import MaiaAgent
import MaiaCore
import MaiaEngines
import MaiaMemory
import MaiaTesting
import Testing

@Suite("Turn flow: validation, safety, language, breakthroughs")
struct TurnFlowTests {
    let harness: AgentHarness

    init() throws {
        harness = try AgentHarness()
    }

    @Test("an empty message gets an invitation; no model call, nothing stored", arguments: ["", "   ", "\n\t"])
    func empty(message: String) async throws {
        let engine = ScriptedEngine(scripts: [])
        let outcome = try await harness.agent([engine]).respond(
            TurnInput(user: harness.ana, session: nil, message: message)
        )
        #expect(outcome.kind == .invitation)
        #expect(!outcome.reply.isEmpty)
        #expect(engine.requests.isEmpty)
        #expect(try await harness.store.messageCount(for: harness.ana) == 0)
    }

    @Test("an over-long message is refused with the limit")
    func overLong() async throws {
        let error = await #expect(throws: AgentError.self) {
            _ = try await harness.agent([ScriptedEngine(scripts: [])]).respond(
                TurnInput(user: harness.ana, session: nil, message: String(repeating: "a", count: 8001))
            )
        }
        #expect(error?.message.contains("at most 8000 characters") == true)
    }

    @Test("crisis language gets the safety reply before any model call, stored and flagged")
    func crisis() async throws {
        let engine = ScriptedEngine(scripts: [])
        let outcome = try await harness.agent([engine]).respond(
            TurnInput(user: harness.ana, session: nil, message: "I want to kill myself")
        )
        #expect(outcome.kind == .crisis)
        #expect(engine.requests.isEmpty)
        let stored = try await harness.store.recent(for: harness.ana, limit: 2)
        #expect(stored.count == 2)
        #expect(stored.allSatisfy { $0.metadata["safety"] == "crisis" })
        #expect(stored[0].engine == "safety-screen")
    }

    @Test("the crisis reply is configurable")
    func crisisConfigurable() async throws {
        var configuration = PersonalOracleAgent.Configuration()
        configuration.crisisReply = CrisisReply(texts: [.en: "Call the clinic line at 555-0100."])
        let agent = PersonalOracleAgent(
            store: harness.store,
            search: harness.search,
            engines: [EngineSlot(engine: ScriptedEngine(scripts: []), parameters: .init(), parallelTools: false)],
            configuration: configuration
        )
        let outcome = try await agent.respond(
            TurnInput(user: harness.ana, session: nil, message: "I want to end my life")
        )
        #expect(outcome.reply == "Call the clinic line at 555-0100.")
    }

    @Test("the system prompt asks for the user's language and both engines get the same prompt")
    func language() async throws {
        let first = ScriptedEngine(
            name: "claude",
            scripts: [.init(events: [], failure: EngineError(code: .overloaded, message: "x"))]
        )
        let second = ScriptedEngine(name: "llama", scripts: [.text("Je t'entends.")])
        _ = try await harness.agent([first, second]).respond(
            TurnInput(
                user: harness.ana,
                session: nil,
                message: "Je me sens bloquée depuis des semaines, je ne sais plus quoi faire."
            )
        )
        let prompt = try #require(first.requests.first?.system)
        #expect(prompt.contains("Reply in French"))
        #expect(second.requests.first?.system == prompt)
        #expect(second.requests.first?.messages == first.requests.first?.messages)
        #expect(try await harness.store.recent(for: harness.ana, limit: 1).first?.language == "fr")
    }

    @Test("breakthroughs are stored when detected in the message or flagged by the model")
    func breakthroughs() async throws {
        let detected = ScriptedEngine(scripts: [.text("That is a big realisation.")])
        _ = try await harness.agent([detected]).respond(
            TurnInput(
                user: harness.ana,
                session: nil,
                message: "I finally realized that my anxiety has been protecting me."
            )
        )
        let flagged = ScriptedEngine(scripts: [
            .toolCalls([harness.call("flag_breakthrough", ["user_id": "ana", "reason": "clarity about work"])]),
            .text("Something shifted."),
        ])
        _ = try await harness.agent([flagged]).respond(
            TurnInput(user: harness.ana, session: nil, message: "Work does not define me.")
        )
        let marked = try await harness.store.breakthroughs(for: harness.ana, limit: 5).map(\.content)
        #expect(marked == ["Work does not define me.", "I finally realized that my anxiety has been protecting me."])
        let user = try #require(try await harness.store.recent(for: harness.ana, limit: 4).last)
        #expect(user.elementScores.values.reduce(0, +) > 0.99)
        #expect(user.coherence != nil)
    }

    @Test("session history goes into the prompt; other sessions stay out (reachable through tools)")
    func history() async throws {
        try await harness.seed(harness.ana, ["a message from another session"])
        let first = ScriptedEngine(scripts: [.text("one"), .text("two")])
        let agent = harness.agent([first])
        _ = try await agent.respond(TurnInput(user: harness.ana, session: SessionID("s2"), message: "first in s2"))
        _ = try await agent.respond(TurnInput(user: harness.ana, session: SessionID("s2"), message: "second in s2"))
        let messages = try #require(first.requests.last?.messages)
        #expect(messages == [.user("first in s2"), .assistant("one"), .user("second in s2")])
    }
}
