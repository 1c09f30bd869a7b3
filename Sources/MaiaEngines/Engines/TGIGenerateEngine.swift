public import Foundation
import MaiaCore
import MaiaHTTP

/// Llama 3.1 over raw text generation with our own prompt (`Llama31PromptRenderer`): TGI's native
/// `/generate_stream`, or the legacy Hugging Face text-generation API (PROTOCOLS.md §5–6).
///
/// Stop strings `<|eot_id|>`/`<|eom_id|>` and `do_sample` are always explicit, `return_full_text` is `false`.
/// Tools are written into the prompt by the renderer and calls are parsed from the text (`InPromptToolCallFilter`),
/// so call text never reaches the user. A cold start (503 with `estimated_time`) is waited for, within the retry
/// policy's `maxRequestedDelay`, and retried.
public struct TGIGenerateEngine: ReasoningEngine {
    /// Which raw-generation API the engine talks to.
    public enum Endpoint: Sendable, Hashable {
        /// A TGI server at this root: `POST {root}/generate_stream`.
        case tgi(URL)
        /// The legacy Hugging Face API at this model URL (`https://api-inference.huggingface.co/models/<id>`),
        /// with `"stream": true` and the serverless `options`.
        case legacyHuggingFace(URL)
    }

    /// The engine's settings.
    public struct Configuration: Sendable {
        /// A short name for logs and reports.
        public var name: String
        /// Where to send requests.
        public var endpoint: Endpoint
        /// The model id, for reports and the catalog (TGI serves one model whatever the id).
        public var model: String
        /// A bearer token, when the server wants one (`HUGGINGFACE_API_KEY` for the legacy API).
        public var apiKey: String?
        /// Renders the Llama 3.1 prompt; `nil` renders with today's date at each call.
        public var renderer: Llama31PromptRenderer?

        /// Creates a configuration.
        public init(
            name: String = "llama",
            endpoint: Endpoint,
            model: String,
            apiKey: String? = nil,
            renderer: Llama31PromptRenderer? = nil
        ) {
            self.name = name
            self.endpoint = endpoint
            self.model = model
            self.apiKey = apiKey
            self.renderer = renderer
        }

        /// The legacy Hugging Face API URL for `model`.
        public static func legacyHuggingFaceURL(model: String) -> URL {
            URL(string: "https://api-inference.huggingface.co/models/\(model)")!
        }
    }

    public var name: String { configuration.name }
    public var model: String { configuration.model }
    public let capabilities = EngineCapabilities(toolCalling: .inPrompt)

    let configuration: Configuration
    let exchange: HTTPEngineExchange

    /// Creates an engine sending through `options.transport`.
    public init(_ configuration: Configuration, options: HTTPEngineOptions) {
        self.configuration = configuration
        exchange = HTTPEngineExchange(options: options)
    }

    /// The URL requests go to.
    public var generateURL: URL {
        switch configuration.endpoint {
        case .tgi(let root): EndpointPath.appending(["generate_stream"], to: root)
        case .legacyHuggingFace(let url): url
        }
    }

    public func stream(_ request: EngineRequest) -> EngineEventStream {
        let renderer = configuration.renderer ?? Llama31PromptRenderer(today: Date())
        let prompt = renderer.render(request)
        let legacy: Bool
        if case .legacyHuggingFace = configuration.endpoint { legacy = true } else { legacy = false }
        var body = TextGenerationRequestEncoder.body(
            prompt: prompt,
            parameters: request.parameters,
            stop: renderer.stopStrings(for: request),
            legacyHuggingFace: legacy
        )
        if legacy, case .object(var fields) = body {
            fields["stream"] = true
            body = .object(fields)
        }
        let url = generateURL
        let headers = configuration.apiKey.map { [("authorization", "Bearer \($0)")] } ?? []
        let exchange = exchange
        let sent = body
        return .producing { continuation in
            try await exchange.stream(
                { .post(url, json: sent, headers: headers) },
                events: { InPromptToolCallFilter(HTTPEngineExchange.events($0, decoder: TGIGenerateStreamDecoder())) },
                yield: { continuation.yield($0) }
            )
        }
    }
}
