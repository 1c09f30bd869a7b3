import Foundation
import MaiaTesting
import Testing

@Suite("maia llama parse-tool-calls, run as a user would")
struct LlamaCommandTests {
    let maia = CommandRunner()

    @Test("prints calls and content as one line of JSON with a stable key order")
    func parsesCalls() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let input = """
            Let me check.
            <|python_tag|>{"name": "lookup_supabase", "parameters": {"user_id": "u1", "limit": 5}}; \
            {"function": {"_name": "query_mem0", "query": "sleep"}}<|eom_id|>
            """
        let result = try maia.run(["llama", "parse-tool-calls"], in: folder.url, input: input)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(
            result.stdout == #"""
                {"calls":[{"name":"lookup_supabase","arguments":{"limit":5,"user_id":"u1"}},\#
                {"name":"query_mem0","arguments":{"query":"sleep"}}],"content":"Let me check."}

                """#
        )
    }

    @Test("malformed JSON is no call and stays content, escaped as JSON")
    func malformed() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let result = try maia.run(
            ["llama", "parse-tool-calls"],
            in: folder.url,
            input: #"{"name": "a", "parameters": {"x": 1,}}"#
        )
        #expect(result.status == 0)
        #expect(result.stdout == #"{"calls":[],"content":"{\"name\": \"a\", \"parameters\": {\"x\": 1,}}"}"# + "\n")
    }

    @Test("empty stdin gives no calls and empty content")
    func emptyInput() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let result = try maia.run(["llama", "parse-tool-calls"], in: folder.url, input: "")
        #expect(result.status == 0)
        #expect(result.stdout == #"{"calls":[],"content":""}"# + "\n")
    }

    @Test("invalid UTF-8 and binary garbage are read as replacement characters, never a crash")
    func garbage() throws {
        let bytes: [UInt8] = [0xFF, 0xFE, 0x00, 0x7B, 0xC3, 0x28, 0x22, 0x6E, 0x61, 0x6D, 0x65, 0x22, 0x0A, 0x80]
        let result = try runWithBytes(["llama", "parse-tool-calls"], input: Data(bytes))
        #expect(result.status == 0)
        let output = try #require(result.stdout.data(using: .utf8))
        let decoded = try JSONSerialization.jsonObject(with: output) as? [String: Any]
        #expect((decoded?["calls"] as? [Any])?.isEmpty == true)
        #expect((decoded?["content"] as? String)?.contains("\u{FFFD}") == true)
    }

    @Test("help describes the command")
    func help() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let result = try maia.run(["llama", "parse-tool-calls", "--help"], in: folder.url)
        #expect(result.status == 0)
        #expect(result.stdout.contains("Read raw model text on stdin"))
    }

    /// Runs `maia` feeding raw bytes on stdin, which `CommandRunner` (text input) cannot express.
    private func runWithBytes(_ arguments: [String], input: Data) throws -> (status: Int32, stdout: String) {
        let process = Process()
        process.executableURL = maia.executable
        process.arguments = arguments
        process.environment = ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"]
        let out = Pipe()
        let inPipe = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        process.standardInput = inPipe
        try process.run()
        inPipe.fileHandleForWriting.write(input)
        try inPipe.fileHandleForWriting.close()
        let data = out.fileHandleForReading.readToEndRetrying()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
