import Foundation
import MaiaCore

extension MaiaSettings {
    /// Validates `raw` into typed settings, collecting every problem before throwing.
    public init(_ raw: RawSettings) throws(ConfigurationError) {
        var reader = SettingsReader(raw: raw)
        let llama = Llama(
            enabled: reader.bool("ENABLE_LLAMA"),
            deploymentMode: reader.choice("LLAMA_DEPLOYMENT_MODE", default: .huggingfaceAPI),
            modelSize: reader.choice("LLAMA_MODEL_SIZE", default: .b8),
            explicitModel: reader.identifier("LLAMA_MODEL"),
            huggingFaceAPIKey: raw["HUGGINGFACE_API_KEY"],
            endpoint: reader.url("LLAMA_ENDPOINT"),
            tgiAPI: reader.choice("LLAMA_TGI_API", default: .messages),
            maxTokens: reader.integer("LLAMA_MAX_TOKENS", in: 1...131_072, default: 2048),
            temperature: reader.number("LLAMA_TEMPERATURE", in: 0...2),
            localThreads: reader.integer("LLAMA_LOCAL_THREADS", in: 1...256, default: Self.defaultLocalThreads)
        )
        let experiments = Experiments(
            shadowMode: reader.bool("LLAMA_SHADOW_MODE"),
            shadowLogPath: raw["LLAMA_SHADOW_LOG_PATH"] ?? "./logs/llama-shadow-tests.json",
            trafficPercent: reader.number("LLAMA_TRAFFIC_PERCENT", in: 0...100, default: 0),
            routingUnit: reader.choice("LLAMA_ROUTING_UNIT", default: .user),
            experimentName: reader.experimentName("LLAMA_EXPERIMENT") ?? Self.defaultExperimentName,
            forceCandidate: reader.idList("LLAMA_FORCE_CANDIDATE"),
            forceControl: reader.idList("LLAMA_FORCE_CONTROL")
        )
        let claude = Claude(
            apiKey: raw["ANTHROPIC_API_KEY"],
            baseURL: reader.url("ANTHROPIC_BASE_URL") ?? URL(string: "https://api.anthropic.com")!,
            model: reader.identifier("CLAUDE_MODEL") ?? "claude-sonnet-4-5"
        )
        let store: Store =
            if let url = reader.postgresURL("DATABASE_URL") {
                .postgres(url: url)
            } else {
                .sqlite(path: raw["MAIA_DB"] ?? "./data/maia.sqlite")
            }
        let mem0 = Mem0(
            enabled: reader.bool("ENABLE_MEM0"),
            apiKey: raw["MEM0_API_KEY"],
            baseURL: reader.url("MEM0_BASE_URL") ?? URL(string: "https://api.mem0.ai")!
        )
        // Read even without a URL, so that a bad value is reported rather than ignored.
        let embeddingsModel = reader.identifier("MAIA_EMBEDDINGS_MODEL")
        let inputTypes = reader.embeddingInputTypes("MAIA_EMBEDDINGS_INPUT_TYPES")
        let local = reader.choice("MAIA_EMBEDDINGS_LOCAL", default: LocalEmbedder.minilm)
        let embedder: Embedder =
            if let url = reader.url("MAIA_EMBEDDINGS_URL") {
                .http(url: url, model: embeddingsModel, inputTypes: inputTypes)
            } else {
                local == .multilingual ? .localMultilingual : .localMiniLM
            }
        if local == .multilingual, case .http = embedder {
            // The minilm default may stand beside a URL (a copied .env.example); an explicit multilingual may not.
            reader.problems.append(
                "MAIA_EMBEDDINGS_LOCAL=multilingual and MAIA_EMBEDDINGS_URL are both set: MAIA embeds either "
                    + "in-process or through the server at MAIA_EMBEDDINGS_URL; unset one of them."
            )
        }

        let server = Self.server(&reader)
        let costs = Self.costs(&reader)
        let guardrails = Self.guardrails(&reader)
        let turnTimeout = reader.integer("MAIA_TURN_TIMEOUT", in: 5...3600, default: Self.defaultTurnTimeoutSeconds)
        reader.checkCombinations(llama: llama, experiments: experiments, mem0: mem0)
        if !reader.problems.isEmpty {
            throw ConfigurationError(code: .invalid, problems: reader.problems)
        }
        self.init(
            llama: llama,
            experiments: experiments,
            claude: claude,
            store: store,
            mem0: mem0,
            embedder: embedder,
            memoryPrefetch: reader.choice("MAIA_MEMORY_PREFETCH", default: .auto),
            localFiles: LocalFiles(cacheDirectory: raw["MAIA_CACHE"], modelsDirectory: raw["MAIA_MODELS_DIR"]),
            server: server,
            turnTimeoutSeconds: turnTimeout
        )
        self.costs = costs
        self.guardrails = guardrails
    }
}

