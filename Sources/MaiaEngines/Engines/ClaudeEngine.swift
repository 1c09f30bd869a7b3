public import Foundation
import MaiaCore
import MaiaHTTP

/// Claude over the Anthropic Messages API (PROTOCOLS.md §1), streamed: text, parallel tool calls, usage with
/// cache counts, every stop reason, `ping` and mid-stream `error` events.
///
/// Sends `x-api-key` and `anthropic-version: 2023-06-01`. Retries (408, 409, 429 honouring `retry-after`, 529,
/// 5xx, refused or reset connections, a stream that breaks before any text) happen only while nothing reached the
/// consumer; other failures become `EngineError`s naming the cause. The key never appears in an error or log.
public struct ClaudeEngine: ReasoningEngine {
    /// The engine's settings.
    public struct Configuration: Sendable {
        /// The API key (`ANTHROPIC_API_KEY`).
        public var apiKey: String
        /// The API root without `/v1` (`ANTHROPIC_BASE_URL`, default `https://api.anthropic.com`).
        public var baseURL: URL
        /// The model id (`CLAUDE_MODEL`).
        public var model: String

        /// Creates a configuration.
        public init(
            apiKey: String,
            baseURL: URL = URL(string: "https://api.anthropic.com")!,
            model: String = "claude-sonnet-4-5"
        ) {
            self.apiKey = apiKey
            self.baseURL = baseURL
            self.model = model
        }
    }

    /// The `anthropic-version` header value.
    public static let apiVersion = "2023-06-01"

    public let name = "claude"
    public var model: String { configuration.model }
    public let capabilities = EngineCapabilities(toolCalling: .native)

    let configuration: Configuration
    let exchange: HTTPEngineExchange

    /// Creates an engine sending through `options.transport`.
    public init(_ configuration: Configuration, options: HTTPEngineOptions) {
        self.configuration = configuration
        exchange = HTTPEngineExchange(options: options)
    }

    /// `POST {base}/v1/messages`.
    public var messagesURL: URL { EndpointPath.appending(["v1", "messages"], to: configuration.baseURL) }

    public func stream(_ request: EngineRequest) -> EngineEventStream {
        let body = AnthropicRequestEncoder.body(for: request, model: configuration.model, stream: true)
        let url = messagesURL
        let headers = authHeaders
        let exchange = exchange
        return .producing { continuation in
            try await exchange.stream(
                { .post(url, json: body, headers: headers) },
                events: { HTTPEngineExchange.events($0, decoder: AnthropicStreamDecoder()) },
                yield: { continuation.yield($0) }
            )
        }
    }

    var authHeaders: [(name: String, value: String)] {
        [("x-api-key", configuration.apiKey), ("anthropic-version", Self.apiVersion)]
    }
}
