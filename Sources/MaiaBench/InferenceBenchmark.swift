import ArgumentParser
import Foundation
import MaiaCore
import MaiaEngines
import MaiaHTTP
import MaiaInference
import MaiaTesting

/// The in-process Llama runtime beside llama.cpp's server in the same run, same threads: prompt processing and
/// generation tokens/s for a long prompt, model load time and resident memory. With `--reference`, it also checks
/// every recorded llama.cpp answer (tokenizer and greedy generations) in this optimised build.
struct InferenceBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inference",
        abstract: "In-process Llama vs llama.cpp: prompt and generation tokens/s, load time, RSS."
    )

    @Option(help: "Threads for both runtimes.") var threads = 1
    @Option(help: "Prompt length in tokens.") var promptTokens = 1500
    @Option(help: "Tokens to generate.") var generate = 200
    @Option(help: "Rounds, alternating the two runtimes.") var rounds = 2
    @Option(help: "Fixture folder to check against (Tests/MaiaInferenceTests/Fixtures).") var reference: String?
    @Option(help: "The generation fixture of that folder to check (generation-Q4_0 for the Q4_0 file).")
    var generation = "generation"
    @Option(help: "GGUF file to run instead of the installed SmolLM2 (the Q4_0 or F16 file of the tests).")
    var model: String?
    @Flag(help: "Run only the in-process runtime (for profiling).") var inProcessOnly = false

    func run() async throws {
        let path = model ?? LocalModel.configuration().model.path
        if let reference { try checkReference(path: path, folder: reference) }
        let started = ContinuousClock.now
        let model = try LlamaModel(path: path)
        let load = ContinuousClock.now - started
        // A prompt of exactly `promptTokens` tokens: natural text, cut to length.
        let sentence = "The river remembers every stone it has passed over the years, and the stones remember it. "
        var ids = model.tokenizer.encode(String(repeating: sentence, count: promptTokens / 10 + 10))
        ids = Array(ids.prefix(promptTokens))
        var ours: [(prompt: Double, generation: Double, digest: String)] = []
        var theirs: [(prompt: [Double], generation: [Double])] = []
        var serverRSS = 0
        var serverStart: Duration = .zero
        let text = model.tokenizer.decode(ids)
        for _ in 0..<rounds {
            ours.append(try runInProcess(model, ids))
            if inProcessOnly { continue }
            let server = try await runServer(text)
            theirs.append((server.prompt, server.generation))
            serverRSS = max(serverRSS, server.rss)
            serverStart = server.start
        }
        let load1 = (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8))?.split(separator: " ").first ?? "?"
        print(
            "inference: \(ids.count)-token prompt, \(generate) generated, \(threads) thread(s), \(rounds) rounds, "
                + "load average \(load1)"
        )
        let ourPrompt = Self.median(ours.map(\.prompt))
        let ourGeneration = Self.median(ours.map(\.generation))
        let theirPrompt = Self.median(theirs.flatMap(\.prompt))
        let theirGeneration = Self.median(theirs.flatMap(\.generation))
        print(String(format: "  in-process: prompt %.1f tok/s, generation %.1f tok/s", ourPrompt, ourGeneration))
        // Any change of arithmetic shows here: the same digest before and after a speed-up means the same bits.
        print("  in-process results digest: \(Set(ours.map(\.digest)).sorted().joined(separator: ", "))")
        guard !inProcessOnly else { return }
        print(String(format: "  llama.cpp:  prompt %.1f tok/s, generation %.1f tok/s", theirPrompt, theirGeneration))
        print(
            String(
                format: "  ratio: prompt %.2f×, generation %.2f×",
                ourPrompt / theirPrompt,
                ourGeneration / theirGeneration
            )
        )
        print(
            String(
                format: "  load: in-process model %.0f ms; llama.cpp server start to ready %.0f ms",
                load.milliseconds,
                serverStart.milliseconds
            )
        )
        print(
            "  RSS: in-process \(Self.rss(pid: getpid()) / 1024) MB (whole maia-bench); llama.cpp server \(serverRSS / 1024) MB"
        )
    }

    private func runInProcess(
        _ model: LlamaModel,
        _ ids: [Int]
    ) throws -> (prompt: Double, generation: Double, digest: String) {
        let session = try LlamaSession(model: model, contextSize: ids.count + generate + 8, threads: threads)
        let clock = ContinuousClock()
        let start = clock.now
        var logits = try session.evaluate(ids)
        let promptTime = clock.now - start
        var digest = Self.digest(logits)
        let generationStart = clock.now
        for _ in 0..<generate {
            let token = Sampler.argmax(logits)
            logits = try session.evaluate([token])
            digest = Self.digest([Float(token)], from: digest)
        }
        let generationTime = clock.now - generationStart
        digest = Self.digest(logits, from: digest)
        return (
            Double(ids.count) / promptTime.seconds, Double(generate) / generationTime.seconds,
            String(digest, radix: 16)
        )
    }

    /// FNV-1a (64 bits) over the floats' bit patterns: the prompt's logits, every generated token, the last logits.
    static func digest(_ values: [Float], from start: UInt64 = 0xcbf2_9ce4_8422_2325) -> UInt64 {
        var hash = start
        for value in values {
            hash = (hash ^ UInt64(value.bitPattern)) &* 0x100_0000_01b3
        }
        return hash
    }

    /// One completion on a fresh llama.cpp server; tokens/s from its own timing lines.
    private func runServer(
        _ prompt: String
    ) async throws -> (
        prompt: [Double], generation: [Double], rss: Int, start: Duration
    ) {
        let transport = AsyncHTTPTransport()
        var configuration = LocalModel.configuration(contextSize: promptTokens + generate + 64)
        configuration.threads = threads
        let server = LocalLlamaServer(configuration, transport: transport)
        let started = ContinuousClock.now
        let root = try await server.start()
        let start = ContinuousClock.now - started
        // Streamed, so that only the prompt must fit in the transport's per-read limit: with two threads on a loaded
        // 2-core machine, llama.cpp's whole answer took longer than that.
        let body: JSONValue = [
            "prompt": .string(prompt), "max_tokens": .number(Double(generate)), "temperature": 0,
            "repeat_penalty": 1, "stream": true,
        ]
        let request = HTTPRequest(
            url: root.appendingPathComponent("v1/completions"),
            headers: [("content-type", "application/json")],
            body: Array(body.jsonText.utf8),
            timeout: .seconds(1800)
        )
        let rss: Int
        do {
            let response = try await transport.stream(request)
            _ = try await response.collect(limit: 16 << 20)
            guard response.head.status == 200 else {
                throw ValidationError("llama.cpp's server answered HTTP \(response.head.status)")
            }
            rss = await server.processIdentifier.map { Self.rss(pid: $0) } ?? 0
            await server.stop()
        } catch {
            // A request that fails (a read timeout on a loaded machine) must not leave the server running.
            await server.stop()
            throw error
        }
        let log = (try? String(contentsOf: configuration.logFile, encoding: .utf8)) ?? ""
        try? FileManager.default.removeItem(at: configuration.logFile)
        let timings = LocalThreadsBenchmark.timings(log)
        return (timings.prompt, timings.generation, rss, start)
    }

    /// Every recorded llama.cpp answer: tokenizer ids, and greedy tokens with first-step logits.
    private func checkReference(path: String, folder: String) throws {
        let model = try LlamaModel(path: path)
        let tokenizer = try JSONValue.parse(file: folder + "/tokenizer.json")
        var same = 0
        let cases = tokenizer["cases"]?.arrayValue ?? []
        for item in cases {
            let ids = (item["ids"]?.arrayValue ?? []).compactMap { $0.numberValue.map { Int($0) } }
            if model.tokenizer.encode(item["text"]?.stringValue ?? "") == ids { same += 1 }
        }
        print("reference: tokenizer \(same) of \(cases.count) texts identical")
        let generation = try JSONValue.parse(file: folder + "/\(self.generation).json")
        var identical = 0
        var firstSame = 0
        var worst: Float = 0
        var divergence: [Int] = []
        let prompts = generation["cases"]?.arrayValue ?? []
        for item in prompts {
            let ids = (item["ids"]?.arrayValue ?? []).compactMap { $0.numberValue.map { Int($0) } }
            let expected = (item["greedy"]?.arrayValue ?? []).compactMap { $0.numberValue.map { Int($0) } }
            let session = try LlamaSession(model: model, contextSize: 2048, threads: threads)
            var logits = try session.evaluate(ids)
            for pair in item["first_step_top_logits"]?.arrayValue ?? [] {
                let values = (pair.arrayValue ?? []).compactMap(\.numberValue)
                if values.count == 2 { worst = max(worst, abs(logits[Int(values[0])] - Float(values[1]))) }
            }
            var tokens: [Int] = []
            while tokens.count < expected.count {
                let token = Sampler.argmax(logits)
                tokens.append(token)
                if model.tokenizer.isEndOfGeneration(token) { break }
                logits = try session.evaluate([token])
            }
            if tokens == expected {
                identical += 1
            } else {
                divergence.append(zip(tokens, expected).prefix { $0 == $1 }.count)
            }
            if tokens.first == expected.first { firstSame += 1 }
        }
        print(
            "reference: greedy \(identical) of \(prompts.count) prompts identical over their recorded tokens, "
                + "\(firstSame) on the first token; first divergences at \(divergence.sorted()); "
                + String(format: "worst first-step top-10 logit difference %.4f", worst)
        )
    }

    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        return sorted.isEmpty ? .nan : sorted[sorted.count / 2]
    }

    /// Resident memory of process `pid` in KB (`VmRSS` of /proc/PID/status), 0 when unknown.
    static func rss(pid: Int32) -> Int {
        let status = (try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8)) ?? ""
        guard let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }) else { return 0 }
        return Int(line.split(separator: " ").dropFirst().first ?? "") ?? 0
    }
}

extension Duration {
    fileprivate var seconds: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }
}

extension JSONValue {
    fileprivate static func parse(file: String) throws -> JSONValue {
        let text = try String(contentsOfFile: file, encoding: .utf8)
        guard let value = JSONValue(parsing: text) else { throw ValidationError("\(file) is not JSON") }
        return value
    }
}