/// Reads typed values out of ``RawSettings``, recording a problem (and returning the default) for each bad value.
struct SettingsReader {
    let raw: RawSettings
    var problems: [String] = []

    /// The value as it may be quoted in an error: secrets are never echoed.
    private func shown(_ name: String, _ value: String) -> String {
        SettingSpec.named(name)?.isSecret == true ? "(secret value hidden)" : "\"\(value)\""
    }

    private mutating func reject(_ name: String, _ value: String, accepted: String) {
        let foundAs = raw.values[name]?.foundAs ?? name
        let origin = raw.values[name].map { $0.source == .envFile ? " (from .env)" : "" } ?? ""
        problems.append("\(foundAs)=\(shown(name, value))\(origin) is not accepted: \(accepted).")
    }

    mutating func bool(_ name: String) -> Bool {
        guard let value = raw[name] else { return false }
        switch value.lowercased() {
        case "true", "1", "yes", "on": return true
        case "false", "0", "no", "off": return false
        default:
            reject(name, value, accepted: "use true or false (also accepted: 1/0, yes/no, on/off)")
            return false
        }
    }

    mutating func choice<Choice: RawRepresentable & CaseIterable>(_ name: String, default fallback: Choice) -> Choice
    where Choice.RawValue == String {
        guard let value = raw[name] else { return fallback }
        if let match = Choice.allCases.first(where: { $0.rawValue.lowercased() == value.lowercased() }) {
            return match
        }
        let options = Choice.allCases.map(\.rawValue).joined(separator: ", ")
        reject(name, value, accepted: "it must be one of \(options)")
        return fallback
    }

    mutating func integer(_ name: String, in range: ClosedRange<Int>, default fallback: Int) -> Int {
        guard let value = raw[name] else { return fallback }
        if let number = Int(value), range.contains(number) { return number }
        reject(
            name,
            value,
            accepted: "it must be a whole number from \(range.lowerBound) to \(range.upperBound)"
        )
        return fallback
    }

    mutating func number(_ name: String, in range: ClosedRange<Double>, default fallback: Double) -> Double {
        number(name, in: range) ?? fallback
    }

    /// The setting's number, `nil` when it is unset or not accepted (then recorded as a problem).
    mutating func number(_ name: String, in range: ClosedRange<Double>) -> Double? {
        guard let value = raw[name] else { return nil }
        if let number = Double(value), number.isFinite, range.contains(number) { return number }
        reject(
            name,
            value,
            accepted: "it must be a number from \(range.lowerBound.formatted) to \(range.upperBound.formatted)"
        )
        return nil
    }

    mutating func url(_ name: String) -> URL? {
        guard let value = raw[name] else { return nil }
        if let url = URL(string: value), let scheme = url.scheme?.lowercased(), ["http", "https"].contains(scheme),
            url.host?.isEmpty == false
        {
            return url
        }
        reject(name, value, accepted: "it must be an http:// or https:// URL with a host, e.g. http://localhost:8080")
        return nil
    }

