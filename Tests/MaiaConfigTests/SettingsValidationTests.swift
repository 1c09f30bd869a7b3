import Foundation
import MaiaConfig
import MaiaCore
import Testing

@Suite("Configuration validation")
struct SettingsValidationTests {
    private func problems(_ environment: [String: String], envFile: [String: String] = [:]) -> [String] {
        do {
            _ = try MaiaSettings(RawSettings(environment: environment, envFile: envFile))
            return []
        } catch {
            return error.problems
        }
    }

    @Test("defaults are the seed's and need no keys")
    func defaults() throws {
        let settings = try MaiaSettings(RawSettings(environment: [:], envFile: [:]))
        #expect(settings.llama.enabled == false)
        #expect(settings.llama.deploymentMode == .huggingfaceAPI)
        #expect(settings.llama.model == "meta-llama/Llama-3.1-8B-Instruct")
        #expect(settings.llama.maxTokens == 2048)
        #expect(settings.llama.temperature == nil, "unset: the catalogue decides per model")
        #expect(settings.llama.tgiAPI == .messages)
        #expect(settings.experiments.shadowLogPath == "./logs/llama-shadow-tests.json")
        #expect(settings.experiments.trafficPercent == 0)
        #expect(settings.experiments.routingUnit == .user)
        #expect(settings.claude.model == "claude-sonnet-4-5")
        #expect(settings.claude.baseURL.absoluteString == "https://api.anthropic.com")
        #expect(settings.store == .sqlite(path: "./data/maia.sqlite"))
        #expect(settings.embedder == .localMiniLM)
    }

