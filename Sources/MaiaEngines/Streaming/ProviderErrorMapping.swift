import MaiaCore

/// Maps providers' error payloads to `EngineError`s.
enum ProviderErrorMapping {
    /// The error for a provider error type (`overloaded_error`, `rate_limit_error`, OpenAI's `type`) and message.
    static func error(type: String?, message: String?, status: Int? = nil) -> EngineError {
        HTTPErrorClassifier.error(status: status, type: type, message: message)
    }

    /// The error in a JSON error payload: `{"error": {"message", "type", "code"}}`, `{"error": "text",
    /// "error_type": "kind"}` or vLLM's flat `{"object": "error", "message", "type", "code"}`; `nil` when
    /// `payload` is not an error.
    static func error(in payload: JSONValue) -> EngineError? {
        if let nested = payload["error"] {
            switch nested {
            case .object:
                let status = (nested["http_status_code"] ?? nested["code"])?.numberValue.map { Int($0) }
                return error(type: nested["type"]?.stringValue, message: nested["message"]?.stringValue, status: status)
            case .string(let message):
                return error(type: payload["error_type"]?.stringValue, message: message)
            default:
                return nil
            }
        }
        if payload["object"] == .string("error") {
            let status = payload["code"]?.numberValue.map { Int($0) }
            return error(type: payload["type"]?.stringValue, message: payload["message"]?.stringValue, status: status)
        }
        return nil
    }

    /// A `malformedResponse` error naming what was wrong (never the payload, which may hold user text).
    static func malformed(_ what: String) -> EngineError {
        EngineError(code: .malformedResponse, message: "The provider's stream was malformed: \(what).")
    }
}
