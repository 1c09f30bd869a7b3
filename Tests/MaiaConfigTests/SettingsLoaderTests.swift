import Foundation
import MaiaConfig
import MaiaTesting
import Testing

@Suite("Loading configuration from the environment and .env")
struct SettingsLoaderTests {
    @Test("a .env file is read, quotes and comments included")
    func readsEnvFile() async throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let path = try folder.write(
            """
            # comment line
            LLAMA_MODEL_SIZE=70B
            LLAMA_ENDPOINT="http://localhost:8080"
            CLAUDE_MODEL='claude-x'
            LLAMA_DEPLOYMENT_MODE=vllm-local
            """,
            to: ".env"
        )
        let (settings, raw) = try await SettingsLoader.load(
            environment: ["LLAMA_MODEL_SIZE": "405B"],
            envFilePath: path
        )
        #expect(settings.llama.modelSize == .b405)
        #expect(raw.values["LLAMA_MODEL_SIZE"]?.source == .environment)
        #expect(settings.llama.deploymentMode == .vllmLocal)
        #expect(settings.llama.endpoint?.absoluteString == "http://localhost:8080")
        #expect(raw.values["LLAMA_ENDPOINT"]?.source == .envFile)
        #expect(settings.claude.model == "claude-x")
    }

    @Test("end-of-line comments in .env are dropped from unquoted values; a # inside quotes or a word is kept")
    func endOfLineComments() async throws {
        let folder = try TemporaryDirectory()
        let path = try folder.write(
            """
            LLAMA_MODEL_SIZE=70B   # the big one
            MAIA_DB="./data/my #1.sqlite"   # quoted: the # inside stays
            LLAMA_MODEL=org/model#rev
            ANTHROPIC_BASE_URL=http://localhost:9000 #local proxy
            """,
            to: ".env"
        )
        let (settings, raw) = try await SettingsLoader.load(environment: [:], envFilePath: path)
        #expect(settings.llama.modelSize == .b70)
        #expect(raw.values["MAIA_DB"]?.value == "./data/my #1.sqlite")
        #expect(raw.values["LLAMA_MODEL"]?.value == "org/model#rev")
        #expect(settings.claude.baseURL.absoluteString == "http://localhost:9000")
        let (_, fromEnvironment) = try await SettingsLoader.load(
            environment: ["MAIA_DB": "./x # not a comment in the environment"],
            envFilePath: path
        )
        #expect(fromEnvironment.values["MAIA_DB"]?.value == "./x # not a comment in the environment")
    }

    @Test("a missing .env file counts as empty")
    func missingFile() async throws {
        let (settings, _) = try await SettingsLoader.load(environment: [:], envFilePath: "/nonexistent/maia/.env")
        #expect(settings.llama.enabled == false)
    }

    @Test("variables MAIA does not know are ignored, whatever they hold")
    func unknownVariablesIgnored() async throws {
        let (_, raw) = try await SettingsLoader.load(
            environment: ["PATH": "/bin", "LLAMA_FOO": "x"],
            envFilePath: "/nonexistent"
        )
        #expect(raw.values["LLAMA_FOO"] == nil)
    }
}
