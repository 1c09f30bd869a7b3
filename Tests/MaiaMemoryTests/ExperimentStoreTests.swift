import Foundation
import MaiaCore
import MaiaMemory
import MaiaTesting
import Testing

/// The contract of `ExperimentStore`, run against every backend so that SQLite and Postgres behave identically.
@Suite("Experiment store (every backend)")
struct ExperimentStoreTests {
    let ana = UserID("ana")!
    let bob = UserID("bob")!

    private func at(_ seconds: Double) -> Date { Date(timeIntervalSince1970: 1_700_000_000 + seconds) }

    private func withStore(
        _ backend: StoreBackend,
        _ body: (any MemoryStore & ExperimentStore) async throws -> Void
    ) async throws {
        try await backend.withStore { store in
            try await body(try #require(store as? any MemoryStore & ExperimentStore))
        }
    }

    private func state(
        _ percent: Double,
        _ status: ExperimentState.Status,
        by who: String,
        at seconds: Double
    )
        -> ExperimentState
    {
        ExperimentState(
            experiment: "llama-rollout",
            percent: percent,
            status: status,
            reason: "because \(who)",
            changedBy: who,
            changedAt: at(seconds)
        )
    }

    private func turn(_ id: String, user: UserID, arm: Arm, at seconds: Double) -> ExperimentTurnRow {
        ExperimentTurnRow(
            turnID: id,
            experiment: "llama-rollout",
            unit: user.rawValue,
            userID: user,
            sessionID: SessionID("s1"),
            arm: arm,
            engine: arm == .candidate ? "llama" : "claude",
            model: arm == .candidate ? "meta-llama/Llama-3.1-8B-Instruct" : "claude-sonnet-4-5",
            fellBack: false,
            failed: false,
            latencyMs: 812.5,
            ttftMs: 120.25,
            inputTokens: 1200,
            outputTokens: 80,
            costUSD: 0.0042,
            toolCalls: 2,
            invalidToolCalls: 1,
            failedChecks: ["over_length", "refusal"],
            language: "fr",
            at: at(seconds)
        )
    }

    private func exposure(_ unit: String, _ arm: Arm, at seconds: Double) -> ExposureRow {
        ExposureRow(
            experiment: "llama-rollout",
            unit: unit,
            arm: arm,
            bucket: 42,
            forced: false,
            exposedAt: at(seconds)
        )
    }

    @Test(
        "the environment seeds the state once; a stored change wins and every change is in the history",
        arguments: StoreBackend.tested
    )
    func stateAndHistory(backend: StoreBackend) async throws {
        try await withStore(backend) { store in
            #expect(try await store.experimentState("llama-rollout") == nil)
            let seeded = try await store.seedExperimentState(state(20, .running, by: "environment", at: 0))
            #expect(seeded == state(20, .running, by: "environment", at: 0))
            try await store.setExperimentState(state(0, .stopped, by: "cli:ops", at: 5))
            let reseeded = try await store.seedExperimentState(state(50, .running, by: "environment", at: 9))
            #expect(reseeded == state(0, .stopped, by: "cli:ops", at: 5))
            #expect(try await store.experimentState("llama-rollout") == state(0, .stopped, by: "cli:ops", at: 5))
            let history = try await store.experimentHistory("llama-rollout")
            #expect(history.map(\.changedBy) == ["environment", "cli:ops"])
            #expect(try await store.experimentHistory("other").isEmpty)
        }
    }

    @Test("a unit's first exposure wins; later ones return it unchanged", arguments: StoreBackend.tested)
    func firstExposureWins(backend: StoreBackend) async throws {
        try await withStore(backend) { store in
            let first = try await store.recordExposure(exposure("ana", .control, at: 1))
            #expect(first == exposure("ana", .control, at: 1))
            let again = try await store.recordExposure(exposure("ana", .candidate, at: 2))
            #expect(again == exposure("ana", .control, at: 1))
            try await store.recordExposure(exposure("bob", .candidate, at: 3))
            #expect(try await store.exposures("llama-rollout", since: nil).map(\.unit) == ["ana", "bob"])
            #expect(try await store.exposures("llama-rollout", since: at(2)).map(\.unit) == ["bob"])
            #expect(try await store.exposures("other", since: nil).isEmpty)
        }
    }

    @Test("a turn comes back with every field, once however often it is recorded", arguments: StoreBackend.tested)
    func turns(backend: StoreBackend) async throws {
        try await withStore(backend) { store in
            let row = turn("t1", user: ana, arm: .candidate, at: 10)
            try await store.recordTurn(row, exposure: exposure("ana", .candidate, at: 10))
            try await store.recordTurn(row, exposure: exposure("ana", .candidate, at: 10))
            var failed = turn("t2", user: bob, arm: .control, at: 20)
            (failed.engine, failed.model, failed.failed, failed.ttftMs, failed.costUSD) = ("", "", true, nil, nil)
            failed.sessionID = nil
            failed.failedChecks = []
            try await store.recordTurn(failed, exposure: exposure("bob", .control, at: 20))
            let rows = try await store.experimentTurns("llama-rollout", since: nil)
            #expect(rows == [row, failed])
            #expect(try await store.experimentTurns("llama-rollout", since: at(15)) == [failed])
            #expect(try await store.exposures("llama-rollout", since: nil).count == 2)
        }
    }

    @Test(
        "feedback needs the user's own answered turn; a second rating replaces the first",
        arguments: StoreBackend.tested
    )
    func feedback(backend: StoreBackend) async throws {
        try await withStore(backend) { store in
            _ = try await store.append(
                [
                    NewMessage(role: .user, content: "hello", clientID: "t1:user"),
                    NewMessage(role: .maia, content: "hi", clientID: ExperimentTurnRow.replyClientID("t1")),
                ],
                for: ana
            )
            try await store.recordTurn(
                turn("t1", user: ana, arm: .candidate, at: 10),
                exposure: exposure("ana", .candidate, at: 10)
            )
            await #expect(throws: MemoryError.self) {
                try await store.recordFeedback(
                    FeedbackRow(turnID: "t1", userID: bob, rating: .down, comment: nil, at: at(11))
                )
            }
            do {
                try await store.recordFeedback(
                    FeedbackRow(turnID: "t9", userID: ana, rating: .up, comment: nil, at: at(11))
                )
                Issue.record("feedback on a turn that does not exist was stored")
            } catch let error as MemoryError {
                #expect(error.code == .notFound)
            }
            try await store.recordFeedback(
                FeedbackRow(turnID: "t1", userID: ana, rating: .down, comment: "cold", at: at(12))
            )
            try await store.recordFeedback(
                FeedbackRow(turnID: "t1", userID: ana, rating: .up, comment: "warm", at: at(13))
            )
            let rows = try await store.feedback("llama-rollout", since: nil)
            #expect(rows == [FeedbackRow(turnID: "t1", userID: ana, rating: .up, comment: "warm", at: at(13))])
            #expect(try await store.feedback("other", since: nil).isEmpty)
            #expect(try await store.feedback("llama-rollout", since: at(14)).isEmpty)
        }
    }

    @Test("forgetting a user erases their experiment turns, feedback and exposures", arguments: StoreBackend.tested)
    func forget(backend: StoreBackend) async throws {
        try await withStore(backend) { store in
            _ = try await store.append(
                [NewMessage(role: .maia, content: "hi", sessionID: SessionID("s1"), clientID: "t1:maia")],
                for: ana
            )
            try await store.recordTurn(
                turn("t1", user: ana, arm: .control, at: 1),
                exposure: exposure("ana", .control, at: 1)
            )
            try await store.recordExposure(exposure("s1", .control, at: 1))
            try await store.recordTurn(
                turn("t2", user: bob, arm: .control, at: 2),
                exposure: exposure("bob", .control, at: 2)
            )
            try await store.recordFeedback(FeedbackRow(turnID: "t1", userID: ana, rating: .up, comment: nil, at: at(3)))
            _ = try await store.forget(ana)
            #expect(try await store.experimentTurns("llama-rollout", since: nil).map(\.userID) == [bob])
            #expect(try await store.exposures("llama-rollout", since: nil).map(\.unit) == ["bob"])
            #expect(try await store.feedback("llama-rollout", since: nil).isEmpty)
        }
    }
}