    mutating func postgresURL(_ name: String) -> String? {
        guard let value = raw[name] else { return nil }
        if let url = URL(string: value), let scheme = url.scheme?.lowercased(),
            ["postgres", "postgresql"].contains(scheme), url.host?.isEmpty == false
        {
            return value
        }
        reject(name, value, accepted: "it must be a postgres:// or postgresql:// URL with a host")
        return nil
    }

    mutating func identifier(_ name: String) -> String? {
        guard let value = raw[name] else { return nil }
        if !value.contains(where: \.isWhitespace) { return value }
        reject(name, value, accepted: "it must be a model id without spaces")
        return nil
    }

    mutating func embeddingInputTypes(_ name: String) -> EmbeddingInputTypes? {
        guard let value = raw[name] else { return nil }
        if let types = EmbeddingInputTypes(parsing: value) { return types }
        reject(name, value, accepted: "it must be \(EmbeddingInputTypes.accepted)")
        return nil
    }

    /// An experiment name: also the hashing salt, so it is kept to characters every shell and URL take as they are.
    mutating func experimentName(_ name: String) -> String? {
        guard let value = raw[name] else { return nil }
        if MaiaSettings.isExperimentName(value) { return value }
        reject(name, value, accepted: MaiaSettings.experimentNameRule)
        return nil
    }

    /// Comma-separated ids (user or session ids); blanks around commas and empty items are ignored.
    mutating func idList(_ name: String) -> Set<String> {
        guard let value = raw[name] else { return [] }
        let ids = value.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        if let bad = ids.first(where: { $0.contains(where: \.isWhitespace) || $0.count > 200 }) {
            reject(name, value, accepted: "it must be ids separated by commas, e.g. ana,bob; \"\(bad)\" is not an id")
            return []
        }
        return Set(ids)
    }

    mutating func checkCombinations(
        llama: MaiaSettings.Llama,
        experiments: MaiaSettings.Experiments,
        mem0: MaiaSettings.Mem0
    ) {
        if llama.enabled, llama.deploymentMode == .huggingfaceAPI, llama.huggingFaceAPIKey == nil {
            problems.append(
                "HUGGINGFACE_API_KEY is missing: ENABLE_LLAMA=true with LLAMA_DEPLOYMENT_MODE=huggingface-api needs a "
                    + "Hugging Face token. The modes tgi-local, vllm-local, openai-compatible and local need no key."
            )
        }
        if llama.deploymentMode.needsEndpoint, raw["LLAMA_ENDPOINT"] == nil {
            problems.append(
                "LLAMA_ENDPOINT is missing: LLAMA_DEPLOYMENT_MODE=\(llama.deploymentMode.rawValue) needs the server's "
                    + "base URL, e.g. LLAMA_ENDPOINT=http://localhost:8080."
            )
        }
        if llama.tgiAPI == .generate, llama.deploymentMode != .tgiLocal {
            problems.append(
                "LLAMA_TGI_API=generate needs LLAMA_DEPLOYMENT_MODE=tgi-local (it is \(llama.deploymentMode.rawValue)): "
                    + "only a TGI server has the native /generate_stream API. Unset LLAMA_TGI_API or use messages."
            )
        }
        if experiments.shadowMode, !llama.enabled {
            problems.append("LLAMA_SHADOW_MODE=true needs ENABLE_LLAMA=true: shadow testing runs the Llama engine.")
        }
        if experiments.trafficPercent > 0, !llama.enabled {
            problems.append(
                "LLAMA_TRAFFIC_PERCENT=\(experiments.trafficPercent.formatted) needs ENABLE_LLAMA=true: "
                    + "routing sends that share of traffic to the Llama engine."
            )
        }
        if mem0.enabled, mem0.apiKey == nil {
            problems.append("MEM0_API_KEY is missing: ENABLE_MEM0=true needs a Mem0 Platform API key.")
        }
    }
}

extension Double {
    /// The number without a trailing `.0` for whole values.
    var formatted: String {
        rounded() == self && abs(self) < 1e15 ? String(Int64(self)) : String(self)
    }
}
