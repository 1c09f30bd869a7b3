import Foundation
import MaiaTesting
import Testing

@Suite("maia config and --version, run as a user would")
struct ConfigCommandTests {
    let maia = CommandRunner()

    @Test("maia --version prints the version")
    func version() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let result = try maia.run(["--version"], in: folder.url)
        #expect(result.status == 0)
        #expect(result.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "0.1.0")
    }

    @Test("maia config show prints sources and no secret, from the environment or .env")
    func showRedacts() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        try folder.write("HUGGINGFACE_API_KEY=hf_dummy_from_dotenv\nLLAMA_MODEL_SIZE=70B\n", to: ".env")
        let result = try maia.run(
            ["config", "show"],
            in: folder.url,
            environment: [
                "ANTHROPIC_API_KEY": "sk-ant-dummy-cli", "MEM0_API_KEY": "m0-dummy-cli", "ENABLE_MEM0": "true",
            ]
        )
        #expect(result.status == 0, "\(result.stderr)")
        for secret in ["hf_dummy_from_dotenv", "sk-ant-dummy-cli", "m0-dummy-cli"] {
            #expect(!result.stdout.contains(secret))
            #expect(!result.stderr.contains(secret))
        }
        #expect(result.stdout.contains("LLAMA_MODEL_SIZE"))
        #expect(result.stdout.contains("70B  [.env]"))
        // Names are padded to the longest variable name, whatever it is today.
        let key = result.stdout.split(separator: "\n").first { $0.hasPrefix("ANTHROPIC_API_KEY ") }
        #expect(key?.hasSuffix(" <redacted>  [environment]") == true, "\(result.stdout)")
    }

    @Test("bad configuration exits non-zero and names variable, value and accepted values")
    func badConfiguration() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let result = try maia.run(["config", "show"], in: folder.url, environment: ["LLAMA_MODEL_SIZE": "9B"])
        #expect(result.status != 0)
        #expect(result.stderr.contains("LLAMA_MODEL_SIZE=\"9B\" is not accepted: it must be one of 8B, 70B, 405B."))
    }

    @Test("an unknown subcommand is an error, not a pretend answer")
    func unknownCommand() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let result = try maia.run(["teleport"], in: folder.url)
        #expect(result.status != 0)
        #expect(result.stderr.contains("teleport"))
    }
}
