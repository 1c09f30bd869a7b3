public import Foundation
import MaiaCore
import MaiaHTTP

/// A model behind an OpenAI-compatible chat-completions server (PROTOCOLS.md §2–3): the Hugging Face router, vLLM,
/// TGI's Messages API, Ollama, llama.cpp, LM Studio.
///
/// Streams with `stream_options.include_usage`. With `.native` tool calling the tools go in the request and calls
/// come back structured (and a call vLLM left in `content` is not recovered here: use `.inPrompt` for such
/// servers). With `.inPrompt` the tools are rendered into the system prompt by `ToolPromptRenderer`, no `tools`
/// are sent, and calls are parsed out of the text by `InPromptToolCallFilter`, so call text never reaches the user.
public struct OpenAIChatEngine: ReasoningEngine {
    /// The engine's settings.
    public struct Configuration: Sendable {
        /// A short name for logs and reports.
        public var name: String
        /// The server root, with or without `/v1` (`https://router.huggingface.co/v1`, `http://127.0.0.1:8000`).
        public var baseURL: URL
        /// The model id sent in every request (a `:provider` suffix is passed through for the HF router).
        public var model: String
        /// A bearer token, when the server wants one.
        public var apiKey: String?
        /// Whether the server's template honours `tools`.
        public var capabilities: EngineCapabilities

        /// Creates a configuration.
        public init(
            name: String = "llama",
            baseURL: URL,
            model: String,
            apiKey: String? = nil,
            capabilities: EngineCapabilities = EngineCapabilities(toolCalling: .native)
        ) {
            self.name = name
            self.baseURL = baseURL
            self.model = model
            self.apiKey = apiKey
            self.capabilities = capabilities
        }

        /// The Hugging Face Inference Providers router.
        public static let huggingFaceRouter = URL(string: "https://router.huggingface.co/v1")!
    }

    public var name: String { configuration.name }
    public var model: String { configuration.model }
    public var capabilities: EngineCapabilities { configuration.capabilities }

    let configuration: Configuration
    let exchange: HTTPEngineExchange

    /// Creates an engine sending through `options.transport`.
    public init(_ configuration: Configuration, options: HTTPEngineOptions) {
        self.configuration = configuration
        exchange = HTTPEngineExchange(options: options)
    }

    /// `POST {base}/v1/chat/completions`.
    public var chatCompletionsURL: URL {
        EndpointPath.appending(["v1", "chat", "completions"], to: configuration.baseURL)
    }

    /// `GET {base}/v1/models`, used by health checks.
    public var modelsURL: URL { EndpointPath.appending(["v1", "models"], to: configuration.baseURL) }

    public func stream(_ request: EngineRequest) -> EngineEventStream {
        let inPrompt = configuration.capabilities.toolCalling == .inPrompt
        let sent = inPrompt ? ToolPromptRenderer().render(request) : request
        let body = OpenAIChatRequestEncoder.body(for: sent, model: configuration.model, stream: true)
        let url = chatCompletionsURL
        let headers = authHeaders
        let exchange = exchange
        return .producing { continuation in
            let make = { HTTPRequest.post(url, json: body, headers: headers) }
            let yield = { (event: EngineEvent) in _ = continuation.yield(event) }
            if inPrompt {
                try await exchange.stream(
                    make,
                    events: {
                        InPromptToolCallFilter(HTTPEngineExchange.events($0, decoder: OpenAIChatStreamDecoder()))
                    },
                    yield: yield
                )
            } else {
                try await exchange.stream(
                    make,
                    events: { HTTPEngineExchange.events($0, decoder: OpenAIChatStreamDecoder()) },
                    yield: yield
                )
            }
        }
    }

    var authHeaders: [(name: String, value: String)] {
        configuration.apiKey.map { [("authorization", "Bearer \($0)")] } ?? []
    }
}
