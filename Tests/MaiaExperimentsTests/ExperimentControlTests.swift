import Foundation
import MaiaCore
import MaiaMemory
import MaiaTesting
import Testing

@testable import MaiaExperiments

@Suite("Experiment control: start, ramp, stop, clear, with history and clear refusals")
struct ExperimentControlTests {
    @Test("start → ramp → stop → start; a rollback must be cleared before a new start")
    func lifecycle() async throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let store = try SQLiteStore(path: folder.url.appendingPathComponent("maia.sqlite").path)
        let control = ExperimentControl(store: store, experiment: "llama-rollout")
        #expect(try await control.status() == nil)
        await #expect(throws: ExperimentControlError.self) { try await control.ramp(percent: 20, by: "cli") }
        #expect(try await control.start(percent: 5, by: "cli:ops", reason: "first users").percent == 5)
        let refused = await #expect(throws: ExperimentControlError.self) {
            try await control.start(percent: 9, by: "x")
        }
        #expect(refused?.message.contains("use ramp") == true)
        #expect(try await control.ramp(percent: 20, by: "cli:ops").percent == 20)
        let stopped = try await control.stop(by: "service:alice", reason: "pager")
        #expect((stopped.status, stopped.percent, stopped.changedBy) == (.stopped, 0, "service:alice"))
        _ = try await control.start(percent: 50, by: "cli:ops")
        _ = try await control.rollBack(reason: "error rate breached")
        await #expect(throws: ExperimentControlError.self) { try await control.start(percent: 5, by: "cli") }
        #expect(try await control.stop(by: "cli").status == .rolledBack, "a stop leaves a rollback in place")
        #expect(try await control.clear(by: "cli:ops", reason: "fixed the prompt").status == .stopped)
        await #expect(throws: ExperimentControlError.self) { try await control.clear(by: "cli") }
        let history = try await control.history()
        #expect(history.map(\.status) == [.running, .running, .stopped, .running, .rolledBack, .stopped])
        #expect(history.map(\.percent) == [5, 20, 0, 50, 0, 0])
    }

    @Test("a share outside 0–100 or a long reason is refused, saying what is accepted", arguments: [-1, 100.5, .nan])
    func badInput(percent: Double) async throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let store = try SQLiteStore(path: folder.url.appendingPathComponent("maia.sqlite").path)
        let control = ExperimentControl(store: store, experiment: "e")
        let error = await #expect(throws: ExperimentControlError.self) {
            try await control.start(percent: percent, by: "cli")
        }
        #expect(error?.code == .invalidInput)
        #expect(error?.message.contains("from 0 to 100") == true)
        let long = await #expect(throws: ExperimentControlError.self) {
            try await control.start(percent: 5, by: "cli", reason: String(repeating: "x", count: 501))
        }
        #expect(long?.message.contains("at most 500") == true)
        #expect(try await control.status() == nil, "nothing was stored")
    }

    @Test("export writes every row as JSON Lines and as CSV with quoted fields")
    func export() throws {
        let at = Date(timeIntervalSince1970: 1_700_000_000)
        let export = ExperimentExport(
            exposures: [
                ExposureRow(experiment: "e", unit: "ana", arm: .candidate, bucket: 7, forced: false, exposedAt: at)
            ],
            turns: [],
            feedback: [
                FeedbackRow(turnID: "t1", userID: UserID("ana")!, rating: .down, comment: "too \"cold\", sorry", at: at)
            ]
        )
        let lines = export.text(.jsonl).split(separator: "\n")
        #expect(lines.count == 2)
        #expect(JSONValue(parsing: String(lines[0]))?.objectValue?["kind"] == "exposure")
        #expect(JSONValue(parsing: String(lines[1]))?.objectValue?["comment"] == "too \"cold\", sorry")
        let csv = export.text(.csv).split(separator: "\n")
        #expect(csv[0].hasPrefix("kind,experiment,unit,arm,bucket"))
        #expect(csv[1].hasPrefix("exposure,e,ana,candidate,7,false,2023-11-14T22:13:20.000Z"))
        #expect(csv[2].contains("\"too \"\"cold\"\", sorry\""))
    }
}
