import Foundation
import MaiaAgent
import MaiaCore
import MaiaEngines
import MaiaMemory
import MaiaTesting
import Synchronization
import Testing

@testable import MaiaExperiments

// Several tests wait on gates and queues: a regression there must fail the test, not hang the whole run.
@Suite("Live shadow: the candidate answers the same turn beside the primary, logged only", .timeLimit(.minutes(10)))
struct LiveShadowTests {
    func shadow(
        _ harness: ShadowHarness,
        _ candidate: any ReasoningEngine,
        timeout: Duration = .seconds(600)
    )
        throws -> LiveShadow
    {
        LiveShadow(
            candidate: ShadowEngine(slot: harness.slot(candidate), timeout: timeout),
            log: try ShadowLog(path: harness.logPath),
            queue: ShadowQueue(capacity: 4)
        )
    }

    @Test("the primary's reply is returned and stored, the candidate's is logged and never stored")
    func primaryUnaffected() async throws {
        let harness = try await ShadowHarness()
        defer { harness.remove() }
        let candidate = ScriptedEngine(
            name: "llama",
            scripts: [
                .toolCalls([harness.call("flag_breakthrough", ["user_id": "ana"])]),
                .text("CANDIDATE: the studio still calls you."),
            ]
        )
        let shadow = try shadow(harness, candidate)
        let primary = ScriptedEngine(name: "claude", scripts: [.text("PRIMARY: I remember the pottery studio.")])
        let outcome = try await harness.agent(primary, observer: shadow).respond(
            TurnInput(user: harness.user, session: SessionID("s1"), message: "Do you remember my plans?")
        )
        #expect(outcome.reply == "PRIMARY: I remember the pottery studio.")
        #expect(outcome.breakthrough == false, "the candidate's flag_breakthrough does not reach the stored turn")
        await shadow.queue.drain(within: .seconds(600))
        let stored = try await harness.store.recent(for: harness.user, limit: 10).map(\.content)
        #expect(stored.contains("PRIMARY: I remember the pottery studio."))
        #expect(!stored.contains { $0.contains("CANDIDATE") })
        let records = try ShadowLogReader.read(path: harness.logPath).records
        let record = try #require(records.first)
        #expect(records.count == 1)
        #expect(record.source == .live)
        #expect(record.primary.engine == "claude" && record.primary.response.hasPrefix("PRIMARY"))
        #expect(record.candidate.engine == "llama" && record.candidate.response.hasPrefix("CANDIDATE"))
        #expect(record.candidate.toolCalls.map(\.name) == ["flag_breakthrough"])
        #expect(record.userId == "ana" && record.sessionId == "s1" && record.language == "en")
        #expect(primary.requests.first?.system == candidate.requests.first?.system, "same prompt")
        #expect(primary.requests.first?.messages == candidate.requests.first?.messages, "same history")
        #expect(shadow.queue.counts.finished == 1)
    }

    @Test("the candidate runs while the primary is still answering, not after it")
    func concurrent() async throws {
        let harness = try await ShadowHarness()
        defer { harness.remove() }
        let candidate = ScriptedEngine(name: "llama", scripts: [.text("Candidate reply.")])
        let shadow = try shadow(harness, candidate)
        // The primary answers only once the candidate has been asked: sequential shadowing would never finish.
        let gate = CandidateGate(candidate: candidate)
        let outcome = try await harness.agent(gate, observer: shadow).respond(
            TurnInput(user: harness.user, session: nil, message: "Are you there?")
        )
        #expect(outcome.reply == "Primary after candidate.")
        await shadow.queue.drain(within: .seconds(600))
        #expect(try ShadowLogReader.read(path: harness.logPath).records.count == 1)
    }

