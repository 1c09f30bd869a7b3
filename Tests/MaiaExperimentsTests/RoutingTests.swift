import Foundation
import MaiaAgent
import MaiaCore
import MaiaEngines
import MaiaMemory
import MaiaTesting
import Synchronization
import Testing

@testable import MaiaExperiments

/// Counts the turns the live shadow observer is shown.
final class CountingObserver: TurnObserver {
    let seen = Mutex(0)

    func turnPrepared(
        _ turn: PersonalOracleAgent.PreparedTurn,
        input: TurnInput,
        analysis: TurnAnalysis
    ) -> @Sendable (TurnOutcome?) -> Void {
        seen.withLock { $0 += 1 }
        return { _ in }
    }
}

@Suite(
    "Routing: the unit's arm picks the engines, and each turn of a running experiment is recorded",
    .timeLimit(.minutes(10))
)
struct RoutingTests {
    let experiment = "llama-rollout"

    func selector(
        _ harness: ShadowHarness,
        candidate: any ReasoningEngine,
        control: any ReasoningEngine,
        percent: Double,
        status: ExperimentState.Status = .running,
        forceCandidate: Set<String> = [],
        maxAge: Duration = .seconds(1)
    ) -> RoutingSelector {
        let seed = ExperimentState(
            experiment: experiment,
            percent: percent,
            status: status,
            changedBy: "environment",
            changedAt: Date()
        )
        return RoutingSelector(
            state: ExperimentStateCache(store: harness.store, seed: seed, maxAge: maxAge),
            unit: .user,
            forceCandidate: forceCandidate,
            candidate: [harness.slot(candidate), harness.slot(control)],
            control: [harness.slot(control)],
            recorder: ExperimentRecorder(store: harness.store)
        )
    }

    func agent(_ harness: ShadowHarness, _ selector: RoutingSelector, shadow: CountingObserver) -> PersonalOracleAgent {
        PersonalOracleAgent(store: harness.store, search: harness.search, selector: selector, observer: shadow)
    }

    @Test("a candidate unit is answered by Llama and not shadowed; the turn and exposure are recorded")
    func candidateArm() async throws {
        let harness = try await ShadowHarness()
        defer { harness.remove() }
        let llama = ScriptedEngine(name: "llama", scripts: [.text("Llama hears you.")])
        let claude = ScriptedEngine(name: "claude", scripts: [])
        let routing = selector(harness, candidate: llama, control: claude, percent: 100)
        let shadow = CountingObserver()
        let input = TurnInput(user: harness.user, session: SessionID("s1"), message: "Bonjour, tu te souviens de moi ?")
        let outcome = try await agent(harness, routing, shadow: shadow).respond(input)
        #expect(outcome.reply == "Llama hears you.")
        #expect(shadow.seen.withLock { $0 } == 0, "a turn Llama answers is not shadowed by Llama")
        await routing.recorder?.queue.drain(within: .seconds(600))
        let turns = try await harness.store.experimentTurns(experiment, since: nil)
        let turn = try #require(turns.first)
        #expect(turns.count == 1)
        #expect(turn.turnID == input.turnID)
        #expect((turn.arm, turn.engine, turn.fellBack, turn.failed) == (.candidate, "llama", false, false))
        #expect(turn.language == "fr")
        #expect(turn.failedChecks == ["language_mismatch"], "an English reply to French fails the shadow check")
        #expect(turn.latencyMs >= 0)
        let exposures = try await harness.store.exposures(experiment, since: nil)
        #expect(exposures.map(\.unit) == ["ana"])
        #expect(exposures.first?.arm == .candidate)
    }

    @Test("a candidate failure falls back to Claude within the turn and counts against the candidate")
    func fallback() async throws {
        let harness = try await ShadowHarness()
        defer { harness.remove() }
        let llama = ScriptedEngine(
            name: "llama",
            scripts: [.init(events: [], failure: EngineError(code: .providerError, message: "HTTP 500"))]
        )
        let claude = ScriptedEngine(name: "claude", scripts: [.text("Claude is here.")])
        let routing = selector(harness, candidate: llama, control: claude, percent: 100)
        let outcome = try await agent(harness, routing, shadow: CountingObserver()).respond(
            TurnInput(user: harness.user, session: nil, message: "Are you there?")
        )
        #expect(outcome.reply == "Claude is here.")
        await routing.recorder?.queue.drain(within: .seconds(600))
        let turn = try #require(try await harness.store.experimentTurns(experiment, since: nil).first)
        #expect((turn.arm, turn.engine, turn.fellBack, turn.failed) == (.candidate, "claude", true, false))
    }

