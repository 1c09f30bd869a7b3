import Foundation
import MaiaCore
import MaiaEngines
import MaiaHTTP
import MaiaTesting
import Testing

/// Integration tests against the real llama.cpp server with SmolLM2, installed by `scripts/setup.sh run`.
///
/// Without the venv or the model these tests are skipped on a developer machine, but run (and fail) when
/// `MAIA_TEST_REQUIRE_ALL=1` says every dependency must be present (``TestRequirements``).
@Suite("Local llama.cpp server with SmolLM2 (integration)", .serialized)
struct LocalLlamaServerTests {
    static let configuration = LocalModel.configuration()

    @Test(
        "the venv and the SmolLM2 model are installed",
        .enabled(if: TestRequirements.runsLocalModel, "the local model is not installed (scripts/setup.sh run)")
    )
    func installed() {
        #expect(Self.configuration.missingFiles.isEmpty, "\(Self.configuration.missingFiles)")
    }

    @Test(
        "completes and streams with usage, restarts after a crash, and stops without orphan",
        .enabled(if: TestRequirements.runsLocalModel, "the local model is not installed (scripts/setup.sh run)"),
        .timeLimit(.minutes(5))
    )
    func realServer() async throws {
        let transport = AsyncHTTPTransport()
        let server = LocalLlamaServer(Self.configuration, transport: transport)
        let engine = LocalLlamaEngine(server: server, options: HTTPEngineOptions(transport: transport))
        let request = EngineRequest(
            system: "You are a helpful assistant.",
            messages: [.user("Say hello in one short sentence.")],
            parameters: GenerationParameters(maxTokens: 24, temperature: 0)
        )
        do {
            var deltas = 0
            for try await event in engine.stream(request) {
                if case .textDelta = event { deltas += 1 }
            }
            #expect(deltas > 1, "the answer arrived in several deltas")
            let result = try await engine.complete(request)
            #expect(!result.text.isEmpty)
            #expect(result.usage.inputTokens + result.usage.cacheReadInputTokens > 0)
            #expect(result.usage.outputTokens > 0)
            #expect(result.usage.isEstimated, "llama-cpp-python sends no usage while streaming: the counts are MAIA's")
            #expect(await server.starts == 1)

            // The server dies: the next call starts a new one.
            let first = try #require(await server.processIdentifier)
            kill(first, SIGKILL)
            while await server.processIdentifier != nil { try await Task.sleep(for: .milliseconds(20)) }
            let restarted = try await engine.complete(request)
            #expect(restarted.usage.outputTokens > 0)
            #expect(await server.starts == 2)
        } catch {
            await server.stop()
            throw error
        }
        let pid = try #require(await server.processIdentifier)
        await server.stop()
        #expect(await server.baseURL == nil)
        #expect(kill(pid, 0) != 0, "the server process is gone after stop()")
    }

    /// The child must start with signals unblocked: before, it inherited a mask with SIGTERM blocked, ignored the
    /// supervisor's SIGTERM and was killed after the 5 s deadline on every stop.
    @Test(
        "stop() ends the server with SIGTERM (no SIGKILL); both thread counts and logits_all=false are passed",
        .enabled(if: TestRequirements.runsLocalModel, "the local model is not installed (scripts/setup.sh run)"),
        .timeLimit(.minutes(5))
    )
    func stopsOnSIGTERM() async throws {
        var configuration = Self.configuration
        configuration.threads = 1
        let server = LocalLlamaServer(configuration, transport: AsyncHTTPTransport())
        try await server.start()
        let pid = try #require(await server.processIdentifier)
        let commandLine = try String(
            decoding: Data(contentsOf: URL(fileURLWithPath: "/proc/\(pid)/cmdline")),
            as: UTF8.self
        )
        .split(separator: "\0").map(String.init)
        #expect(commandLine.contains("--n_threads_batch"), "\(commandLine)")
        // Only the last position's logits (MAIA asks for no logprobs); the completions of the other tests still work.
        #expect(
            commandLine.firstIndex(of: "--logits_all").map { commandLine[$0 + 1] == "false" } == true,
            "\(commandLine)"
        )
        let status = try String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8)
        let blocked = status.split(separator: "\n").first { $0.hasPrefix("SigBlk:") }
        #expect(blocked == "SigBlk:\t0000000000000000", "the child starts with no signal blocked")
        await server.stop()
        let stop = try #require(await server.lastStop)
        #expect(!stop.killed, "the server ended on SIGTERM, without the SIGKILL fallback (\(stop.exit))")
        let log = try String(contentsOf: configuration.logFile, encoding: .utf8)
        #expect(log.contains("Finished server process"), "uvicorn logs its graceful shutdown: \(log.suffix(400))")
        try? FileManager.default.removeItem(at: configuration.logFile)
    }
}
