import Foundation
import MaiaConfig
import MaiaTesting
import Testing

@Suite(".env files are read strictly: every line is used or refused, naming it")
struct EnvFileTests {
    private func load(_ bytes: [UInt8]) async throws -> (MaiaSettings, RawSettings) {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let path = folder.url.appendingPathComponent(".env").path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return try await SettingsLoader.load(environment: [:], envFilePath: path)
    }

    @Test("a UTF-8 byte order mark does not hide the first line; CRLF line ends are read")
    func byteOrderMark() async throws {
        let text = "LLAMA_MODEL_SIZE=70B\r\nLLAMA_MAX_TOKENS=1024\r\n"
        let (settings, raw) = try await load([0xEF, 0xBB, 0xBF] + Array(text.utf8))
        #expect(settings.llama.modelSize == .b70)
        #expect(raw.values["LLAMA_MODEL_SIZE"]?.source == .envFile)
        #expect(settings.llama.maxTokens == 1024)
    }

    @Test(
        "malformed lines stop the program naming the line and never quoting it",
        arguments: [
            ("sk-secret-pasted-alone", "line 2: no \"=\"; each line is NAME=value, a # comment or blank"),
            ("export CLAUDE_MODEL=sk-secret", "line 2: the name before \"=\" contains whitespace"),
            ("CLAUDE MODEL=sk-secret", "line 2: the name before \"=\" contains whitespace"),
            ("=sk-secret", "line 2: no name before \"=\""),
            ("CLAUDE_MODEL=\"sk-secret", "line 2: the value opens a quote (\") that is never closed"),
            ("CLAUDE_MODEL='sk-secret", "line 2: the value opens a quote (') that is never closed"),
            ("CLAUDE_MODEL=sk\u{1}secret", "line 2: control byte 0x01: a .env file is text"),
        ]
    )
    func malformed(line: String, problem: String) async throws {
        let error = try await #require(throws: ConfigurationError.self) {
            try await load(Array("LLAMA_MODEL_SIZE=70B\n\(line)\n".utf8))
        }
        #expect(error.code == .unreadableFile)
        #expect(error.problems.count == 1)
        #expect(error.problems.first?.contains(problem) == true, "\(error.problems)")
        #expect(!error.description.contains("sk-secret"))
    }

    @Test("binary bytes that are not UTF-8 are refused with the line")
    func binary() async throws {
        let error = try await #require(throws: ConfigurationError.self) {
            try await load(Array("# ok\n".utf8) + [0x41, 0x3D, 0xFF, 0xFE, 0x0A])
        }
        #expect(error.problems.count == 1)
        #expect(error.problems[0].hasSuffix(".env line 2: not valid UTF-8 text"), "\(error.problems)")
    }

    @Test("every problem is reported at once")
    func allProblems() async throws {
        let error = try await #require(throws: ConfigurationError.self) {
            try await load(Array("A B=1\n\n# comment\nnothing\nOK=\"x\" # note\n".utf8))
        }
        #expect(error.problems.count == 2)
        #expect(error.problems[0].contains("line 1:") && error.problems[1].contains("line 4:"))
    }
}
