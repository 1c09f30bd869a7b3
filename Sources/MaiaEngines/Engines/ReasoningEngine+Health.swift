import Foundation
import MaiaCore
import MaiaHTTP
import MaiaInference

extension ClaudeEngine {
    /// Probes `GET {base}/v1/models` with the key: lists the models the key can use and checks `CLAUDE_MODEL`.
    public func checkHealth() async -> EngineHealth {
        await EngineHealthProbe.probe(
            EndpointPath.appending(["v1", "models"], to: configuration.baseURL),
            headers: authHeaders,
            model: configuration.model,
            modelSetting: "CLAUDE_MODEL",
            transport: exchange.options.transport,
            timeout: exchange.options.timeout
        )
        .redacted(by: exchange.options.redactor)
    }
}

extension OpenAIChatEngine {
    /// Probes `GET {base}/v1/models` and looks for the configured model.
    public func checkHealth() async -> EngineHealth {
        await EngineHealthProbe.probe(
            modelsURL,
            headers: authHeaders,
            model: configuration.model,
            transport: exchange.options.transport,
            timeout: exchange.options.timeout
        )
        .redacted(by: exchange.options.redactor)
    }
}

extension TGIGenerateEngine {
    /// Probes TGI's `GET {root}/info` and compares its `model_id` with the configured model (which sets the
    /// context window and prices); the legacy Hugging Face API has no probe and is reported as unchecked.
    public func checkHealth() async -> EngineHealth {
        switch configuration.endpoint {
        case .tgi(let root):
            return await EngineHealthProbe.probe(
                EndpointPath.appending(["info"], to: root),
                headers: configuration.apiKey.map { [("authorization", "Bearer \($0)")] } ?? [],
                model: configuration.model,
                listedModels: { $0["model_id"]?.stringValue.map { [$0] } },
                transport: exchange.options.transport,
                timeout: exchange.options.timeout
            )
            .redacted(by: exchange.options.redactor)
        case .legacyHuggingFace:
            return EngineHealth(ok: true, reachable: true, detail: "legacy Hugging Face API: not probed")
        }
    }
}

extension LocalLlamaEngine {
    /// Starts the local server if needed (model files present, process answering) and probes `GET /v1/models`.
    public func checkHealth() async -> EngineHealth {
        let clock = ContinuousClock()
        let start = clock.now
        let root: URL
        do {
            root = try await server.ensureRunning()
        } catch {
            return EngineHealth(
                ok: false,
                reachable: false,
                modelPresent: false,
                detail: "the local llama.cpp server did not start",
                remedy: "\(error)"
            )
        }
        var health = await EngineHealthProbe.probe(
            EndpointPath.appending(["v1", "models"], to: root),
            model: LocalLlamaServer.modelAlias,
            transport: options.transport,
            timeout: options.timeout
        )
        .redacted(by: options.redactor)
        health.detail += ", started in \(start.duration(to: clock.now))"
        return health
    }
}

extension EngineHealth {
    /// The health with configured secrets removed from what the provider said.
    func redacted(by redactor: SecretRedactor) -> EngineHealth {
        var health = self
        health.detail = redactor.redact(detail)
        health.remedy = remedy.map(redactor.redact)
        return health
    }
}

extension InProcessLlamaEngine {
    /// Loads the model file if no turn has yet (on a thread of its own, like generations: mapping and parsing it is
    /// blocking work) and reports its shape; a missing or unreadable file is reported with the command that fetches it.
    public func checkHealth() async -> EngineHealth {
        let host = host
        let clock = ContinuousClock()
        let start = clock.now
        let loaded: Result<LlamaModel, EngineError> = await withCheckedContinuation { continuation in
            Thread { continuation.resume(returning: Result { () throws(EngineError) in try host.model() }) }.start()
        }
        switch loaded {
        case .success(let model):
            let shape = model.hyperparameters
            return EngineHealth(
                ok: true,
                reachable: true,
                modelPresent: true,
                latency: start.duration(to: clock.now),
                detail: "in-process, \(shape.blockCount) blocks, \(InferenceKernels.current) kernels, \(host.path)"
            )
        case .failure(let error):
            return EngineHealth(
                ok: false,
                reachable: false,
                modelPresent: false,
                detail: error.message,
                remedy: "Run `scripts/setup.sh run` to fetch the SmolLM2 model (or set MAIA_MODELS_DIR to its folder)."
            )
        }
    }
}
