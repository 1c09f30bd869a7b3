import Foundation
public import MaiaConfig
public import MaiaCore
public import MaiaEngines
public import MaiaHTTP

/// The engines configured by the settings: the primary (Claude, or the local model without a key: in-process unless
/// `LLAMA_DEPLOYMENT_MODE=local`) and the Llama engine per `LLAMA_DEPLOYMENT_MODE`.
public struct EngineSet: Sendable {
    /// The engine that answers users.
    public let primary: any ReasoningEngine
    /// Claude, when `ANTHROPIC_API_KEY` is set.
    public let claude: ClaudeEngine?
    /// The Llama engine of `LLAMA_DEPLOYMENT_MODE`.
    public let llama: any ReasoningEngine
    /// The supervised local server, when an engine uses it; stop it before exiting.
    public let localServer: LocalLlamaServer?
    /// Said once at start when the primary falls back to the local model.
    public let notice: String?
    /// Limits and prices: the built-in catalogue, the user's file and the Llama engine's configured price.
    public let catalog: ModelCatalog

    /// Stops the local server, if one was started.
    public func shutdown() async {
        await localServer?.stop()
    }
}

/// Builds engines from validated settings. Nothing starts until an engine is called.
public enum EngineFactory {
    public static let noKeyNotice = "No ANTHROPIC_API_KEY: the primary engine is the local SmolLM2 model"

    /// The engines of `settings`; the local model's files are looked up under `paths`. Waits of a few seconds or
    /// more (retries, `retry-after`) are said through `announce` as they happen.
    public static func make(
        _ settings: MaiaSettings,
        paths: LocalPaths,
        transport: any HTTPTransport = AsyncHTTPTransport(),
        announce: @escaping @Sendable (String) -> Void = { _ in }
    ) throws(AppError) -> EngineSet {
        let options = HTTPEngineOptions(
            transport: transport,
            redactor: settings.secretRedactor,
            announce: announce
        )
        var localServer: LocalLlamaServer?
        func local() -> LocalLlamaEngine {
            var configuration = LocalLlamaServer.Configuration.installed(paths)
            configuration.threads = settings.llama.localThreads
            let server = localServer ?? LocalLlamaServer(configuration, transport: transport)
            localServer = server
            return LocalLlamaEngine(server: server, options: options)
        }
        func inProcess() -> InProcessLlamaEngine {
            InProcessLlamaEngine(
                configuration: .init(
                    model: LocalLlamaServer.Configuration.installed(paths).model,
                    threads: settings.llama.localThreads
                )
            )
        }
        let llama = try llamaEngine(settings.llama, options: options, local: local, inProcess: inProcess)
        let claude = settings.claude.apiKey.map {
            ClaudeEngine(
                .init(apiKey: $0, baseURL: settings.claude.baseURL, model: settings.claude.model),
                options: options
            )
        }
        // Without a key the local model answers: the llama.cpp server when LLAMA_DEPLOYMENT_MODE=local chose it, else
        // the in-process runtime (as fast as llama.cpp or faster, with the same greedy tokens, and nothing to
        // install or supervise: docs/in-process-inference.md).
        let primary: any ReasoningEngine =
            claude ?? (llama as? LocalLlamaEngine).map { $0 as any ReasoningEngine }
            ?? (llama as? InProcessLlamaEngine ?? inProcess())
        return EngineSet(
            primary: primary,
            claude: claude,
            llama: llama,
            localServer: localServer,
            notice: claude == nil ? noKeyNotice : nil,
            catalog: try catalog(settings, llamaModel: llama.model)
        )
    }

    /// The built-in catalogue, then `MAIA_MODEL_CATALOG`'s entries, then the Llama engine's configured price.
    public static func catalog(_ settings: MaiaSettings, llamaModel: String) throws(AppError) -> ModelCatalog {
        var catalog = ModelCatalog.builtIn
        if let path = settings.costs.catalogFile {
            do {
                catalog = catalog.merging(try ModelCatalog(contentsOf: URL(fileURLWithPath: path)))
            } catch {
                throw AppError("MAIA_MODEL_CATALOG: \(error.description)")
            }
        }
        guard let price = settings.costs.llama else { return catalog }
        guard var info = catalog.info(for: llamaModel) else {
            throw AppError(
                "The Llama engine's price is set but the catalogue does not know its model \"\(llamaModel)\" (context "
                    + "window, output limit): add it to a MAIA_MODEL_CATALOG file, with its price there."
            )
        }
        let pricing: ModelPricing =
            switch price {
            case .perMillion(let input, let output): .perMillion(input: input, output: output)
            case .gpuHour(let hourly, let throughput): .gpuHour(usdPerHour: hourly, tokensPerSecond: throughput)
            }
        (info.inputPricePerMillion, info.outputPricePerMillion) = pricing.perMillion
        info.id = llamaModel
        catalog.register(info)
        return catalog
    }

    private static func llamaEngine(
        _ llama: MaiaSettings.Llama,
        options: HTTPEngineOptions,
        local: () -> LocalLlamaEngine,
        inProcess: () -> InProcessLlamaEngine
    ) throws(AppError) -> any ReasoningEngine {
        func endpoint() throws(AppError) -> URL {
            guard let url = llama.endpoint else {
                throw AppError(
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
        case .inProcess:
            return inProcess()
        }
    }
}
