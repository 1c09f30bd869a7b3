import Foundation
import MaiaCore
import MaiaMemory
import MaiaTesting
import Testing

/// `maia experiment report` through the binary, over rows written to its SQLite store.
@Suite("maia experiment report")
struct ExperimentReportCommandTests {
    let maia = CommandRunner()
    let folder: TemporaryDirectory

    init() throws {
        folder = try TemporaryDirectory()
    }

    @discardableResult
    private func run(_ arguments: [String]) throws -> CommandRunner.Result {
        try maia.run(arguments, in: folder.url, environment: ["MAIA_DB": "./data/test.sqlite", "USER": "ops"])
    }

    @Test("report --json and --html over stored rows: SRM, metrics per language, the error-rate guardrail")
    func report() async throws {
        let notStarted = try run(["experiment", "report"])
        #expect(notStarted.status == 1 && notStarted.stderr.contains("has not started yet: nothing to report"))
        #expect(try run(["experiment", "start", "--percent", "50"]).status == 0)
        let empty = try run(["experiment", "report"])
        #expect(empty.status == 1 && empty.stderr.contains("no exposure or turn yet"), "\(empty.stderr)")
        // 400 units, half in each arm; the candidate fails every fifth turn, control none.
        try await ExperimentSeed.write(
            units: 400,
            candidateFailsEvery: 5,
            to: SQLiteStore(path: folder.url.appendingPathComponent("data/test.sqlite").path),
            now: Date()
        )

        let result = try run(["experiment", "report", "--json", "--html", "report.html"])
        #expect(result.status == 0, "\(result.stderr)")
        let json = try #require(JSONValue(parsing: result.stdout), "\(result.stdout)")
        #expect(json["sample_ratio"]?["control"] == 200 && json["sample_ratio"]?["mismatch"] == false)
        #expect(json["overall"]?["metrics"]?["error_rate"]?["decision"] == "candidate_worse")
        #expect(json["rollback"]?.stringValue?.hasPrefix("guardrail error_rate") == true)
        #expect(json["by_language"]?.arrayValue?.compactMap { $0["key"]?.stringValue }.sorted() == ["de", "en"])
        let html = try String(contentsOf: folder.url.appendingPathComponent("report.html"), encoding: .utf8)
        #expect(html.contains("<h1>Experiment report: llama-rollout</h1>"))

        let text = try run(["experiment", "report"])
        #expect(text.stdout.hasPrefix("Experiment report: llama-rollout\n\nSample ratio OK"), "\(text.stdout)")
    }

    @Test("bad input is refused in one line naming what is accepted")
    func badInput() throws {
        for (arguments, expected) in [
            (["experiment", "report", "--split", "100"], "above 0 and below 100"),
            (["experiment", "report", "--target-units", "5"], "from 100 to 100000000"),
            (["experiment", "report", "--since", "yesterday"], "not an ISO 8601 time"),
            (["experiment", "report", "--html", "missing/report.html"], "does not exist"),
        ] {
            let result = try run(arguments)
            #expect(result.status == 64 || result.status == 1, "\(arguments): \(result.stderr)")
            #expect(result.stderr.contains(expected), "\(arguments): \(result.stderr)")
        }
    }
}
