import Foundation
import MaiaConfig
import MaiaEngines
import MaiaHTTP

/// The engines configured by the settings: the primary (Claude, or the local model without a key) and the Llama
/// engine per `LLAMA_DEPLOYMENT_MODE`.
struct EngineSet {
    /// The engine that answers users.
    let primary: any ReasoningEngine
    /// Claude, when `ANTHROPIC_API_KEY` is set.
    let claude: ClaudeEngine?
    /// The Llama engine of `LLAMA_DEPLOYMENT_MODE`.
    let llama: any ReasoningEngine
    /// The supervised local server, when an engine uses it; stop it before exiting.
    let localServer: LocalLlamaServer?
    /// Said once at start when the primary falls back to the local model.
    let notice: String?

    /// Stops the local server, if one was started.
    func shutdown() async {
        await localServer?.stop()
    }
}

/// Builds engines from validated settings. Nothing starts until an engine is called.
enum EngineFactory {
    static let noKeyNotice = "No ANTHROPIC_API_KEY: the primary engine is the local SmolLM2 model"

    static func make(
        _ settings: MaiaSettings,
        transport: any HTTPTransport = AsyncHTTPTransport(),
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws -> EngineSet {
        let options = HTTPEngineOptions(transport: transport)
        var localServer: LocalLlamaServer?
        func local() -> LocalLlamaEngine {
            let server =
                localServer
                ?? LocalLlamaServer(
                    .installed(cache: LocalLlamaServer.Configuration.cacheFolder(environment: environment)),
                    transport: transport
                )
            localServer = server
            return LocalLlamaEngine(server: server, options: options)
        }
        let llama = try llamaEngine(settings.llama, options: options, local: local)
        let claude = settings.claude.apiKey.map {
            ClaudeEngine(
                .init(apiKey: $0, baseURL: settings.claude.baseURL, model: settings.claude.model),
                options: options
            )
        }
        let primary: any ReasoningEngine = claude ?? (llama as? LocalLlamaEngine ?? local())
        return EngineSet(
            primary: primary,
            claude: claude,
            llama: llama,
            localServer: localServer,
            notice: claude == nil ? noKeyNotice : nil
        )
    }

    private static func llamaEngine(
        _ llama: MaiaSettings.Llama,
        options: HTTPEngineOptions,
        local: () -> LocalLlamaEngine
    ) throws -> any ReasoningEngine {
        func endpoint() throws -> URL {
            guard let url = llama.endpoint else {
                throw CLIError(
                    "LLAMA_ENDPOINT is missing: LLAMA_DEPLOYMENT_MODE=\(llama.deploymentMode.rawValue) needs the server's base URL"
                )
            }
            return url
        }
        switch llama.deploymentMode {
        case .huggingfaceAPI:
            return OpenAIChatEngine(
                .init(
                    baseURL: OpenAIChatEngine.Configuration.huggingFaceRouter,
                    model: llama.model,
                    apiKey: llama.huggingFaceAPIKey
                ),
                options: options
            )
        case .tgiLocal where llama.tgiAPI == .generate:
            return TGIGenerateEngine(.init(endpoint: .tgi(try endpoint()), model: llama.model), options: options)
        case .tgiLocal, .vllmLocal, .openAICompatible:
            return OpenAIChatEngine(
                .init(baseURL: try endpoint(), model: llama.model),
                options: options
            )
        case .local:
            return local()
        }
    }
}
