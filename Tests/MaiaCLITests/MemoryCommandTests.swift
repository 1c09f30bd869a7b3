import Foundation
import MaiaCore
import MaiaTesting
import Testing

@Suite("maia memory, run as a user would")
struct MemoryCommandTests {
    let maia = CommandRunner()
    let folder: TemporaryDirectory

    init() throws {
        folder = try TemporaryDirectory()
    }

    @discardableResult
    private func run(_ arguments: [String], input: String? = nil) throws -> CommandRunner.Result {
        try maia.run(arguments, in: folder.url, environment: ["MAIA_DB": "./data/test.sqlite"], input: input)
    }

    private func json(_ text: String) throws -> JSONValue {
        try #require(JSONValue(parsing: text))
    }

    @Test("add stores a message that recent, breakthroughs and export return with every field")
    func addAndRead() throws {
        let added = try run([
            "memory", "add", "--user", "ana", "--role", "user", "--text", "I realized I was afraid",
            "--at", "2024-05-01T09:30:00Z", "--session", "s1", "--breakthrough", "--meta", "source=journal", "--json",
        ])
        #expect(added.status == 0, "\(added.stderr)")
        let record = try json(added.stdout)
        #expect(record["created_at"] == "2024-05-01T09:30:00.000Z")
        #expect(record["breakthrough"] == true)
        #expect(record["metadata"] == ["source": "journal"])
        let recent = try json(try run(["memory", "recent", "--user", "ana", "--json"]).stdout)
        #expect(recent.arrayValue?.map { $0["content"] } == ["I realized I was afraid"])
        let breakthroughs = try run(["memory", "breakthroughs", "--user", "ana"])
        #expect(breakthroughs.stdout.contains("I realized I was afraid"))
        let export = try run(["memory", "export", "--user", "ana"]).stdout.split(separator: "\n")
        #expect(export.count == 1)
        #expect(try json(String(export[0]))["session_id"] == "s1")
    }

    @Test("import stops at a bad line with its number, keeps the lines before, and a re-run skips them")
    func importStopsAtBadLine() throws {
        let good = #"{"role":"user","content":"first","metadata":{"tags":["a",1],"nested":{"k":null}}}"#
        let path = try folder.write(
            [
                good, #"{"role":"maia","content":"second","created_at":"2024-01-02"}"#, "",
                #"{"role":"robot","content":"x"}"#,
            ]
            .joined(separator: "\n"),
            to: "in.jsonl"
        )
        let failed = try run(["memory", "import", "--user", "ana", "--file", path])
        #expect(failed.status != 0)
        #expect(failed.stderr.contains("line 4: \"role\" is \"robot\"; accepted: \"user\" or \"maia\""))
        #expect(failed.stderr.contains("The 2 line(s) before it are stored"))
        try folder.write(
            [good, #"{"role":"maia","content":"second","created_at":"2024-01-02"}"#].joined(separator: "\n"),
            to: "in.jsonl"
        )
        let rerun = try run(["memory", "import", "--user", "ana", "--file", path])
        #expect(rerun.status == 0, "\(rerun.stderr)")
        let stored = try run(["memory", "export", "--user", "ana"]).stdout.split(separator: "\n")
        #expect(stored.count == 2)
        let search = try json(try run(["memory", "search", "--user", "ana", "--query", "first", "--json"]).stdout)
        let hit = try #require(search.arrayValue?.first)
        #expect(hit["metadata"] == ["tags": ["a", 1], "nested": ["k": nil]])
        #expect(
            Set(hit.objectValue?.keys.map { $0 } ?? []) == [
                "id", "role", "content", "score", "created_at", "session_id", "metadata",
            ]
        )
    }

