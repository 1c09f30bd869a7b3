import Foundation
import MaiaCore
import MaiaExperiments
import MaiaTesting
import Testing

/// `maia memory consent` and `maia export finetune|distill`, run as a user would.
@Suite("maia export and maia memory consent")
struct ExportCommandTests {
    let maia = CommandRunner()
    let folder: TemporaryDirectory

    init() throws {
        folder = try TemporaryDirectory()
    }

    @discardableResult
    private func run(_ arguments: [String]) throws -> CommandRunner.Result {
        try maia.run(
            arguments,
            in: folder.url,
            environment: ["MAIA_DB": "./data/test.sqlite", "LLAMA_SHADOW_LOG_PATH": "./shadow.jsonl"]
        )
    }

    private func add(_ user: String, _ role: String, _ text: String, at minute: Int) throws {
        let result = try run([
            "memory", "add", "--user", user, "--role", role, "--text", text, "--session", "s1",
            "--at", "2026-11-01T10:\(String(format: "%02d", minute)):00Z",
        ])
        #expect(result.status == 0, "\(result.stderr)")
    }

    @Test("consent defaults to no, is stored with its time, and export takes only consenting users")
    func consentAndExport() throws {
        try add("ana", "user", "Tell Lena I wrote from ana@mail.example.", at: 0)
        try add("ana", "maia", "I will remember Lena.", at: 1)
        try add("bob", "user", "bob-zebra-7781 stays private", at: 0)
        try add("bob", "maia", "Of course.", at: 1)
        let never = try run(["memory", "consent", "--user", "ana", "--json"])
        #expect(try #require(JSONValue(parsing: never.stdout))["training"] == false)
        let given = try run(["memory", "consent", "--user", "ana", "--training", "yes", "--hide", "Lena", "--json"])
        #expect(given.status == 0, "\(given.stderr)")
        let consent = try #require(JSONValue(parsing: given.stdout))
        #expect(consent["training"] == true)
        #expect(consent["hidden_names"] == ["Lena"])
        #expect(consent["changed_at"]?.stringValue != nil)
        let text = try run(["memory", "consent", "--user", "ana"])
        #expect(text.stdout.contains("training yes since"))
        #expect(text.stdout.contains("names hidden in exports: Lena"))

        let export = try run(["export", "finetune", "--out", "train.jsonl", "--val-share", "0"])
        #expect(export.status == 0, "\(export.stderr)")
        #expect(export.stderr.contains("finetune export (messages): 1 conversation(s), 1 turn(s)"))
        #expect(export.stderr.contains("1 users_without_consent"))
        #expect(export.stderr.contains("1 email, 2 name"))
        let train = try String(contentsOf: folder.url.appendingPathComponent("train.jsonl"), encoding: .utf8)
        #expect(train.contains("Tell [NAME] I wrote from [EMAIL]."))
        #expect(!train.contains("bob-zebra-7781") && !train.contains("Lena") && !train.contains("ana@mail"))
        let validation = try String(contentsOf: folder.url.appendingPathComponent("train.val.jsonl"), encoding: .utf8)
        #expect(validation.isEmpty)

        let json = try run(["export", "finetune", "--out", "t.jsonl", "--format", "llama3-text", "--json"])
        let summary = try #require(JSONValue(parsing: json.stdout))
        #expect(summary["format"] == "llama3-text")
        #expect(summary["excluded"]?["users_without_consent"] == 1)
        #expect(summary["files"]?["validation"] == "t.val.jsonl")

        // Forget removes ana from every later export.
        #expect(try run(["memory", "forget", "--user", "ana"]).status == 0)
        let after = try run(["export", "finetune", "--out", "train.jsonl", "--json"])
        #expect(try #require(JSONValue(parsing: after.stdout))["conversations"] == 0)
        #expect(try String(contentsOf: folder.url.appendingPathComponent("train.jsonl"), encoding: .utf8).isEmpty)
    }

    @Test("distill reads the shadow log and keeps consenting users' judge-preferred primary answers")
    func distill() async throws {
        let log = try ShadowLog(path: folder.url.appendingPathComponent("shadow.jsonl").path)
        let both = JudgeVerdict(
            judge: "judge",
            orders: [
                .init(primaryFirst: true, winner: .primary, rationale: "clearer"),
                .init(primaryFirst: false, winner: .primary, rationale: "clearer"),
            ]
        )
        for (user, message) in [("ana", "How do I rest, Lena asks?"), ("bob", "bob-zebra-7781 asks too")] {
            try await log.append(
                ShadowRecord(
                    timestamp: Date(timeIntervalSince1970: 1_790_000_000),
                    source: .live,
                    userId: user,
                    sessionId: "s1",
                    userMessage: message,
                    language: "en",
                    primary: ShadowAnswer(engine: "claude", model: "claude-sonnet", response: "Rest gently."),
                    candidate: ShadowAnswer(engine: "llama", model: "llama-3.1-8b", response: "Sleep."),
                    comparison: ShadowComparison(lengthDiff: -6, toolOverlap: 1, judge: both)
                )
            )
        }
        _ = try run(["memory", "consent", "--user", "ana", "--training", "yes", "--hide", "Lena"])
        let result = try run(["export", "distill", "--out", "distill.jsonl", "--format", "openai", "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        let summary = try #require(JSONValue(parsing: result.stdout))
        #expect(summary["kind"] == "distill")
        #expect(summary["conversations"] == 1)
        #expect(summary["excluded"]?["users_without_consent"] == 1)
        let lines = try String(contentsOf: folder.url.appendingPathComponent("distill.jsonl"), encoding: .utf8)
        #expect(lines.contains("How do I rest, [NAME] asks?"))
        #expect(lines.contains("Rest gently."))
        #expect(!lines.contains("bob-zebra-7781") && !lines.contains("Lena") && !lines.contains("Sleep."))
    }

    @Test(
        "bad input is refused with what is accepted",
        arguments: [
            (["memory", "consent", "--user", "ana", "--training", "maybe"], "--training"),
            (["memory", "consent", "--user", "ana", "--hide", "Lena"], "need --training yes|no"),
            (["memory", "consent", "--user", "ana", "--training", "yes", "--hide", " "], "--hide needs a name"),
            (
                ["memory", "consent", "--user", "ana", "--training", "no", "--hide", "A", "--clear-names"],
                "cannot be combined"
            ),
            (["export", "finetune"], "--out"),
            (["export", "finetune", "--out", "x.jsonl", "--format", "csv"], "--format"),
            (["export", "finetune", "--out", "x.jsonl", "--val-share", "0.9"], "--val-share must be from 0 to 0.5"),
            (["export", "finetune", "--out", "x.jsonl", "--max-turns", "0"], "--max-turns must be from 1 to 100"),
            (["export", "finetune", "--out", "missing/x.jsonl"], "does not exist"),
            (["export", "finetune", "--out", "."], "must name a file"),
            (["export", "finetune", "--out", "x.jsonl", "--since", "yesterday"], "not an ISO 8601 time"),
            (["export", "distill", "--out", "x.jsonl", "--log", "nope.jsonl"], "no shadow log at nope.jsonl"),
        ]
    )
    func badInput(arguments: [String], message: String) throws {
        let result = try run(arguments)
        #expect(result.status != 0)
        #expect(result.stderr.contains(message), "\(result.stderr)")
    }
}
