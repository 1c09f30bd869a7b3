extension SettingSpec {
    static let costs: [SettingSpec] = [
        .init(
            "MAIA_MODEL_CATALOG",
            default: nil,
            group: "Model prices and limits",
            purpose: "Your own model catalogue (JSON, the format of the built-in model-catalog.json); its entries add "
                + "models or replace built-in ones by id.",
            accepted: "a file path"
        ),
        .init(
            "LLAMA_USD_PER_MILLION_INPUT",
            default: nil,
            group: "Model prices and limits",
            purpose: "The Llama engine's price per 1M prompt tokens (with LLAMA_USD_PER_MILLION_OUTPUT), e.g. a "
                + "provider's list price; overrides the catalogue.",
            accepted: "a number from 0 to 10000"
        ),
        .init(
            "LLAMA_USD_PER_MILLION_OUTPUT",
            default: nil,
            group: "Model prices and limits",
            purpose: "The Llama engine's price per 1M generated tokens (with LLAMA_USD_PER_MILLION_INPUT).",
            accepted: "a number from 0 to 10000"
        ),
        .init(
            "LLAMA_GPU_USD_PER_HOUR",
            default: nil,
            group: "Model prices and limits",
            purpose: "A self-hosted Llama's GPU price per hour (all its GPUs); with LLAMA_TOKENS_PER_SECOND it "
                + "becomes a per-token cost.",
            accepted: "a number from 0 to 100000"
        ),
        .init(
            "LLAMA_TOKENS_PER_SECOND",
            default: nil,
            group: "Model prices and limits",
            purpose: "The self-hosted deployment's measured throughput at its usual load, prompt + generated tokens "
                + "per second (e.g. vLLM's benchmark 'total token throughput').",
            accepted: "a number from 0.001 to 10000000"
        ),
    ]
}