    @Test("a control unit gets the usual engines and the shadow; a stop sends candidates back and records nothing")
    func controlAndStop() async throws {
        let harness = try await ShadowHarness()
        defer { harness.remove() }
        let llama = ScriptedEngine(name: "llama", scripts: [.text("Llama.")])
        let claude = ScriptedEngine(name: "claude", scripts: [.text("Claude one."), .text("Claude two.")])
        // maxAge zero: every turn reads the stored state, as a replica does once its second is up.
        let routing = selector(harness, candidate: llama, control: claude, percent: 0, maxAge: .zero)
        let shadow = CountingObserver()
        let agent = agent(harness, routing, shadow: shadow)
        let first = try await agent.respond(TurnInput(user: harness.user, session: nil, message: "Hello there"))
        #expect(first.reply == "Claude one.")
        #expect(shadow.seen.withLock { $0 } == 1)
        try await harness.store.setExperimentState(
            ExperimentState(experiment: experiment, percent: 100, status: .stopped, changedBy: "cli", changedAt: Date())
        )
        let second = try await agent.respond(TurnInput(user: harness.user, session: nil, message: "Hello again"))
        #expect(second.reply == "Claude two.", "a stopped experiment serves everyone with the control engine")
        await routing.recorder?.queue.drain(within: .seconds(600))
        let turns = try await harness.store.experimentTurns(experiment, since: nil)
        #expect(turns.map(\.arm) == [.control], "only the turn of the running experiment is recorded")
    }

    @Test("a forced tester gets Llama at share 0; a stop overrides the force list")
    func forceList() async throws {
        let harness = try await ShadowHarness()
        defer { harness.remove() }
        let routing = selector(
            harness,
            candidate: ScriptedEngine(name: "llama", scripts: []),
            control: ScriptedEngine(name: "claude", scripts: []),
            percent: 0,
            forceCandidate: ["ana"],
            maxAge: .zero
        )
        let input = TurnInput(user: harness.user, session: nil, message: "hi")
        #expect(await routing.select(for: input).engines.first?.engine.name == "llama")
        _ = try await ExperimentControl(store: harness.store, experiment: experiment).stop(by: "cli", reason: "test")
        #expect(await routing.select(for: input).engines.first?.engine.name == "claude")
    }

    @Test("an unreadable state serves everyone the control engine")
    func unreadableState() async throws {
        struct Broken: ExperimentStore {
            func fail<T>() throws(MemoryError) -> T { throw MemoryError(.storage, "down") }
            func experimentState(_ experiment: String) async throws(MemoryError) -> ExperimentState? { try fail() }
            func setExperimentState(_ state: ExperimentState) async throws(MemoryError) { try fail() as Void }
            func seedExperimentState(_ state: ExperimentState) async throws(MemoryError) -> ExperimentState {
                try fail()
            }
            func experimentHistory(_ experiment: String) async throws(MemoryError) -> [ExperimentState] { try fail() }
            func recordExposure(_ exposure: ExposureRow) async throws(MemoryError) -> ExposureRow { try fail() }
            func recordTurn(_ turn: ExperimentTurnRow, exposure: ExposureRow) async throws(MemoryError) {
                try fail() as Void
            }
            func recordFeedback(_ feedback: FeedbackRow) async throws(MemoryError) { try fail() as Void }
            func exposures(_ experiment: String, since: Date?) async throws(MemoryError) -> [ExposureRow] { try fail() }
            func experimentTurns(_ experiment: String, since: Date?) async throws(MemoryError) -> [ExperimentTurnRow] {
                try fail()
            }
            func feedback(_ experiment: String, since: Date?) async throws(MemoryError) -> [FeedbackRow] { try fail() }
        }
        let seed = ExperimentState(
            experiment: experiment,
            percent: 100,
            status: .running,
            changedBy: "env",
            changedAt: Date()
        )
        let errors = Mutex(0)
        let cache = ExperimentStateCache(store: Broken(), seed: seed, onError: { _ in errors.withLock { $0 += 1 } })
        let state = await cache.current()
        #expect((state.status, state.percent) == (.stopped, 0))
        #expect(errors.withLock { $0 } == 1)
    }
}
