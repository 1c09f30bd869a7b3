import Foundation
import MaiaCore
import MaiaTesting
import Testing

/// `maia chat`, the README's first command, driven through a pipe against a loopback Claude.
@Suite("maia chat through a pipe, run as a user would")
struct ChatCommandTests {
    let tests = AskHealthCommandTests()

    /// Runs `maia chat` feeding `input` on stdin, on a thread of its own (see `AskHealthCommandTests.run`).
    func chat(_ input: String, in folder: URL, environment: [String: String]) async throws -> CommandRunner.Result {
        let maia = CommandRunner()
        return try await withCheckedThrowingContinuation { continuation in
            Thread {
                continuation.resume(
                    with: Result {
                        try maia.run(
                            ["chat", "--user", "u1", "--session", "s1"],
                            in: folder,
                            environment: environment,
                            input: input
                        )
                    }
                )
            }
            .start()
        }
    }

    @Test("greeting, a streamed turn, an empty line's invitation, then `exit`; the turn is remembered")
    func conversation() async throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        try await LoopbackHTTPServer.with(AskHealthCommandTests.anthropic) { claude in
            let env = tests.environment(claude, folder: folder.url)
            let result = try await chat("Hello MAIA\n\nexit\nnever read\n", in: folder.url, environment: env)
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stdout.hasPrefix("MAIA is listening (user u1, session s1). Type exit or Ctrl-D to end.\n"))
            #expect(result.stdout.contains("you> maia> Hello, café ☕ 🌊!\nHow are you?\n"), "\(result.stdout)")
            let prompts = result.stdout.components(separatedBy: "you> ").count - 1
            #expect(prompts == 3, "two lines answered, then `exit` read at the third prompt: \(result.stdout)")
            #expect(await claude.requests.count == 1, "the empty line calls no model; nothing after `exit` is read")
            #expect(result.stderr.contains("[claude · no memory tools"), "\(result.stderr)")
            let export = try await tests.run(["memory", "export", "--user", "u1"], in: folder.url, environment: env)
            #expect(export.stdout.contains("Hello MAIA"))
            #expect(export.stdout.contains("How are you?"))
        }
    }

    @Test("end of input (Ctrl-D) ends the chat cleanly after the last turn")
    func endOfInput() async throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        try await LoopbackHTTPServer.with(AskHealthCommandTests.anthropic) { claude in
            let env = tests.environment(claude, folder: folder.url)
            let result = try await chat("Hello MAIA\n", in: folder.url, environment: env)
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stdout.contains("How are you?\n"))
            #expect(
                result.stdout.hasSuffix("you> "),
                "the chat waited for another line, then saw the end: \(result.stdout)"
            )
        }
    }

    @Test("a failing engine is reported on stderr and the chat goes on to the next line")
    func failingEngine() async throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        try await LoopbackHTTPServer.with(AskHealthCommandTests.anthropic) { claude in
            let env = tests.environment(claude, key: "sk-ant-wrong-key-123456", folder: folder.url)
            let result = try await chat("First\nSecond\nexit\n", in: folder.url, environment: env)
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stderr.components(separatedBy: "authenticationFailed").count - 1 == 2, "\(result.stderr)")
            #expect(result.stdout.components(separatedBy: "you> ").count - 1 == 3)
            #expect(!result.stderr.contains("sk-ant-wrong-key-123456"))
            let export = try await tests.run(["memory", "export", "--user", "u1"], in: folder.url, environment: env)
            #expect(export.stdout.isEmpty, "a failed turn stores nothing")
        }
    }
}
