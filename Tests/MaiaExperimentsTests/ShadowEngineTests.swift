import Foundation
import MaiaAgent
import MaiaCore
import MaiaEngines
import MaiaMemory
import MaiaTesting
import Testing

@testable import MaiaExperiments

@Suite("A shadow engine answers a prepared turn: read-only, bounded by its timeout, failures recorded")
struct ShadowEngineTests {
    @Test("tool calls are recorded with result sizes, tokens and latency; flag_breakthrough writes nothing")
    func readOnlyTools() async throws {
        let harness = try await ShadowHarness()
        defer { harness.remove() }
        let before = try await harness.store.recent(for: harness.user, limit: 50)
        let candidate = ScriptedEngine(
            name: "llama",
            scripts: [
                .toolCalls([
                    harness.call("query_mem0", ["user_id": "ana", "query": "pottery"]),
                    harness.call("flag_breakthrough", ["user_id": "ana", "reason": "clarity"]),
                    harness.call("lookup_supabase", ["user_id": "bob"]),
                ]),
                .text("Your pottery dream is still here.", usage: TokenUsage(inputTokens: 300, outputTokens: 9)),
            ]
        )
        // A generous timeout: on 2 loaded cores the loopback round trips can take many seconds.
        let run = await ShadowEngine(slot: harness.slot(candidate), timeout: .seconds(600))
            .answer(try await harness.prepared("What was my dream?"))
        let answer = run.answer
        #expect(answer.error == nil)
        #expect(answer.response == "Your pottery dream is still here.")
        try #require(answer.toolCalls.map(\.name) == ["query_mem0", "flag_breakthrough", "lookup_supabase"])
        #expect(answer.toolCalls[0].resultSize == run.toolResults[0].content.count)
        #expect(run.toolResults[0].content.contains("pottery studio"))
        #expect(answer.toolCalls.map(\.isError) == [false, false, true], "another user's id is refused")
        #expect(answer.inputTokens == 310 && answer.outputTokens == 14)
        #expect(answer.latencyMs != nil)
        let after = try await harness.store.recent(for: harness.user, limit: 50)
        #expect(after == before, "a shadow run stores nothing, not even the breakthrough flag")
    }

    @Test("an engine that stalls is cut off at the timeout and recorded as timed out")
    func timeout() async throws {
        let harness = try await ShadowHarness()
        defer { harness.remove() }
        let run = await ShadowEngine(slot: harness.slot(StalledEngine()), timeout: .milliseconds(50))
            .answer(try await harness.prepared("Hello there, how are you?"))
        #expect(run.answer.timedOut)
        #expect(run.answer.error == "stalled timed out after 50 ms")
        #expect(run.answer.response.isEmpty)
        #expect((run.answer.latencyMs ?? 0) >= 50)
    }

    @Test("an engine that fails is recorded with its error, not thrown")
    func failure() async throws {
        let harness = try await ShadowHarness()
        defer { harness.remove() }
        let failing = ScriptedEngine(
            name: "llama",
            scripts: [
                .init(events: [], failure: EngineError(code: .providerError, message: "HTTP 500 from the server"))
            ]
        )
        let run = await ShadowEngine(slot: harness.slot(failing), timeout: .seconds(600))
            .answer(try await harness.prepared("Hello there, how are you?"))
        #expect(!run.answer.timedOut)
        #expect(run.answer.error?.contains("HTTP 500") == true)
    }
}
