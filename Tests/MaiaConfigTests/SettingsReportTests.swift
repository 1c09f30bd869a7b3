import Foundation
import MaiaConfig
import MaiaTesting
import Testing

@Suite("Configuration report and .env.example")
struct SettingsReportTests {
    @Test("secrets never appear in the report, whatever their source")
    func redactsSecrets() {
        let raw = RawSettings(
            environment: [
                "ANTHROPIC_API_KEY": "sk-ant-dummy-1234567890",
                "HUGGINGFACE_API_KEY": "hf_dummy_abcdef",
                "DATABASE_URL": "postgres://maia:pg-dummy-pass@localhost:5432/maia?sslmode=require&password=q-dummy",
            ],
            envFile: ["MEM0_API_KEY": "m0-dummy-zyx"]
        )
        let text = SettingsReport.lines(for: raw).joined(separator: "\n")
        for secret in ["sk-ant-dummy-1234567890", "hf_dummy_abcdef", "pg-dummy-pass", "q-dummy", "m0-dummy-zyx"] {
            #expect(!text.contains(secret))
        }
        #expect(text.contains("postgres://maia:***@localhost:5432/maia?***"))
        #expect(text.contains("<redacted>  [environment]"))
        #expect(text.contains("<redacted>  [.env]"))
    }

    @Test("every variable is listed once with its source")
    func listsEveryVariable() {
        let lines = SettingsReport.lines(for: RawSettings(environment: ["LLAMA_MODEL_SIZE": "70B"], envFile: [:]))
        #expect(lines.count == SettingSpec.all.count)
        #expect(lines.contains { $0.hasPrefix("LLAMA_MODEL_SIZE") && $0.hasSuffix("70B  [environment]") })
        #expect(lines.contains { $0.hasPrefix("LLAMA_MAX_TOKENS") && $0.hasSuffix("2048  [default]") })
        #expect(lines.contains { $0.hasPrefix("LLAMA_ENDPOINT") && $0.hasSuffix("(unset)") })
    }

    @Test("the committed .env.example is the generated one")
    func envExampleInSync() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let committed = try String(contentsOf: root.appendingPathComponent(".env.example"), encoding: .utf8)
        #expect(committed == SettingsReport.envExample(), "run `maia config example > .env.example`")
    }

    @Test("the .env.example defaults parse to the built-in defaults")
    func envExampleParses() async throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let path = try folder.write(SettingsReport.envExample(), to: ".env")
        let (_, fromExample) = try await SettingsLoader.load(environment: [:], envFilePath: path)
        let builtIn = RawSettings(environment: [:], envFile: [:])
        for spec in SettingSpec.all {
            #expect(fromExample[spec.name] == builtIn[spec.name], "\(spec.name)")
        }
        // Every variable is in the example, so the comparison above covers them all.
        let names = SettingsReport.envExample().split(separator: "\n").filter { !$0.hasPrefix("#") }.map {
            String($0.prefix { $0 != "=" })
        }
        #expect(Set(names) == Set(SettingSpec.all.map(\.name)))
    }
}
