import ArgumentParser
import Foundation
import MaiaCore
import MaiaEngines
import MaiaHTTP
import MaiaTesting

/// Prompt processing and generation speed of the local llama.cpp server per thread count (`LLAMA_LOCAL_THREADS`),
/// read from the server's own timing lines (`llama_perf_context_print`), so that HTTP and startup are excluded.
/// Thread counts alternate round by round so that a change in machine load hits each of them alike.
struct LocalThreadsBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "local-threads",
        abstract: "Local model prompt and generation tokens/s per LLAMA_LOCAL_THREADS value."
    )

    @Option(help: "Thread counts to compare, comma-separated.") var threads = "1,2"
    @Option(help: "Rounds; each starts a server per thread count.") var rounds = 3
    @Option(help: "Requests per server.") var requests = 3

    func run() async throws {
        let counts = threads.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
        let transport = AsyncHTTPTransport()
        var prompt: [Int: [Double]] = [:]
        var generation: [Int: [Double]] = [:]
        for round in 0..<rounds {
            for count in counts {
                var configuration = LocalModel.configuration(contextSize: 2048)
                configuration.threads = count
                let server = LocalLlamaServer(configuration, transport: transport)
                let root = try await server.start()
                for index in 0..<requests {
                    try await ask(root, transport, seed: "\(round)-\(count)-\(index)")
                }
                await server.stop()
                let log = (try? String(contentsOf: configuration.logFile, encoding: .utf8)) ?? ""
                let timings = Self.timings(log)
                prompt[count, default: []] += timings.prompt
                generation[count, default: []] += timings.generation
                try? FileManager.default.removeItem(at: configuration.logFile)
            }
        }
        let load = (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8))?.split(separator: " ").first ?? "?"
        print("local-threads: \(rounds) rounds × \(requests) requests, load average \(load)")
        for count in counts {
            print(
                String(
                    format: "  threads %d: prompt median %.1f tok/s (%d samples), generation median %.1f tok/s",
                    count,
                    Self.median(prompt[count] ?? []),
                    prompt[count]?.count ?? 0,
                    Self.median(generation[count] ?? [])
                )
            )
        }
    }

    /// One chat completion with a ~300-token prompt whose start differs per call (no reuse of a cached prefix).
    private func ask(_ root: URL, _ transport: any HTTPTransport, seed: String) async throws {
        let filler = String(repeating: "The river remembers every stone it has passed over the years. ", count: 25)
        let body: JSONValue = [
            "model": .string(LocalLlamaServer.modelAlias),
            "messages": [["role": "user", "content": .string("Request \(seed). \(filler) Summarise in one line.")]],
            "max_tokens": 32, "temperature": 0, "stream": false,
        ]
        let request = HTTPRequest(
            url: root.appendingPathComponent("v1/chat/completions"),
            headers: [("content-type", "application/json")],
            body: Array(body.jsonText.utf8),
            timeout: .seconds(300)
        )
        _ = try await transport.stream(request).collect()
    }

    /// Tokens per second of every `prompt eval time` and `eval time` line.
    static func timings(_ log: String) -> (prompt: [Double], generation: [Double]) {
        var prompt: [Double] = []
        var generation: [Double] = []
        for line in log.split(separator: "\n") where line.contains("llama_perf_context_print") {
            guard let range = line.range(of: "ms per token,"),
                let rate = Double(line[range.upperBound...].split(separator: " ").first ?? "")
            else { continue }
            if line.contains("prompt eval time") {
                prompt.append(rate)
            } else if line.contains(" eval time") {
                generation.append(rate)
            }
        }
        return (prompt, generation)
    }

    static func median(_ values: [Double]) -> Double {
        guard !values.isEmpty else { return .nan }
        let sorted = values.sorted()
        return sorted[sorted.count / 2]
    }
}
