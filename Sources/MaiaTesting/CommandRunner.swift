public import Foundation

/// Runs the built `maia` executable as a user would, capturing its output.
public struct CommandRunner: Sendable {
    /// The result of one run.
    public struct Result: Sendable {
        public let status: Int32
        public let stdout: String
        public let stderr: String
    }

    /// The `maia` binary next to the test bundle in the build folder.
    public let executable: URL

    /// Locates `maia` in the build products folder of the running tests.
    public init() {
        let testBinary = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        var folder = testBinary.deletingLastPathComponent()
        // On Linux the test bundle is a plain executable in the products folder; on macOS it sits inside a bundle.
        while !FileManager.default.fileExists(atPath: folder.appendingPathComponent("maia").path), folder.path != "/" {
            folder.deleteLastPathComponent()
        }
        executable = folder.appendingPathComponent("maia")
    }

    /// Runs `maia` with `arguments` in `directory`, with exactly `environment` plus `PATH`, feeding `input`.
    public func run(
        _ arguments: [String],
        in directory: URL,
        environment: [String: String] = [:],
        input: String? = nil
    ) throws -> Result {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = directory
        var env = environment
        env["PATH"] = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        process.environment = env
        let out = Pipe()
        let err = Pipe()
        let inPipe = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = inPipe
        try process.run()
        if let input { inPipe.fileHandleForWriting.write(Data(input.utf8)) }
        try inPipe.fileHandleForWriting.close()
        // Read both pipes before waiting so that a large output cannot fill a pipe and block the child.
        let stdoutData = out.fileHandleForReading.readToEndRetrying()
        let stderrData = err.fileHandleForReading.readToEndRetrying()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus,
            stdout: String(decoding: stdoutData, as: UTF8.self),
            stderr: String(decoding: stderrData, as: UTF8.self)
        )
    }
}
