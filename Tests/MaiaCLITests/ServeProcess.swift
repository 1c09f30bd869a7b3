import Foundation
import MaiaTesting

/// `maia serve` as a separate process, started on a free port, stopped with SIGTERM.
struct ServeProcess: Sendable {
    let process: Process
    let errors: Pipe
    /// The server's base URL, read from its "MAIA is serving on …" line.
    let baseURL: String

    /// Starts the server and waits (on a thread of its own) until it says where it listens.
    static func start(
        in folder: URL,
        environment: [String: String],
        arguments: [String] = []
    ) async throws
        -> ServeProcess
    {
        let process = Process()
        let output = Pipe()
        let errors = Pipe()
        process.executableURL = CommandRunner().executable
        process.arguments = ["serve", "--port", "0"] + arguments
        process.currentDirectoryURL = folder
        process.environment = environment.merging(["PATH": "/usr/bin:/bin"]) { own, _ in own }
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let line = await blocking { [output] in
            var text = ""
            while !text.contains("\n") {
                let chunk = output.fileHandleForReading.nextChunk()
                if chunk.isEmpty { break }
                text += String(decoding: chunk, as: UTF8.self)
            }
            return text
        }
        let server = ServeProcess(
            process: process,
            errors: errors,
            baseURL: line.range(of: "http://").map {
                String(line[$0.lowerBound...]).trimmingCharacters(in: .whitespacesAndNewlines)
            } ?? ""
        )
        guard !server.baseURL.isEmpty else {
            throw ServeFailure(message: "maia serve did not start: \(line) \(await server.stop().stderr)")
        }
        return server
    }

    /// Sends SIGTERM and waits for the exit; returns the status and what the server wrote on stderr.
    func stop(signal: Int32 = SIGTERM) async -> (status: Int32, stderr: String) {
        if process.isRunning { kill(process.processIdentifier, signal) }
        return await blocking { [process, errors] in
            let text = String(decoding: errors.fileHandleForReading.readToEndRetrying(), as: UTF8.self)
            process.waitUntilExit()
            return (process.terminationStatus, text)
        }
    }

    struct ServeFailure: Error, CustomStringConvertible {
        let message: String
        var description: String { message }
    }
}

/// Runs blocking work on a thread of its own, so that the cooperative pool keeps serving the loopback providers.
func blocking<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
    await withCheckedContinuation { continuation in
        Thread { continuation.resume(returning: work()) }.start()
    }
}

/// Runs a command to its end (on a thread of its own) and returns its status and output.
func runTool(_ path: String, _ arguments: [String], environment: [String: String] = [:]) async throws -> ToolRun {
    try await withCheckedThrowingContinuation { continuation in
        Thread {
            continuation.resume(
                with: Result {
                    let process = Process()
                    process.executableURL = URL(fileURLWithPath: path)
                    process.arguments = arguments
                    process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
                    let out = Pipe()
                    let err = Pipe()
                    process.standardOutput = out
                    process.standardError = err
                    process.standardInput = FileHandle.nullDevice
                    try process.run()
                    let stdout = out.fileHandleForReading.readToEndRetrying()
                    let stderr = err.fileHandleForReading.readToEndRetrying()
                    process.waitUntilExit()
                    return ToolRun(
                        status: process.terminationStatus,
                        stdout: String(decoding: stdout, as: UTF8.self),
                        stderr: String(decoding: stderr, as: UTF8.self)
                    )
                }
            )
        }
        .start()
    }
}

/// How a command ended and what it printed.
struct ToolRun: Sendable {
    let status: Int32
    let stdout: String
    let stderr: String
}
