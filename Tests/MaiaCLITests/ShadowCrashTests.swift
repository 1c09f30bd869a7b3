import Foundation
import MaiaTesting
import Testing

@testable import MaiaExperiments

@Suite("The shadow log survives kill -9 during a batch")
struct ShadowCrashTests {
    let tests = ShadowCommandTests()

    /// Streams a recorded answer in small pieces with a pause before each, like a model generating tokens.
    static func slow(_ fixture: String) -> LoopbackHTTPServer.Responder {
        let bytes = AskHealthCommandTests.fixture(fixture)
        let pieces = stride(from: 0, to: bytes.count, by: 200).map { Array(bytes[$0..<min($0 + 200, bytes.count)]) }
        return { _ in
            LoopbackHTTPServer.Response(
                headers: [("content-type", "text/event-stream")],
                chunks: pieces,
                chunkDelay: .milliseconds(15)
            )
        }
    }

    @Test("every line of the log parses and the count matches the comparisons reported finished")
    func killDuringBatch() async throws {
        try await tests.withServers(
            claude: Self.slow("anthropic-text.sse"),
            llama: Self.slow("openai-text-llamacpp.sse")
        ) {
            folder,
            env in
            let prompts = (1...60).map { "Prompt number \($0): I feel stuck again." }.joined(separator: "\n")
            let file = folder.appendingPathComponent("prompts.txt")
            try prompts.write(to: file, atomically: true, encoding: .utf8)
            let process = Process()
            process.executableURL = tests.tests.maia.executable
            process.arguments = ["shadow", "--prompts", file.path, "--concurrency", "3"]
            process.currentDirectoryURL = folder
            process.environment = env.merging(["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin"]) {
                $1
            }
            let stderr = Pipe()
            process.standardError = stderr
            process.standardOutput = FileHandle.nullDevice
            try process.run()
            let reported = try await Self.killAfter(logged: 5, process: process, stderr: stderr.fileHandleForReading)
            #expect(process.terminationReason == .uncaughtSignal && process.terminationStatus == SIGKILL)
            #expect(reported >= 5 && reported < 60, "killed during the batch")
            let contents = try ShadowCommandTests.log(env)
            let lineCount = try String(contentsOfFile: env["LLAMA_SHADOW_LOG_PATH"]!, encoding: .utf8)
                .split(separator: "\n", omittingEmptySubsequences: true).count
            // At most the line being written when the process died is torn; every other line is a full record.
            #expect(contents.skipped.allSatisfy { $0.line == lineCount })
            #expect(contents.skipped.count <= 1)
            // The single writer reports each comparison right after its fsync: at most one is on disk unreported.
            #expect(contents.records.count >= reported && contents.records.count <= reported + 1)
            #expect(Set(contents.records.map(\.id)).count == contents.records.count)
        }
    }

    /// Reads the progress lines on a thread of its own, kills the process with SIGKILL once `logged` comparisons
    /// were reported, and returns the last count reported.
    static func killAfter(logged target: Int, process: Process, stderr: FileHandle) async throws -> Int {
        try await withCheckedThrowingContinuation { continuation in
            Thread {
                var text = ""
                var reported = 0
                while true {
                    let data = stderr.nextChunk()
                    if data.isEmpty { break }
                    text += String(decoding: data, as: UTF8.self)
                    reported = lastLogged(text)
                    if reported >= target, process.isRunning {
                        kill(process.processIdentifier, SIGKILL)
                    }
                }
                process.waitUntilExit()
                continuation.resume(returning: lastLogged(text))
            }
            .start()
        }
    }

    /// The count in the last complete `shadow: i/n done, k logged` line.
    static func lastLogged(_ text: String) -> Int {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        for line in lines.reversed() {
            if let match = line.firstMatch(of: #/done, (\d+) logged/#) { return Int(match.1) ?? 0 }
        }
        return 0
    }
}
