import MaiaCore

/// Turns a non-2xx provider response into an `EngineError` a user can act on, for every provider's error body
/// (Anthropic, OpenAI, vLLM flat, TGI, Hugging Face cold start).
///
/// The code names the cause: bad key (401/403), unknown model or URL (404), context too long (a 400/413/422 whose
/// message says so), vLLM without `--enable-auto-tool-choice`, rate limit (429), overload (529, 503), cold start
/// (a body with `estimated_time` or "is currently loading", whatever the status), timeouts (408, 504), conflicts
/// (409, retried like a server error), other 5xx.
/// `retryAfter` comes from `retry-after-ms`, then `retry-after` (seconds), then `estimated_time`.
public enum HTTPErrorClassifier {
    /// The error for a response with `status`, `headers` (names in any case) and `body`.
    public static func error(status: Int, headers: [String: String], body: [UInt8]) -> EngineError {
        let payload = StrictJSONParser.parse(body)
        let object = payload?.arrayValue?.first ?? payload
        let details = providerDetails(object)
        let retryAfter = retryDelay(headers: headers) ?? estimatedTime(object)
        let loading = object?["estimated_time"] != nil
        return error(
            status: status,
            type: details.type,
            message: details.message,
            loading: loading,
            retryAfter: retryAfter
        )
    }

    /// The error for a provider error with an optional HTTP status (mid-stream errors have none).
    static func error(
        status: Int?,
        type: String?,
        message: String?,
        loading: Bool = false,
        retryAfter: Duration? = nil
    ) -> EngineError {
        let text = message.map { $0.isEmpty ? "no error message" : $0 } ?? "no error message"
        let (code, advice) = classify(status: status, type: type, message: text.lowercased(), loading: loading)
        return EngineError(
            code: code,
            message: "\(advice) Provider said: \(text)",
            providerErrorType: type,
            httpStatus: status,
            retryAfter: retryAfter
        )
    }

    private static func classify(
        status: Int?,
        type: String?,
        message: String,
        loading: Bool
    ) -> (EngineError.Code, String) {
        if loading || message.contains("is currently loading") {
            return (.modelLoading, "The model is loading (cold start); retry after the estimated time.")
        }
        if message.contains("enable-auto-tool-choice") {
            return (
                .serverMisconfigured,
                "The vLLM server needs --enable-auto-tool-choice --tool-call-parser llama3_json for tool calls."
            )
        }
        if [nil, 400, 413, 422].contains(status), mentionsContextLength(message) {
            return (
                .contextTooLong,
                "The prompt and max tokens exceed the model's context window; shorten the context or lower max tokens."
            )
        }
        switch (status, type) {
        case (_, "overloaded_error"), (529, _), (503, _):
            return (.overloaded, "The provider is overloaded; retry later.")
        case (_, "rate_limit_error"), (_, "rate_limit_exceeded"), (429, _):
            return (.rateLimited, "The provider rate-limited this key; retry after the indicated delay.")
        case (401, _), (403, _), (_, "authentication_error"), (_, "permission_error"):
            return (
                .authenticationFailed, "The provider rejected the API key; check the key configured for this engine."
            )
        case (404, _), (_, "not_found_error"), (_, "NotFoundError"):
            return (.modelNotFound, "The model or endpoint was not found; check the model id and the base URL.")
        case (408, _), (504, _), (_, "timeout_error"):
            return (.timedOut, "The provider timed out; retry, or stream long requests.")
        case (409, _):
            // Anthropic's and OpenAI's SDKs retry 409 (a lock or a concurrent request on the provider's side).
            return (.providerError, "The provider reported a conflict (HTTP 409); retry.")
        case (.some(400..<500), _), (_, "invalid_request_error"), (_, "BadRequestError"), (_, "validation"),
            (_, "request_too_large"), (_, "billing_error"):
            return (.invalidRequest, "The provider rejected the request.")
        default:
            return (.providerError, "The provider failed with a server error; retry later.")
        }
    }

    private static func providerDetails(_ payload: JSONValue?) -> (message: String?, type: String?) {
        guard let payload else { return (nil, nil) }
        switch payload["error"] {
        case .object?:
            let type = payload["error"]?["type"]?.stringValue ?? payload["error"]?["code"]?.stringValue
            return (payload["error"]?["message"]?.stringValue, type)
        case .string(let message)?:
            return (message, payload["error_type"]?.stringValue)
        default:
            return (payload["message"]?.stringValue ?? payload["detail"]?.stringValue, payload["type"]?.stringValue)
        }
    }

    private static func mentionsContextLength(_ message: String) -> Bool {
        [
            "context length", "context window", "maximum context", "prompt is too long", "too many tokens",
            "input is too long", "`max_new_tokens` must be <=", "context size", "exceeds the maximum",
        ]
        .contains { message.contains($0) }
    }

    private static func estimatedTime(_ payload: JSONValue?) -> Duration? {
        guard let seconds = payload?["estimated_time"]?.numberValue, seconds >= 0, seconds < 86_400 else { return nil }
        return .milliseconds(Int64(seconds * 1000))
    }

    /// The delay asked for by `retry-after-ms` (milliseconds) or `retry-after` (whole or decimal seconds); HTTP
    /// dates are not honoured.
    public static func retryDelay(headers: [String: String]) -> Duration? {
        var lowered: [String: String] = [:]
        for (name, value) in headers { lowered[name.lowercased()] = value.trimmingWhitespace }
        if let text = lowered["retry-after-ms"], let milliseconds = Double(text), milliseconds >= 0,
            milliseconds < 86_400_000
        {
            return .milliseconds(Int64(milliseconds))
        }
        if let text = lowered["retry-after"], let seconds = Double(text), seconds >= 0, seconds < 86_400 {
            return .milliseconds(Int64(seconds * 1000))
        }
        return nil
    }
}
