import Foundation
import MaiaCore
import MaiaTesting
import Testing

/// Bad input given to the release binary: each case fails in one clear line (never a crash, a hang or a silent
/// change), or, where the input is legitimate, is kept whole.
@Suite("maia refuses bad input clearly and keeps good input whole")
struct BadInputTests {
    let maia = CommandRunner()
    let folder: TemporaryDirectory

    init() throws {
        folder = try TemporaryDirectory()
    }

    @discardableResult
    private func run(_ arguments: [String], input: String? = nil) throws -> CommandRunner.Result {
        try maia.run(arguments, in: folder.url, environment: ["MAIA_DB": "./data/test.sqlite"], input: input)
    }

    private func contents(of user: String) throws -> [String] {
        let recent = try run(["memory", "recent", "--user", user, "--json"])
        #expect(recent.status == 0, "\(recent.stderr)")
        return try #require(JSONValue(parsing: recent.stdout)?.arrayValue).compactMap { $0["content"]?.stringValue }
    }

    /// Exit status 1 with one line on stderr: not a crash (132, 134) and not ArgumentParser's usage dump only.
    private func expectRefused(
        _ result: CommandRunner.Result,
        saying text: String,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        #expect(
            result.status == 1 || result.status == 64,
            "status \(result.status): \(result.stderr)",
            sourceLocation: sourceLocation
        )
        #expect(result.stderr.contains(text), "\(result.stderr)", sourceLocation: sourceLocation)
        #expect(!result.stderr.contains("Fatal error"), "\(result.stderr)", sourceLocation: sourceLocation)
    }

    @Test("a folder given as the import file or the prompt file is refused, not a crash")
    func folderAsFile() throws {
        let imported = try run(["memory", "import", "--user", "u", "--file", folder.url.path])
        expectRefused(imported, saying: "--file: \(folder.url.path) is a folder; give a file, or - for standard input")
        let prompts = try run(["shadow", "--prompts", folder.url.path])
        expectRefused(prompts, saying: "--prompts: \(folder.url.path) is a folder")
        let missing = try run(["memory", "import", "--user", "u", "--file", "nope.jsonl"])
        expectRefused(missing, saying: "--file: nope.jsonl does not exist")
    }

    @Test("a line without end (/dev/zero) stops at the line-length bound and says so", .timeLimit(.minutes(2)))
    func endlessLine() throws {
        let result = try run(["memory", "import", "--user", "u", "--file", "/dev/zero"])
        expectRefused(result, saying: "/dev/zero line 1: the line is longer than 4 MiB")
    }

    @Test("--file - imports standard input, and a UTF-8 byte order mark on line 1 is not part of the JSON")
    func standardInputWithBOM() throws {
        let lines = "\u{FEFF}" + #"{"role":"user","content":"from stdin"}"# + "\n" + #"{"role":"maia","content":"ok"}"#
        let result = try run(["memory", "import", "--user", "u", "--file", "-"], input: lines)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("stored 2 message(s), skipped 0 already stored"))
        #expect(try contents(of: "u").sorted() == ["from stdin", "ok"])
    }

    @Test("content with a NUL character is refused naming the line, never stored cut short")
    func nulCharacter() throws {
        let path = try folder.write(
            #"{"role":"user","content":"kept"}"# + "\n" + #"{"role":"user","content":"a\u0000b"}"#,
            to: "nul.jsonl"
        )
        let result = try run(["memory", "import", "--user", "u", "--file", path])
        expectRefused(result, saying: "line 2: the content has a NUL character (U+0000) at code point 2")
        #expect(try contents(of: "u") == ["kept"])
    }

    @Test("a metadata number beyond the range of a double is refused, not stored as null")
    func hugeNumber() throws {
        let path = try folder.write(#"{"role":"user","content":"x","metadata":{"n":1e999999}}"#, to: "big.jsonl")
        let result = try run(["memory", "import", "--user", "u", "--file", path])
        expectRefused(result, saying: "line 1: the number at byte 46 is out of range")
        #expect(try contents(of: "u").isEmpty)
    }

    @Test(
        "user ids with surrounding whitespace or control characters are refused, never read as another user",
        arguments: [
            (" ana", "this one starts with whitespace (U+0020)"), ("ana ", "this one ends with whitespace (U+0020)"),
            ("ana\t", "code point 4 is U+0009, a control character"),
            ("an\na", "code point 3 is U+000A, a control character"),
            ("a\u{1}b", "code point 2 is U+0001, a control character"),
            ("a\u{1B}[2Jb", "code point 2 is U+001B, a control character"),
            ("\u{200B}ana", "this one starts with an invisible character (U+200B)"), ("", "this one is empty"),
        ]
    )
    func aliasedUserIDs(id: String, problem: String) throws {
        try run(["memory", "add", "--user", "ana", "--role", "user", "--text", "ana's secret"])
        for command in [["memory", "recent"], ["memory", "search", "--query", "secret"], ["memory", "forget"]] {
            let result = try run(command + ["--user", id])
            expectRefused(result, saying: "--user: \(problem); ids are 1-200 characters")
            #expect(!result.stdout.contains("secret"))
        }
        let add = try run(["memory", "add", "--user", id, "--role", "user", "--text", "x"])
        expectRefused(add, saying: problem)
        #expect(try contents(of: "ana") == ["ana's secret"])
    }

    @Test("ids are byte-exact: composed and decomposed é are two users")
    func noNormalisation() throws {
        try run(["memory", "add", "--user", "jos\u{E9}", "--role", "user", "--text", "composed"])
        try run(["memory", "add", "--user", "jose\u{301}", "--role", "user", "--text", "decomposed"])
        #expect(try contents(of: "jos\u{E9}") == ["composed"])
        #expect(try contents(of: "jose\u{301}") == ["decomposed"])
    }

    @Test("a --user that is not valid UTF-8 is refused, not read as U+FFFD")
    func invalidUTF8User() throws {
        // Process takes Strings; the shell builds the invalid bytes (\377 and \376) into the argument.
        for byte in ["\\377", "\\376"] {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/bin/sh")
            process.arguments = [
                "-c", "exec \"$0\" memory add --user \"$(printf 'u\(byte)')\" --role user --text x",
                maia.executable.path,
            ]
            process.currentDirectoryURL = folder.url
            process.environment = ["MAIA_DB": "./data/test.sqlite", "PATH": "/usr/bin:/bin"]
            let err = Pipe()
            process.standardError = err
            process.standardOutput = Pipe()
            try process.run()
            let stderr = String(decoding: err.fileHandleForReading.readToEndRetrying(), as: UTF8.self)
            process.waitUntilExit()
            #expect(process.terminationStatus != 0)
            #expect(
                stderr.contains("U+FFFD, the replacement character, which stands for bytes that were not valid UTF-8")
            )
        }
    }

    @Test("a negative --k gives the range message however it is written; an empty --query is refused")
    func searchArguments() throws {
        for form in [["--k", "-5"], ["--k=-5"]] {
            let result = try run(["memory", "search", "--user", "u", "--query", "x"] + form)
            expectRefused(result, saying: "--k must be from 1 to 100 (got -5)")
        }
        let limit = try run(["memory", "recent", "--user", "u", "--limit", "-1"])
        expectRefused(limit, saying: "--limit must be from 1 to 1000 (got -1)")
        for query in ["", "  "] {
            let result = try run(["memory", "search", "--user", "u", "--query", query])
            expectRefused(result, saying: "--query must contain words to look for")
        }
    }

    @Test("a single-value option given twice is refused; list options (--meta) may repeat")
    func repeatedOptions() throws {
        try run(["memory", "add", "--user", "b", "--role", "user", "--text", "b's"])
        for arguments in [["--user", "a", "--user", "b"], ["--user=a", "--user", "b"]] {
            let result = try run(["memory", "recent"] + arguments)
            expectRefused(result, saying: "--user is given more than once; give it once")
            #expect(!result.stdout.contains("b's"))
        }
        let meta = try run([
            "memory", "add", "--user", "a", "--role", "user", "--text", "t", "--meta", "x=1", "--meta", "y=2", "--json",
        ])
        #expect(meta.status == 0, "\(meta.stderr)")
        #expect(JSONValue(parsing: meta.stdout)?["metadata"] == ["x": "1", "y": "2"])
    }
}
