import Foundation
import MaiaAgent
import MaiaCore
import MaiaEngines
import MaiaMemory
import Synchronization
import Testing

/// The executor outside a turn (MCP clients): `remember` and the stored-message `flag_breakthrough` write, as the
/// authenticated user only; inside a turn nothing writes, so shadow runs stay read-only.
@Suite("Memory tools outside a turn")
struct DirectToolsTests {
    /// Counts the executor's write notifications.
    final class Writes: Sendable {
        private let count = Mutex(0)
        func add() { count.withLock { $0 += 1 } }
        var total: Int { count.withLock { $0 } }
    }

    func executor(
        _ harness: AgentHarness,
        _ access: MemoryToolExecutor.Access,
        writes: Writes = Writes()
    )
        -> MemoryToolExecutor
    {
        MemoryToolExecutor(
            user: harness.ana,
            store: harness.store,
            search: harness.search,
            currentMessage: "",
            access: access,
            onWrite: { writes.add() }
        )
    }

    @Test("remember stores a note with its metadata as the user's message, and says so once")
    func remember() async throws {
        let harness = try AgentHarness()
        let writes = Writes()
        let tools = executor(harness, .direct, writes: writes)
        let outcome = await tools.evaluate(
            harness.call("remember", ["text": "I moved to Porto", "metadata": ["source": "ide"], "session_id": "s9"])
        )
        #expect(!outcome.isError, "\(outcome.value)")
        let stored = try await harness.store.recent(for: harness.ana, limit: 5)
        #expect(stored.map(\.content) == ["I moved to Porto"])
        #expect(stored.first?.id == outcome.value["id"]?.stringValue)
        #expect(stored.first?.metadata == ["source": "ide"])
        #expect(stored.first?.sessionID == SessionID("s9"))
        #expect(stored.first?.role == .user)
        #expect(writes.total == 1)
        #expect(try await harness.store.recent(for: harness.bob, limit: 5).isEmpty)
    }

    @Test("outside a turn a long note comes back whole; a turn's executor shortens it to leave the model room")
    func wholeContents() async throws {
        let harness = try AgentHarness()
        let note = String(repeating: "a long walk by the river, ", count: 60)
        _ = await executor(harness, .direct).evaluate(harness.call("remember", ["text": .string(note)]))
        let direct = await executor(harness, .direct).evaluate(harness.call("lookup_supabase", [:]))
        #expect(direct.value["messages"]?[0]?["content"] == .string(note))
        let turn = await executor(harness, .turn).evaluate(harness.call("lookup_supabase", [:]))
        #expect(turn.value["messages"]?[0]?["content"]?.stringValue?.count == 601)
    }

    @Test("flag_breakthrough flags the named message or the latest, and never another user's message")
    func flag() async throws {
        let harness = try AgentHarness()
        try await harness.seed(harness.ana, ["first", "second"])
        try await harness.seed(harness.bob, ["bob's"])
        let tools = executor(harness, .direct)
        let latest = await tools.evaluate(harness.call("flag_breakthrough", ["reason": "clarity"]))
        #expect(!latest.isError, "\(latest.value)")
        #expect(try await harness.store.breakthroughs(for: harness.ana, limit: 5).map(\.content) == ["second"])
        let bobs = try #require(try await harness.store.recent(for: harness.bob, limit: 1).first)
        let stolen = await tools.evaluate(harness.call("flag_breakthrough", ["message_id": .string(bobs.id)]))
        #expect(stolen.isError)
        #expect(stolen.value["error"]?.stringValue?.contains("names no message of this person") == true)
        #expect(try await harness.store.breakthroughs(for: harness.bob, limit: 5).isEmpty)
    }

    @Test("in a turn, remember is not offered and flag_breakthrough writes nothing")
    func turnIsReadOnly() async throws {
        let harness = try AgentHarness()
        try await harness.seed(harness.ana, ["a thought"])
        let writes = Writes()
        let tools = executor(harness, .turn, writes: writes)
        let remember = await tools.evaluate(harness.call("remember", ["text": "sneaky"]))
        #expect(remember.isError)
        #expect(remember.value["error"]?.stringValue?.hasPrefix("unknown tool \"remember\"") == true)
        let flag = await tools.evaluate(harness.call("flag_breakthrough", ["reason": "x"]))
        #expect(flag.value == ["flagged": true])
        #expect(try await harness.store.breakthroughs(for: harness.ana, limit: 5).isEmpty)
        #expect(try await harness.store.recent(for: harness.ana, limit: 5).count == 1)
        #expect(writes.total == 0)
    }

    @Test("every tool offered outside a turn has a result schema, and the read-only hint marks exactly the readers")
    func schemas() {
        for tool in MemoryToolCatalog.directTools {
            #expect(MemoryToolCatalog.outputSchema(tool.name)?["type"] == "object", "\(tool.name)")
        }
        #expect(MemoryToolCatalog.directTools.filter { MemoryToolCatalog.isReadOnly($0.name) }.count == 5)
        #expect(!MemoryToolCatalog.isIdempotent("remember") && MemoryToolCatalog.isIdempotent("flag_breakthrough"))
    }
}
