import Foundation

/// A `maia serve` process on a free loopback port, for benchmarks.
struct ServedMaia: Sendable {
    let process: Process
    let baseURL: String

    /// Starts `binary serve --port 0` in `folder` and waits (on a thread of its own) for its "serving on" line.
    static func start(binary: String, folder: URL, environment: [String: String]) async throws -> ServedMaia {
        let process = Process()
        let output = Pipe()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = ["serve", "--port", "0"]
        process.currentDirectoryURL = folder
        process.environment = environment.merging(["PATH": "/usr/bin:/bin"]) { own, _ in own }
        process.standardOutput = output
        // The server logs a line per turn: to a file, so that the table stays readable and a failure can be shown.
        let log = folder.appendingPathComponent("serve.log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        process.standardError = try FileHandle(forWritingTo: log)
        try process.run()
        let line = await withCheckedContinuation { continuation in
            Thread {
                var text = ""
                while !text.contains("\n") {
                    let chunk = output.fileHandleForReading.availableData
                    if chunk.isEmpty { break }
                    text += String(decoding: chunk, as: UTF8.self)
                }
                continuation.resume(returning: text)
            }
            .start()
        }
        guard let range = line.range(of: "http://") else {
            process.terminate()
            process.waitUntilExit()
            let errors = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
            throw ValidationFailure(message: "\(binary) serve did not start: \(line)\(errors.suffix(2000))")
        }
        return ServedMaia(
            process: process,
            baseURL: String(line[range.lowerBound...]).trimmingCharacters(in: .whitespacesAndNewlines)
        )
    }

    /// The process's peak resident memory (`VmHWM`), in megabytes.
    func peakRSSMegabytes() -> Double? {
        guard let status = try? String(contentsOfFile: "/proc/\(process.processIdentifier)/status", encoding: .utf8),
            let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
            let kilobytes = Double(line.split(separator: " ").dropFirst().first ?? "")
        else { return nil }
        return kilobytes / 1024
    }

    func stop() {
        process.terminate()
        process.waitUntilExit()
    }

    struct ValidationFailure: Error, CustomStringConvertible {
        let message: String
        var description: String { message }
    }
}
