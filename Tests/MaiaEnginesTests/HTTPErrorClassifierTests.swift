import MaiaCore
import MaiaEngines
import MaiaTesting
import Testing

/// One error response and the code it must map to.
struct ErrorCase: Sendable, CustomTestStringConvertible {
    let label: String
    let status: Int
    let body: String
    let code: EngineError.Code
    var headers: [String: String] = [:]
    var retryAfter: Duration?
    var testDescription: String { label }
}

@Suite("HTTP error responses become actionable engine errors; retries are bounded")
struct HTTPErrorClassifierTests {
    static let cases: [ErrorCase] = [
        ErrorCase(
            label: "Anthropic bad key",
            status: 401,
            body:
                #"{"type":"error","error":{"type":"authentication_error","message":"invalid x-api-key"},"request_id":"req_1"}"#,
            code: .authenticationFailed
        ),
        ErrorCase(
            label: "Anthropic overloaded 529",
            status: 529,
            body: #"{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}"#,
            code: .overloaded
        ),
        ErrorCase(
            label: "Anthropic 429 with retry-after",
            status: 429,
            body: #"{"type":"error","error":{"type":"rate_limit_error","message":"rate limited"}}"#,
            code: .rateLimited,
            headers: ["Retry-After": "7"],
            retryAfter: .seconds(7)
        ),
        ErrorCase(
            label: "retry-after-ms wins over retry-after",
            status: 429,
            body: #"{"error":{"message":"Rate limit reached","type":"requests","code":"rate_limit_exceeded"}}"#,
            code: .rateLimited,
            headers: ["retry-after-ms": "1500", "retry-after": "9"],
            retryAfter: .milliseconds(1500)
        ),
        ErrorCase(
            label: "Anthropic prompt too long",
            status: 400,
            body:
                #"{"type":"error","error":{"type":"invalid_request_error","message":"prompt is too long: 210000 tokens > 200000 maximum"}}"#,
            code: .contextTooLong
        ),
        ErrorCase(
            label: "vLLM context length",
            status: 400,
            body:
                #"{"object":"error","message":"This model's maximum context length is 8192 tokens. However, you requested 9000 tokens.","type":"BadRequestError","param":null,"code":400}"#,
            code: .contextTooLong
        ),
        ErrorCase(
            label: "vLLM without auto tool choice",
            status: 400,
            body:
                #"{"error":{"message":"\"auto\" tool choice requires --enable-auto-tool-choice and --tool-call-parser to be set","type":"BadRequestError","param":null,"code":400}}"#,
            code: .serverMisconfigured
        ),
        ErrorCase(
            label: "unknown model",
            status: 404,
            body:
                #"{"error":{"message":"The model `llama-9` does not exist.","type":"NotFoundError","param":null,"code":404}}"#,
            code: .modelNotFound
        ),
        ErrorCase(
            label: "TGI validation",
            status: 422,
            body:
                #"{"error":"Input validation error: `temperature` must be strictly positive","error_type":"validation"}"#,
            code: .invalidRequest
        ),
        ErrorCase(
            label: "HF cold start 503",
            status: 503,
            body: #"{"error":"Model meta-llama/Llama-3.1-8B-Instruct is currently loading","estimated_time":20.0}"#,
            code: .modelLoading,
            retryAfter: .seconds(20)
        ),
        ErrorCase(
            label: "cold start body on HTTP 200",
            status: 200,
            body: #"{"error":"Model x is currently loading"}"#,
            code: .modelLoading
        ),
        ErrorCase(label: "gateway timeout without a body", status: 504, body: "", code: .timedOut),
        ErrorCase(label: "HTML 502 from a proxy", status: 502, body: "<html>Bad Gateway</html>", code: .providerError),
        ErrorCase(
            label: "Ollama plain error",
            status: 400,
            body: #"{"error":"invalid options"}"#,
            code: .invalidRequest
        ),
    ]

    @Test("each provider error body maps to a code that names the cause", arguments: cases)
    func classifies(_ row: ErrorCase) {
        let error = HTTPErrorClassifier.error(status: row.status, headers: row.headers, body: Array(row.body.utf8))
        #expect(error.code == row.code)
        #expect(error.httpStatus == row.status)
        #expect(error.retryAfter == row.retryAfter)
        #expect(!error.message.isEmpty)
    }

    @Test("retries: retryable codes back off exponentially with jitter, capped, and stop after maxRetries")
    func backoff() throws {
        let policy = RetryPolicy(maxRetries: 5, initialBackoff: .milliseconds(500), maxBackoff: .seconds(2))
        var generator = SeededGenerator(seed: 42)
        let overloaded = EngineError(code: .overloaded, message: "x")
        var delays: [Duration] = []
        for retry in 0..<5 {
            delays.append(try #require(policy.delay(beforeRetry: retry, after: overloaded, using: &generator)))
        }
        let ceilings: [Duration] = [.milliseconds(500), .seconds(1), .seconds(2), .seconds(2), .seconds(2)]
        for (delay, ceiling) in zip(delays, ceilings) {
            #expect(delay <= ceiling)
            #expect(delay >= ceiling * 0.75)
        }
        #expect(policy.delay(beforeRetry: 5, after: overloaded, using: &generator) == nil)
    }

    @Test("retries honour the provider's delay up to a bound, and never retry client errors")
    func decisions() {
        let policy = RetryPolicy(maxRequestedDelay: .seconds(30))
        var generator = SeededGenerator(seed: 1)
        let limited = EngineError(code: .rateLimited, message: "x", retryAfter: .seconds(7))
        #expect(policy.delay(beforeRetry: 0, after: limited, using: &generator) == .seconds(7))
        let loading = EngineError(code: .modelLoading, message: "x", retryAfter: .seconds(300))
        #expect(policy.delay(beforeRetry: 0, after: loading, using: &generator) == .seconds(30))
        for code in [
            EngineError.Code.invalidRequest, .authenticationFailed, .modelNotFound, .contextTooLong,
            .serverMisconfigured, .malformedResponse, .truncatedStream,
        ] {
            #expect(
                policy.delay(beforeRetry: 0, after: EngineError(code: code, message: "x"), using: &generator) == nil
            )
        }
        let told = EngineError(code: .invalidRequest, message: "x")
        #expect(policy.delay(beforeRetry: 0, after: told, shouldRetryHeader: true, using: &generator) != nil)
        let forbidden = EngineError(code: .overloaded, message: "x")
        #expect(policy.delay(beforeRetry: 0, after: forbidden, shouldRetryHeader: false, using: &generator) == nil)
    }
}
