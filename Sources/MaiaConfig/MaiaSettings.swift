public import Foundation
public import MaiaCore

/// The validated configuration of one MAIA process, grouped per component.
public struct MaiaSettings: Sendable {
    /// Where the Llama engine runs (`LLAMA_DEPLOYMENT_MODE`).
    public enum LlamaDeploymentMode: String, Sendable, CaseIterable {
        case huggingfaceAPI = "huggingface-api"
        case tgiLocal = "tgi-local"
        case vllmLocal = "vllm-local"
        case openAICompatible = "openai-compatible"
        case local
        /// SmolLM2 run inside MAIA's process by `MaiaInference` (no Python, no child server).
        case inProcess = "in-process"

        /// Whether the mode talks to a server the user runs at `LLAMA_ENDPOINT`.
        public var needsEndpoint: Bool { [.tgiLocal, .vllmLocal, .openAICompatible].contains(self) }
    }

    /// Which API of a TGI server `tgi-local` uses (`LLAMA_TGI_API`).
    public enum TGIAPI: String, Sendable, CaseIterable {
        /// The OpenAI-compatible Messages API, `/v1/chat/completions` (TGI renders the prompt, tools by grammar).
        case messages
        /// Native `/generate_stream` with MAIA's Llama 3.1 prompt rendering and tool-call parsing.
        case generate
    }

    /// The Llama 3.1 size that maps to a Meta model id (`LLAMA_MODEL_SIZE`).
    public enum LlamaModelSize: String, Sendable, CaseIterable {
        case b8 = "8B"
        case b70 = "70B"
        case b405 = "405B"
    }

    /// What sticky routing assignment is keyed on (`LLAMA_ROUTING_UNIT`).
    public enum RoutingUnit: String, Sendable, CaseIterable {
        case user
        case session
    }

    /// The Llama engine's settings.
    public struct Llama: Sendable {
        public var enabled: Bool
        public var deploymentMode: LlamaDeploymentMode
        public var modelSize: LlamaModelSize
        /// The explicit `LLAMA_MODEL`, if any.
        public var explicitModel: String?
        public var huggingFaceAPIKey: String?
        public var endpoint: URL?
        /// The TGI API used in `tgi-local` mode.
        public var tgiAPI: TGIAPI
        public var maxTokens: Int
        /// `LLAMA_TEMPERATURE`; `nil` when unset, so the model catalogue's temperature for the model applies.
        public var temperature: Double?
        /// CPU threads of the local llama.cpp server, for generation and prompt processing (`LLAMA_LOCAL_THREADS`).
        public var localThreads: Int = MaiaSettings.defaultLocalThreads

        /// The model id to request: `LLAMA_MODEL` when set, otherwise the Meta id for the size.
        public var model: String { explicitModel ?? "meta-llama/Llama-3.1-\(modelSize.rawValue)-Instruct" }
    }

    /// Shadow testing and percentage routing.
    public struct Experiments: Sendable {
        public var shadowMode: Bool
        public var shadowLogPath: String
        public var trafficPercent: Double
        public var routingUnit: RoutingUnit
        /// The routing experiment's name, also its hashing salt (`LLAMA_EXPERIMENT`).
        public var experimentName: String = MaiaSettings.defaultExperimentName
        /// Units always served by Llama (`LLAMA_FORCE_CANDIDATE`) and always by Claude (`LLAMA_FORCE_CONTROL`).
        public var forceCandidate: Set<String> = []
        public var forceControl: Set<String> = []
    }

    /// The Claude engine's settings.
    public struct Claude: Sendable {
        public var apiKey: String?
        public var baseURL: URL
        public var model: String
    }

    /// Which canonical store to open.
    public enum Store: Sendable, Equatable {
        case sqlite(path: String)
        case postgres(url: String)
    }

    /// The optional Mem0 mirror.
    public struct Mem0: Sendable {
        public var enabled: Bool
        public var apiKey: String?
        public var baseURL: URL
    }

    /// When the agent prefetches memory for the model (`MAIA_MEMORY_PREFETCH`).
    public enum MemoryPrefetch: String, Sendable, CaseIterable {
        case auto
        case always
        case never
    }

    /// Which embedder to use.
    public enum Embedder: Sendable, Equatable {
        /// all-MiniLM-L6-v2 in-process (English).
        case localMiniLM
        /// MiniLM joined with multilingual-e5-small, both in-process (`MAIA_EMBEDDINGS_LOCAL=multilingual`).
        case localMultilingual
        case http(url: URL, model: String?, inputTypes: EmbeddingInputTypes?)
    }

    /// The in-process embedders `MAIA_EMBEDDINGS_LOCAL` chooses between.
    public enum LocalEmbedder: String, Sendable, CaseIterable {
        case minilm
        case multilingual
    }

    /// Folders of local files, as set; unset values follow the defaults of `scripts/lib.sh`.
    public struct LocalFiles: Sendable {
        public var cacheDirectory: String?
        public var modelsDirectory: String?

        /// The environment-style view that model loaders resolve folders from: the process environment with
        /// these settings (which may come from `.env`) on top.
        public func environment(over base: [String: String]) -> [String: String] {
            var merged = base
            if let cacheDirectory { merged["MAIA_CACHE"] = cacheDirectory }
            if let modelsDirectory { merged["MAIA_MODELS_DIR"] = modelsDirectory }
            return merged
        }
    }

    public var llama: Llama
    public var experiments: Experiments
    public var claude: Claude
    public var store: Store
    public var mem0: Mem0
    public var embedder: Embedder
    public var memoryPrefetch: MemoryPrefetch = .auto
    public var localFiles: LocalFiles
    public var server: Server
    /// Tolerated increases over control before the routed share is rolled back (`LLAMA_GUARDRAIL_*`).
    public var guardrails = Guardrails()
    /// The longest a turn's engines may take, fallbacks and retries included (`MAIA_TURN_TIMEOUT`, seconds).
    public var turnTimeoutSeconds: Int = MaiaSettings.defaultTurnTimeoutSeconds
    public var costs = Costs()

    /// `MAIA_TURN_TIMEOUT`'s default: long enough for a tool-using Claude turn with a retry, short enough that a
    /// dead provider and its fallback cannot hold a person for minutes.
    public static let defaultTurnTimeoutSeconds = 180
    /// `LLAMA_LOCAL_THREADS`'s default: on the 2-core benchmark machine under load one thread processed prompts
    /// about twice as fast as two (README, "Local model threads").
    public static let defaultLocalThreads = 1
    /// `LLAMA_EXPERIMENT`'s default.
    public static let defaultExperimentName = "llama-rollout"
}

extension MaiaSettings {
    /// What an experiment name may be, for error messages.
    public static let experimentNameRule =
        "it must be 1 to 64 letters, digits, '-', '_' or '.', e.g. llama-rollout"

    /// Whether `name` is a valid experiment name (`LLAMA_EXPERIMENT`, `maia experiment --experiment`).
    public static func isExperimentName(_ name: String) -> Bool {
        (1...64).contains(name.count)
            && name.unicodeScalars.allSatisfy {
                $0.isASCII
                    && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || "-_.".unicodeScalars.contains($0))
            }
    }
}