    @Test("LLAMA_MODEL_SIZE=9B names the accepted sizes")
    func badModelSize() {
        #expect(
            problems(["LLAMA_MODEL_SIZE": "9B"]) == [
                "LLAMA_MODEL_SIZE=\"9B\" is not accepted: it must be one of 8B, 70B, 405B."
            ]
        )
    }

    @Test("huggingface-api with Llama enabled and no key names the missing key and the keyless modes")
    func missingHuggingFaceKey() throws {
        let found = problems(["ENABLE_LLAMA": "true", "LLAMA_DEPLOYMENT_MODE": "huggingface-api"])
        let message = try #require(found.first)
        #expect(found.count == 1)
        #expect(message.contains("HUGGINGFACE_API_KEY is missing"))
        #expect(message.contains("tgi-local, vllm-local, openai-compatible and local need no key"))
    }

    @Test("a key is not needed while Llama is disabled")
    func keyNotNeededWhenDisabled() {
        #expect(problems(["LLAMA_DEPLOYMENT_MODE": "huggingface-api"]).isEmpty)
    }

    @Test("vllm-local without LLAMA_ENDPOINT says so", arguments: ["vllm-local", "tgi-local", "openai-compatible"])
    func missingEndpoint(mode: String) {
        #expect(
            problems(["LLAMA_DEPLOYMENT_MODE": mode]) == [
                "LLAMA_ENDPOINT is missing: LLAMA_DEPLOYMENT_MODE=\(mode) needs the server's base URL, "
                    + "e.g. LLAMA_ENDPOINT=http://localhost:8080."
            ]
        )
    }

    @Test("LLAMA_TEMPERATURE=hot and LLAMA_MAX_TOKENS=-5 say which numbers are accepted, both at once")
    func badNumbers() {
        #expect(
            problems(["LLAMA_TEMPERATURE": "hot", "LLAMA_MAX_TOKENS": "-5"]) == [
                "LLAMA_MAX_TOKENS=\"-5\" is not accepted: it must be a whole number from 1 to 131072.",
                "LLAMA_TEMPERATURE=\"hot\" is not accepted: it must be a number from 0 to 2.",
            ]
        )
    }

    @Test(
        "other bad values are rejected with the accepted form",
        arguments: [
            ("LLAMA_MAX_TOKENS", "2048.5", "a whole number from 1 to 131072"),
            ("LLAMA_TEMPERATURE", "2.5", "a number from 0 to 2"),
            ("LLAMA_TEMPERATURE", "nan", "a number from 0 to 2"),
            ("ENABLE_LLAMA", "maybe", "use true or false"),
            (
                "LLAMA_DEPLOYMENT_MODE", "ollama",
                "one of huggingface-api, tgi-local, vllm-local, openai-compatible, local, in-process"
            ),
            ("LLAMA_ROUTING_UNIT", "device", "one of user, session"),
            ("LLAMA_TGI_API", "chat", "one of messages, generate"),
            ("LLAMA_TRAFFIC_PERCENT", "120", "a number from 0 to 100"),
            ("ANTHROPIC_BASE_URL", "api.anthropic.com", "an http:// or https:// URL"),
            ("MEM0_BASE_URL", "ftp://mem0.example", "an http:// or https:// URL"),
            ("MAIA_EMBEDDINGS_URL", "localhost:8080", "an http:// or https:// URL"),
            ("LLAMA_MODEL", "llama 3", "a model id without spaces"),
            ("CLAUDE_MODEL", "claude sonnet", "a model id without spaces"),
            ("LLAMA_EXPERIMENT", "llama rollout", "1 to 64 letters, digits, '-', '_' or '.'"),
            ("LLAMA_EXPERIMENT", "rollout/2", "1 to 64 letters, digits, '-', '_' or '.'"),
            ("LLAMA_FORCE_CANDIDATE", "ana, bob smith", "ids separated by commas"),
            ("MAIA_EMBEDDINGS_INPUT_TYPES", "query", "two input types separated by a comma"),
            ("MAIA_EMBEDDINGS_INPUT_TYPES", "query,passage,doc", "two input types separated by a comma"),
            ("MAIA_EMBEDDINGS_INPUT_TYPES", "query,", "two input types separated by a comma"),
            ("MAIA_EMBEDDINGS_INPUT_TYPES", "search query,passage", "(e.g. query,passage)"),
            ("MAIA_EMBEDDINGS_INPUT_TYPES", "query;passage", "(e.g. query,passage)"),
        ]
    )
    func otherBadValues(name: String, value: String, accepted: String) throws {
        let found = problems([name: value])
        let message = try #require(found.first)
        #expect(found.count == 1)
        #expect(message.hasPrefix("\(name)=\"\(value)\" is not accepted"))
        #expect(message.contains(accepted))
    }

    @Test("embedding input types: a query,document pair with blanks ignored, sent only with an embeddings server")
    func embeddingInputTypes() throws {
        let url = "http://127.0.0.1:8000"
        let settings = try MaiaSettings(
            RawSettings(
                environment: ["MAIA_EMBEDDINGS_URL": url, "MAIA_EMBEDDINGS_INPUT_TYPES": " query , passage "],
                envFile: [:]
            )
        )
        let types = EmbeddingInputTypes(query: "query", document: "passage")
        #expect(settings.embedder == .http(url: URL(string: url)!, model: nil, inputTypes: types))
        let plain = try MaiaSettings(RawSettings(environment: ["MAIA_EMBEDDINGS_URL": url], envFile: [:]))
        #expect(plain.embedder == .http(url: URL(string: url)!, model: nil, inputTypes: nil))
    }

    @Test("MAIA_EMBEDDINGS_LOCAL chooses the in-process embedder; a bad value names the two accepted")
    func localEmbedder() throws {
        let multilingual = try MaiaSettings(
            RawSettings(environment: ["MAIA_EMBEDDINGS_LOCAL": "Multilingual"], envFile: [:])
        )
        #expect(multilingual.embedder == .localMultilingual)
        let minilm = try MaiaSettings(RawSettings(environment: [:], envFile: ["MAIA_EMBEDDINGS_LOCAL": "minilm"]))
        #expect(minilm.embedder == .localMiniLM)
        #expect(
            problems(["MAIA_EMBEDDINGS_LOCAL": "e5"]) == [
                "MAIA_EMBEDDINGS_LOCAL=\"e5\" is not accepted: it must be one of minilm, multilingual."
            ]
        )
    }

    @Test("MAIA_EMBEDDINGS_LOCAL=multilingual beside an embeddings server is refused; the minilm default is not")
    func localEmbedderAndServer() throws {
        let url = "http://127.0.0.1:8000"
        let found = problems(["MAIA_EMBEDDINGS_LOCAL": "multilingual", "MAIA_EMBEDDINGS_URL": url])
        #expect(found.count == 1)
        #expect(found.first?.contains("unset one of them") == true)
        let copied = try MaiaSettings(
            RawSettings(environment: ["MAIA_EMBEDDINGS_URL": url], envFile: ["MAIA_EMBEDDINGS_LOCAL": "minilm"])
        )
        #expect(copied.embedder == .http(url: URL(string: url)!, model: nil, inputTypes: nil))
    }

    @Test("routing settings: the experiment name, and force lists split on commas with blanks ignored")
    func routingSettings() throws {
        let settings = try MaiaSettings(
            RawSettings(
                environment: [
                    "LLAMA_EXPERIMENT": "rollout-2", "LLAMA_FORCE_CANDIDATE": " ana, bob ,,",
                    "LLAMA_FORCE_CONTROL": "cy",
                ],
                envFile: [:]
            )
        )
        #expect(settings.experiments.experimentName == "rollout-2")
        #expect(settings.experiments.forceCandidate == ["ana", "bob"])
        #expect(settings.experiments.forceControl == ["cy"])
        let defaults = try MaiaSettings(RawSettings(environment: [:], envFile: [:]))
        #expect(defaults.experiments.experimentName == "llama-rollout")
        #expect(defaults.experiments.forceCandidate.isEmpty)
    }

    @Test("LLAMA_TGI_API=generate is for tgi-local only; messages is accepted anywhere")
    func tgiAPINeedsTGI() throws {
        let endpoint = ["LLAMA_ENDPOINT": "http://localhost:8080"]
        #expect(
            problems(endpoint.merging(["LLAMA_DEPLOYMENT_MODE": "vllm-local", "LLAMA_TGI_API": "generate"]) { $1 }) == [
                "LLAMA_TGI_API=generate needs LLAMA_DEPLOYMENT_MODE=tgi-local (it is vllm-local): only a TGI server "
                    + "has the native /generate_stream API. Unset LLAMA_TGI_API or use messages."
            ]
        )
        #expect(problems(["LLAMA_DEPLOYMENT_MODE": "local", "LLAMA_TGI_API": "messages"]).isEmpty)
        let settings = try MaiaSettings(
            RawSettings(
                environment: endpoint.merging(["LLAMA_DEPLOYMENT_MODE": "tgi-local", "LLAMA_TGI_API": "Generate"]) {
                    $1
                },
                envFile: [:]
            )
        )
        #expect(settings.llama.tgiAPI == .generate)
    }

    @Test("shadow mode and traffic share need the Llama switch")
    func needsLlamaSwitch() {
        let found = problems(["LLAMA_SHADOW_MODE": "true", "LLAMA_TRAFFIC_PERCENT": "20"])
        #expect(
            found == [
                "LLAMA_SHADOW_MODE=true needs ENABLE_LLAMA=true: shadow testing runs the Llama engine.",
                "LLAMA_TRAFFIC_PERCENT=20 needs ENABLE_LLAMA=true: routing sends that share of traffic to the Llama engine.",
            ]
        )
    }

    @Test("ENABLE_MEM0 without a key says so")
    func mem0NeedsKey() {
        #expect(
            problems(["ENABLE_MEM0": "true"]) == [
                "MEM0_API_KEY is missing: ENABLE_MEM0=true needs a Mem0 Platform API key."
            ]
        )
    }

    @Test("a bad DATABASE_URL is rejected without echoing it, since it may hold a password")
    func badDatabaseURLHidden() {
        let found = problems(["DATABASE_URL": "mysql://root:hunter2@db/maia"])
        #expect(
            found == [
                "DATABASE_URL=(secret value hidden) is not accepted: it must be a postgres:// or postgresql:// URL with a host."
            ]
        )
    }

    @Test("SUPABASE_DB_URL is read as an alias of DATABASE_URL")
    func supabaseAlias() throws {
        let raw = RawSettings(
            environment: ["SUPABASE_DB_URL": "postgresql://u:p@db.example.supabase.co:5432/postgres"],
            envFile: [:]
        )
        let settings = try MaiaSettings(raw)
        #expect(settings.store == .postgres(url: "postgresql://u:p@db.example.supabase.co:5432/postgres"))
        #expect(raw.values["DATABASE_URL"]?.foundAs == "SUPABASE_DB_URL")
    }

    @Test("the environment wins over .env, .env over defaults, and blanks count as unset")
    func precedence() throws {
        let raw = RawSettings(
            environment: ["LLAMA_MODEL_SIZE": "70B", "LLAMA_TEMPERATURE": " "],
            envFile: ["LLAMA_MODEL_SIZE": "405B", "LLAMA_TEMPERATURE": "0.2", "LLAMA_MAX_TOKENS": ""]
        )
        #expect(raw.values["LLAMA_MODEL_SIZE"]?.source == .environment)
        #expect(raw.values["LLAMA_TEMPERATURE"]?.source == .envFile)
        #expect(raw.values["LLAMA_MAX_TOKENS"]?.source == .default)
        let settings = try MaiaSettings(raw)
        #expect(settings.llama.model == "meta-llama/Llama-3.1-70B-Instruct")
        #expect(settings.llama.temperature == 0.2)
    }

    @Test("a bad value that came from .env says so")
    func badValueFromEnvFile() {
        #expect(
            problems([:], envFile: ["LLAMA_MODEL_SIZE": "9B"]) == [
                "LLAMA_MODEL_SIZE=\"9B\" (from .env) is not accepted: it must be one of 8B, 70B, 405B."
            ]
        )
    }
}
