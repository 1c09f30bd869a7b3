import Foundation
import MaiaCore
import MaiaHTTP

/// The keyless `local` engine: SmolLM2 behind a supervised llama.cpp server, spoken to as an OpenAI-compatible
/// server with tools rendered into the prompt (SmolLM2's chat template ignores `tools`).
///
/// Each call makes sure the server runs (starting or restarting it), then streams like `OpenAIChatEngine`.
/// llama-cpp-python 0.3 sends no usage when streaming, even with `stream_options.include_usage`; when none came,
/// the engine reports the server's own counts instead: output tokens are the streamed content chunks (the server
/// sends one token per chunk) and input tokens are the server's tokenization of the system and message texts
/// (`POST /extras/tokenize/count`; the chat template's tokens are not included, so the input count is low). Such
/// counts are marked `isEstimated`; a server that reports usage is passed through as is.
public struct LocalLlamaEngine: ReasoningEngine {
    public let name: String
    public var model: String { LocalLlamaServer.modelAlias }
    public var capabilities: EngineCapabilities {
        EngineCapabilities(toolCalling: .inPrompt, exclusiveServer: "local-llama-\(ObjectIdentifier(server).hashValue)")
    }

    /// The supervised server; stop it on exit.
    public let server: LocalLlamaServer
    let options: HTTPEngineOptions

    /// Creates an engine over `server`.
    public init(name: String = "llama", server: LocalLlamaServer, options: HTTPEngineOptions) {
        self.name = name
        self.server = server
        self.options = options
    }

    public func stream(_ request: EngineRequest) -> EngineEventStream {
        let server = server
        let options = options
        let name = name
        return .producing { continuation in
            let root: URL
            do {
                root = try await server.ensureRunning()
            } catch let error as LocalServerError {
                throw EngineError(code: .connectionFailed, message: error.description, underlying: error)
            }
            let engine = OpenAIChatEngine(
                .init(
                    name: name,
                    baseURL: root,
                    model: LocalLlamaServer.modelAlias,
                    capabilities: EngineCapabilities(toolCalling: .inPrompt)
                ),
                options: options
            )
            var sawUsage = false
            var chunks = 0
            for try await event in engine.stream(request) {
                switch event {
                case .usage: sawUsage = true
                case .textDelta, .toolCall: chunks += 1
                case .finish:
                    if !sawUsage {
                        let input = await Self.countTokens(of: request, at: root, transport: options.transport)
                        continuation.yield(
                            .usage(TokenUsage(inputTokens: input, outputTokens: chunks, isEstimated: true))
                        )
                    }
                }
                continuation.yield(event)
            }
        }
    }

    /// The server's token count of the request's texts, or 0 when it cannot tell.
    static func countTokens(of request: EngineRequest, at root: URL, transport: any HTTPTransport) async -> Int {
        let rendered = ToolPromptRenderer().render(request)
        var texts = [rendered.system]
        for message in rendered.messages {
            switch message {
            case .user(let text), .assistant(let text, _): texts.append(text)
            case .toolResult(let result): texts.append(result.content)
            }
        }
        let body: JSONValue = ["input": .string(texts.joined(separator: "\n"))]
        let request = HTTPRequest(
            url: root.appendingPathComponent("extras/tokenize/count"),
            headers: [("content-type", "application/json")],
            body: Array(body.jsonText.utf8),
            timeout: .seconds(10)
        )
        guard let response = try? await transport.stream(request), response.head.status == 200,
            let bytes = try? await response.collect(limit: 1 << 16),
            let count = StrictJSONParser.parse(bytes)?["count"]?.numberValue, count >= 0, count < 1e9
        else { return 0 }
        return Int(count)
    }
}
