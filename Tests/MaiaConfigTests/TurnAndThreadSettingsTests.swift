import Foundation
import MaiaConfig
import MaiaCore
import Testing

@Suite("MAIA_TURN_TIMEOUT, LLAMA_LOCAL_THREADS and the secret redactor")
struct TurnAndThreadSettingsTests {
    func settings(_ environment: [String: String]) throws -> MaiaSettings {
        try MaiaSettings(RawSettings(environment: environment, envFile: [:]))
    }

    @Test("defaults: a 180 s turn limit and one local thread")
    func defaults() throws {
        let defaults = try settings([:])
        #expect(defaults.turnTimeoutSeconds == 180)
        #expect(defaults.llama.localThreads == 1)
    }

    @Test("set values are used")
    func setValues() throws {
        let set = try settings(["MAIA_TURN_TIMEOUT": "45", "LLAMA_LOCAL_THREADS": "2"])
        #expect(set.turnTimeoutSeconds == 45)
        #expect(set.llama.localThreads == 2)
    }

    @Test("bad values name the variable, the value and the accepted range")
    func badValues() {
        #expect(throws: ConfigurationError.self) { try settings(["MAIA_TURN_TIMEOUT": "0"]) }
        do {
            _ = try settings(["MAIA_TURN_TIMEOUT": "2", "LLAMA_LOCAL_THREADS": "zero"])
            Issue.record("bad values were accepted")
        } catch let error as ConfigurationError {
            #expect(
                error.problems == [
                    "LLAMA_LOCAL_THREADS=\"zero\" is not accepted: it must be a whole number from 1 to 256.",
                    "MAIA_TURN_TIMEOUT=\"2\" is not accepted: it must be a whole number from 5 to 3600.",
                ]
            )
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }

    @Test("every configured secret is redacted from provider text; short and unset values are left alone")
    func redactor() throws {
        let configured = try settings([
            "ANTHROPIC_API_KEY": "sk-ant-abcdef123456", "HUGGINGFACE_API_KEY": "hf_zyxwvu98765",
            "MEM0_API_KEY": "m0-key-555555",
        ])
        let redactor = configured.secretRedactor
        let echoed = "bad key sk-ant-abcdef123456, also hf_zyxwvu98765 and m0-key-555555 for 12345"
        #expect(redactor.redact(echoed) == "bad key [redacted], also [redacted] and [redacted] for 12345")
        #expect(SecretRedactor(secrets: ["abc", nil]).redact("abc") == "abc")
        #expect(SecretRedactor(secrets: ["secret-1", "secret-12"]).redact("secret-12") == "[redacted]")
    }
}
