public import MaiaCore

/// Builds the JSON body of a raw text-generation request: TGI `/generate` and `/generate_stream`, or the legacy
/// Hugging Face API (PROTOCOLS.md §5, §6). Render the prompt with `Llama31PromptRenderer` first.
///
/// `do_sample` is always explicit (TGI reads a missing key as `false`); `temperature` is sent only when sampling
/// (TGI requires it to be > 0); stop strings go in `stop` (never `stop_sequences`, which TGI silently ignores),
/// at most 4 (TGI's default limit); `return_full_text` is `false` so the prompt is not echoed; `details` is asked
/// for so that usage and the last special token come back.
public enum TextGenerationRequestEncoder {
    /// TGI's default `--max-stop-sequences`.
    public static let maximumStopStrings = 4

    /// The body for `prompt` with `parameters` and `stop`; `legacyHuggingFace` adds the serverless API's
    /// `options` (no cache, wait for the model).
    public static func body(
        prompt: String,
        parameters: GenerationParameters,
        stop: [String],
        legacyHuggingFace: Bool = false
    ) -> JSONValue {
        var options: [String: JSONValue] = [
            "max_new_tokens": .number(Double(parameters.maxTokens)),
            "return_full_text": false,
            "details": true,
        ]
        if let temperature = parameters.temperature, temperature > 0 {
            options["do_sample"] = true
            options["temperature"] = .number(temperature)
        } else {
            options["do_sample"] = false
        }
        if !stop.isEmpty { options["stop"] = .array(stop.prefix(maximumStopStrings).map { .string($0) }) }
        var body: [String: JSONValue] = ["inputs": .string(prompt), "parameters": .object(options)]
        if legacyHuggingFace {
            options["details"] = nil
            body["parameters"] = .object(options)
            body["options"] = ["use_cache": false, "wait_for_model": true]
        }
        return .object(body)
    }
}
