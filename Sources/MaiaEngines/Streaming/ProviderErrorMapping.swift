import MaiaCore

/// Maps providers' error payloads to `EngineError`s.
enum ProviderErrorMapping {
    /// The error for a provider error type (`overloaded_error`, `rate_limit_error`, OpenAI's `type`) and message.
    static func error(type: String?, message: String?, status: Int? = nil) -> EngineError {
        let text = message.map { $0.isEmpty ? "no message" : $0 } ?? "no message"
        let code: EngineError.Code
        switch (type ?? "", status ?? 0) {
        case ("overloaded_error", _), (_, 529), (_, 503): code = .overloaded
        case ("rate_limit_error", _), ("rate_limit_exceeded", _), (_, 429): code = .rateLimited
        case ("invalid_request_error", _), ("authentication_error", _), ("permission_error", _),
            ("not_found_error", _), ("request_too_large", _), ("billing_error", _), ("BadRequestError", _),
            ("validation", _), (_, 400..<429), (_, 430..<500):
            code = .invalidRequest
        default: code = .providerError
        }
        return EngineError(code: code, message: "The provider reported an error: \(text)", providerErrorType: type)
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
