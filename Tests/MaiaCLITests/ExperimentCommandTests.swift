import Foundation
import MaiaCore
import MaiaTesting
import Testing

/// `maia experiment` and `maia feedback` on a SQLite store, through the binary.
@Suite("maia experiment start|ramp|stop|clear|status|export and maia feedback")
struct ExperimentCommandTests {
    let maia = CommandRunner()
    let folder: TemporaryDirectory

    init() throws {
        folder = try TemporaryDirectory()
    }

    @discardableResult
    private func run(_ arguments: [String]) throws -> CommandRunner.Result {
        try maia.run(arguments, in: folder.url, environment: ["MAIA_DB": "./data/test.sqlite", "USER": "ops"])
    }

    @Test("start, ramp and stop are stored with who and why, status shows them, export writes the rows")
    func lifecycle() throws {
        let started = try run(["experiment", "start", "--percent", "5", "--reason", "first users"])
        #expect(started.status == 0, "\(started.stderr)")
        #expect(started.stdout.contains("llama-rollout: running, candidate share 5% (changed by cli:ops"))
        #expect(try run(["experiment", "ramp", "--percent", "20"]).status == 0)
        let again = try run(["experiment", "start", "--percent", "50"])
        #expect(again.status == 1)
        #expect(again.stderr.contains("already running at 20%; use ramp"), "\(again.stderr)")
        #expect(try run(["experiment", "stop", "--reason", "pager"]).status == 0)
        let status = try run(["experiment", "status", "--json"])
        let json = try #require(JSONValue(parsing: status.stdout), "\(status.stdout)\(status.stderr)")
        #expect(json["state"]?["status"] == "stopped")
        #expect(json["state"]?["reason"] == "pager")
        #expect(json["history"]?.arrayValue?.map { $0["percent"] } == [5, 20, 0])
        let clear = try run(["experiment", "clear"])
        #expect(clear.status == 1)
        #expect(clear.stderr.contains("clear only acknowledges a guardrail rollback"))
        let export = try run(["experiment", "export", "--format", "csv", "--out", "rows.csv"])
        #expect(export.status == 0, "\(export.stderr)")
        let csv = try String(contentsOf: folder.url.appendingPathComponent("rows.csv"), encoding: .utf8)
        #expect(csv.hasPrefix("kind,experiment,unit,arm,bucket,forced,exposed_at,turn_id"))
    }

    @Test("bad input is refused in one line naming what is accepted")
    func badInput() throws {
        for (arguments, text) in [
            (["experiment", "start", "--percent", "120"], "from 0 to 100"),
            (["experiment", "start", "--percent", "five"], "--percent"),
            (["experiment", "ramp", "--percent", "20"], "is not running; use start"),
            (["experiment", "status", "--experiment", "a b"], "1 to 64 letters"),
            (["experiment", "export", "--format", "xml"], "jsonl"),
            (["experiment", "export", "--since", "yesterday"], "not an ISO 8601 time"),
            (["feedback", "--user", "ana", "--turn", "t1", "--rating", "meh"], "up"),
            (["feedback", "--user", "ana", "--turn", "t 1", "--rating", "up"], "1-128 visible ASCII"),
            (["feedback", "--user", "ana", "--turn", "t1", "--rating", "up"], "has no answered turn with that id"),
        ] {
            let result = try run(arguments)
            #expect(result.status == 1 || result.status == 64, "\(arguments): \(result.status) \(result.stderr)")
            #expect(result.stderr.contains(text), "\(arguments): \(result.stderr)")
            #expect(!result.stderr.contains("Fatal error"))
        }
    }
}