    @Test(
        "import rejects each kind of bad line with a reason",
        arguments: [
            ("not json", "the line is not valid JSON"),
            ("[1]", "not a JSON object"),
            (#"{"content":"x"}"#, "\"role\" is missing"),
            (#"{"role":"user"}"#, "\"content\" is missing"),
            (#"{"role":"user","content":"   "}"#, "empty or whitespace-only"),
            (#"{"role":"user","content":"x","created_at":"yesterday"}"#, "\"created_at\" must be an ISO 8601 time"),
            (#"{"role":"user","content":"x","metadata":[1]}"#, "\"metadata\" must be a JSON object"),
            (#"{"role":"user","content":"x","session_id":""}"#, "\"session_id\": this one is empty; ids are"),
            (#"{"role":"user","content":"x","session_id":"s\t"}"#, "\"session_id\": code point 2 is U+0009"),
            (#"{"role":"user","content":"x","breakthrough":"yes"}"#, "\"breakthrough\" must be true or false"),
        ]
    )
    func importBadLines(line: String, reason: String) throws {
        let path = try folder.write(line + "\n", to: "bad.jsonl")
        let result = try run(["memory", "import", "--user", "ana", "--file", path])
        #expect(result.status != 0)
        #expect(result.stderr.contains("line 1: "))
        #expect(result.stderr.contains(reason))
    }

    @Test("import of invalid UTF-8 or a missing file is a clear error")
    func importUnreadable() throws {
        let path = folder.url.appendingPathComponent("binary.jsonl").path
        try Data([0x7B, 0xFF, 0xFE, 0x7D, 0x0A]).write(to: URL(fileURLWithPath: path))
        let binary = try run(["memory", "import", "--user", "ana", "--file", path])
        #expect(binary.stderr.contains("line 1: the line is not valid UTF-8"))
        let missing = try run(["memory", "import", "--user", "ana", "--file", "nope.jsonl"])
        #expect(missing.status != 0)
        #expect(missing.stderr.contains("--file: nope.jsonl does not exist"))
    }

    @Test(
        "bad options are refused with what is accepted",
        arguments: [
            (["memory", "add", "--user", "ana", "--role", "robot", "--text", "x"], "'user' and 'maia'"),
            (
                ["memory", "add", "--user", "ana", "--role", "user", "--text", "x", "--at", "noon"],
                "--at must be ISO 8601"
            ),
            (
                ["memory", "add", "--user", "ana", "--role", "user", "--text", "x", "--meta", "novalue"],
                "--meta takes key=value"
            ),
            (
                ["memory", "add", "--user", " ", "--role", "user", "--text", "x"],
                "--user: this one starts with whitespace"
            ),
            (["memory", "add", "--user", "ana", "--role", "user", "--text", " "], "empty or whitespace-only"),
            (["memory", "search", "--user", "ana", "--query", "x", "--k", "0"], "--k must be from 1 to 100"),
            (
                ["memory", "search", "--user", "ana", "--query", "x", "--mode", "magic"],
                "'hybrid', 'vector' or 'keyword'"
            ),
            (["memory", "mark", "--user", "ana", "--id", "nope"], "no message with id nope"),
            (["memory", "recent", "--user", "ana", "--limit", "0"], "--limit must be from 1 to 1000 (got 0)"),
            (["memory", "breakthroughs", "--user", "ana", "--limit", "1001"], "--limit must be from 1 to 1000"),
        ]
    )
    func badOptions(arguments: [String], message: String) throws {
        let result = try run(arguments)
        #expect(result.status != 0)
        #expect(result.stderr.contains(message), "\(result.stderr)")
    }

    @Test("forget erases the user, prints a receipt, and leaves other users alone")
    func forget() throws {
        try run(["memory", "add", "--user", "ana", "--role", "user", "--text", "mine", "--session", "s"])
        try run(["memory", "add", "--user", "bob", "--role", "user", "--text", "his"])
        let receipt = try run(["memory", "forget", "--user", "ana"])
        #expect(receipt.stdout.contains("forgot user ana: 1 message(s), 1 session(s), 0 breakthrough(s)"))
        #expect(try run(["memory", "export", "--user", "ana"]).stdout.isEmpty)
        #expect(try run(["memory", "export", "--user", "bob"]).stdout.contains("his"))
    }

    @Test("mark and unmark a breakthrough by hand")
    func mark() throws {
        let id = try run(["memory", "add", "--user", "ana", "--role", "user", "--text", "clarity"]).stdout
            .trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(try run(["memory", "mark", "--user", "ana", "--id", id]).status == 0)
        #expect(try run(["memory", "breakthroughs", "--user", "ana"]).stdout.contains("clarity"))
        #expect(try run(["memory", "mark", "--user", "bob", "--id", id]).status != 0)
        #expect(try run(["memory", "mark", "--user", "ana", "--id", id, "--unmark"]).status == 0)
        #expect(try run(["memory", "breakthroughs", "--user", "ana"]).stdout.isEmpty)
    }
}