    @Test("a candidate sharing the primary's one-request server starts only once the primary has answered")
    func startsAfterPrimary() async throws {
        let harness = try await ShadowHarness()
        defer { harness.remove() }
        let finished = Mutex(false)
        let primary = ProbeEngine(name: "local") { finished.withLock { $0 = true } }
        let candidate = ProbeEngine(name: "local-shadow") {}
        let shadow = LiveShadow(
            candidate: ShadowEngine(slot: harness.slot(candidate), timeout: .seconds(600)),
            log: try ShadowLog(path: harness.logPath),
            queue: ShadowQueue(capacity: 4),
            startsAfterPrimary: true
        )
        candidate.onStart = { #expect(finished.withLock { $0 }, "the primary's answer was complete") }
        let outcome = try await harness.agent(primary, observer: shadow).respond(
            TurnInput(user: harness.user, session: nil, message: "Are you there?")
        )
        #expect(outcome.reply == "local answer.")
        await shadow.queue.drain(within: .seconds(600))
        let record = try #require(try ShadowLogReader.read(path: harness.logPath).records.first)
        #expect(record.candidate.response == "local-shadow answer.")
    }

    @Test("a failing or stalled candidate is recorded as such and the turn still succeeds")
    func candidateFailure() async throws {
        let harness = try await ShadowHarness()
        defer { harness.remove() }
        let failing = ScriptedEngine(
            name: "llama",
            scripts: [.init(events: [], failure: EngineError(code: .providerError, message: "HTTP 500"))]
        )
        for (candidate, timeout) in [
            (failing as any ReasoningEngine, Duration.seconds(600)), (StalledEngine(), .milliseconds(50)),
        ] {
            let shadow = try shadow(harness, candidate, timeout: timeout)
            let primary = ScriptedEngine(name: "claude", scripts: [.text("Still here with you.")])
            let outcome = try await harness.agent(primary, observer: shadow).respond(
                TurnInput(user: harness.user, session: nil, message: "Hello again, are you there?")
            )
            #expect(outcome.reply == "Still here with you.")
            await shadow.queue.drain(within: .seconds(600))
        }
        let records = try ShadowLogReader.read(path: harness.logPath).records
        #expect(records.count == 2)
        #expect(records[0].candidate.error?.contains("HTTP 500") == true)
        #expect(records[0].candidate.checks == ["error"])
        #expect(records[1].candidate.timedOut)
        #expect(records.allSatisfy { $0.primary.error == nil && $0.primary.response == "Still here with you." })
    }

    @Test("when every primary engine fails the turn fails as before and the record says so")
    func primaryFailure() async throws {
        let harness = try await ShadowHarness()
        defer { harness.remove() }
        let shadow = try shadow(harness, ScriptedEngine(name: "llama", scripts: [.text("Candidate.")]))
        await #expect(throws: AgentError.self) {
            try await harness.agent(ScriptedEngine(scripts: []), observer: shadow).respond(
                TurnInput(user: harness.user, session: nil, message: "Hello there?")
            )
        }
        await shadow.queue.drain(within: .seconds(600))
        let record = try #require(try ShadowLogReader.read(path: harness.logPath).records.first)
        #expect(record.primary.error == "no engine could answer")
        #expect(record.candidate.response == "Candidate.")
    }

    @Test("a full queue drops shadow work at once and counts it; the turns are unaffected")
    func saturation() async throws {
        let harness = try await ShadowHarness()
        defer { harness.remove() }
        let shadow = LiveShadow(
            candidate: ShadowEngine(slot: harness.slot(StalledEngine()), timeout: .seconds(3600)),
            log: try ShadowLog(path: harness.logPath),
            queue: ShadowQueue(capacity: 2)
        )
        let primary = ScriptedEngine(name: "claude", scripts: (0..<5).map { .text("Reply \($0).") })
        let agent = harness.agent(primary, observer: shadow)
        for index in 0..<5 {
            let outcome = try await agent.respond(
                TurnInput(user: harness.user, session: nil, message: "Turn \(index) here")
            )
            #expect(outcome.reply == "Reply \(index).")
        }
        #expect(shadow.queue.counts == .init(inFlight: 2, finished: 0, dropped: 3, abandoned: 0))
        await shadow.queue.drain(within: .milliseconds(50))
        #expect(shadow.queue.counts == .init(inFlight: 0, finished: 0, dropped: 3, abandoned: 2))
        // No log file means nothing was logged; a log that exists must be readable and hold no record.
        let records =
            FileManager.default.fileExists(atPath: harness.logPath)
            ? try ShadowLogReader.read(path: harness.logPath).records : []
        #expect(records.isEmpty, "work stopped at the exit bound is dropped, not logged as a failure")
    }
}

/// An engine that answers "<name> answer.", running `onStart` when asked and `onFinish` once it has answered.
final class ProbeEngine: ReasoningEngine {
    let name: String
    let model = "probe-model"
    let capabilities = EngineCapabilities()
    let onFinish: @Sendable () -> Void
    private let start = Mutex<@Sendable () -> Void>({})

    init(name: String, onFinish: @escaping @Sendable () -> Void) {
        self.name = name
        self.onFinish = onFinish
    }

    var onStart: @Sendable () -> Void {
        get { start.withLock { $0 } }
        set { start.withLock { $0 = newValue } }
    }

    func stream(_ request: EngineRequest) -> EngineEventStream {
        onStart()
        let (name, onFinish) = (name, onFinish)
        return .producing { continuation in
            continuation.yield(.textDelta("\(name) answer."))
            continuation.yield(.finish(.endTurn))
            onFinish()
        }
    }
}

/// A primary engine that answers only after the candidate received its request.
struct CandidateGate: ReasoningEngine {
    let name = "claude"
    let model = "gate-model"
    let capabilities = EngineCapabilities()
    let candidate: ScriptedEngine

    func stream(_ request: EngineRequest) -> EngineEventStream {
        let candidate = candidate
        return .producing { continuation in
            while candidate.requests.isEmpty { try await Task.sleep(for: .milliseconds(1)) }
            continuation.yield(.textDelta("Primary after candidate."))
            continuation.yield(.finish(.endTurn))
        }
    }
}
