public import Foundation
public import MaiaCore
public import MaiaEngines
public import MaiaHTTP

/// The real local model for integration tests: SmolLM2's GGUF (`scripts/setup.sh run`) and llama.cpp's server
/// (`scripts/setup.sh test` or `local`); skipped on a developer machine without them, required under
/// `MAIA_TEST_REQUIRE_ALL` (see ``TestRequirements``).
public enum LocalModel {
    /// The setup script's server configuration with a private log file, one thread (greedy decoding is then
    /// reproducible) and `contextSize` tokens of context.
    public static func configuration(contextSize: Int = 2048) -> LocalLlamaServer.Configuration {
        var configuration = LocalLlamaServer.Configuration.installed(
            LocalPaths(environment: ProcessInfo.processInfo.environment)
        )
        configuration.contextSize = contextSize
        configuration.threads = 1
        configuration.logFile = FileManager.default.temporaryDirectory
            .appendingPathComponent("maia-llama-test-\(UUID().uuidString).log")
        return configuration
    }

    /// Whether the venv (llama.cpp's server) and the model file are in place.
    public static var installed: Bool { configuration().missingFiles.isEmpty }

    /// Whether the model file is in place: all the keyless default (the in-process runtime) needs.
    public static var modelInstalled: Bool { FileManager.default.fileExists(atPath: configuration().model.path) }

    /// Starts a server, runs `body` with it and its root URL, and stops it whatever happens.
    public static func withServer<T>(
        contextSize: Int = 2048,
        transport: any HTTPTransport,
        _ body: (LocalLlamaServer, URL) async throws -> T
    ) async throws -> T {
        let configuration = configuration(contextSize: contextSize)
        let server = LocalLlamaServer(configuration, transport: transport)
        do {
            let root = try await server.start()
            let result = try await body(server, root)
            await server.stop()
            // The server's log is kept only when something failed, for diagnosis.
            try? FileManager.default.removeItem(at: configuration.logFile)
            return result
        } catch {
            await server.stop()
            throw error
        }
    }

    /// The server's token count of `text` (`POST /extras/tokenize/count`; special tokens such as `<|im_start|>`
    /// count as one).
    public static func countTokens(_ text: String, at root: URL, transport: any HTTPTransport) async throws -> Int {
        let reply = try await post(["input": .string(text)], to: "extras/tokenize/count", at: root, transport)
        guard let count = reply["count"]?.numberValue else { throw LocalModelError("no count in \(reply.jsonText)") }
        return Int(count)
    }

    /// POSTs `body` as JSON to `path` under `root` and parses the JSON answer.
    public static func post(
        _ body: JSONValue,
        to path: String,
        at root: URL,
        _ transport: any HTTPTransport
    ) async throws -> JSONValue {
        let request = HTTPRequest(
            url: root.appendingPathComponent(path),
            headers: [("content-type", "application/json")],
            body: Array(body.jsonText.utf8),
            timeout: .seconds(600)
        )
        let response = try await transport.stream(request)
        let bytes = try await response.collect(limit: 16 << 20)
        guard response.head.status == 200, let value = JSONValue(parsing: String(decoding: bytes, as: UTF8.self))
        else {
            throw LocalModelError("HTTP \(response.head.status) from \(path)")
        }
        return value
    }
}

/// The local model server answered something unexpected.
public struct LocalModelError: Error, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}
