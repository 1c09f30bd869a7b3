public import Foundation
public import MaiaCore
public import MaiaHTTP

/// The outcome of probing one engine's server: reachable, model present, latency, and a remedy when failing.
public struct EngineHealth: Sendable {
    /// Whether the engine can serve calls.
    public var ok: Bool
    /// Whether the server answered at all.
    public var reachable: Bool
    /// Whether the configured model is served, when the server says (`nil` when unknown).
    public var modelPresent: Bool?
    /// How long the probe took.
    public var latency: Duration?
    /// What was found, in one line.
    public var detail: String
    /// What to do when failing.
    public var remedy: String?
    /// The model ids the server (and key) offers, when it lists them.
    public var models: [String] = []

    /// Creates a health outcome.
    public init(
        ok: Bool,
        reachable: Bool,
        modelPresent: Bool? = nil,
        latency: Duration? = nil,
        detail: String,
        remedy: String? = nil
    ) {
        self.ok = ok
        self.reachable = reachable
        self.modelPresent = modelPresent
        self.latency = latency
        self.detail = detail
        self.remedy = remedy
    }
}

/// Probes engine servers without generating: `GET /v1/models` (Anthropic, OpenAI-compatible, llama.cpp) or TGI's
/// `GET /info`, mapping failures to the seed's troubleshooting remedies. Keys go in headers only and never appear
/// in the outcome.
public enum EngineHealthProbe {
    /// The model ids of an OpenAI-style `GET /v1/models` answer (`data[].id`).
    public static let openAIModelList: @Sendable (JSONValue) -> [String]? = {
        $0["data"]?.arrayValue?.compactMap { $0["id"]?.stringValue }
    }

    /// Probes `url` with `headers`; when `model` is given it must be among the ids `listedModels` reads from the
    /// answer (an OpenAI-style `data[].id` list by default; an alias such as `claude-sonnet-4-5` matches its dated
    /// snapshots), and a Meta Llama id must name an Instruct model. `modelSetting` names the variable to fix.
    /// Engines pass their own request timeout: a short fixed bound failed health checks of a loaded machine.
    public static func probe(
        _ url: URL,
        headers: [(name: String, value: String)] = [],
        model: String? = nil,
        modelSetting: String = "LLAMA_MODEL",
        listedModels: @Sendable (JSONValue) -> [String]? = openAIModelList,
        transport: any HTTPTransport,
        timeout: Duration = .seconds(15)
    ) async -> EngineHealth {
        let clock = ContinuousClock()
        let start = clock.now
        let response: HTTPStreamingResponse
        do {
            response = try await transport.stream(
                HTTPRequest(method: "GET", url: url, headers: headers, timeout: timeout)
            )
        } catch {
            return EngineHealth(
                ok: false,
                reachable: false,
                detail: "cannot reach \(url.host ?? "the server"): \(error.message)",
                remedy: "Start the server or check the URL (LLAMA_ENDPOINT / ANTHROPIC_BASE_URL)."
            )
        }
        let body = (try? await response.collect(limit: 8 << 20)) ?? []
        let latency = start.duration(to: clock.now)
        let status = response.head.status
        guard (200..<300).contains(status) else {
            var headerMap: [String: String] = [:]
            for header in response.head.headers { headerMap[header.name.lowercased()] = header.value }
            let error = HTTPErrorClassifier.error(status: status, headers: headerMap, body: body)
            return EngineHealth(
                ok: false,
                reachable: true,
                latency: latency,
                detail: "HTTP \(status): \(error.code)",
                remedy: remedy(for: error)
            )
        }
        var present: Bool?
        var listed: [String] = []
        if let model, let ids = StrictJSONParser.parse(body).flatMap(listedModels) {
            let bare = model.split(separator: ":").first.map(String.init) ?? model
            present = ids.contains { $0 == model || $0 == bare || ModelCatalog.alias(of: $0) == bare }
            listed = ids
        }
        if present == false, let model {
            let closest = closest(to: model, in: listed)
            let served = listed.isEmpty ? "" : "; it serves \(listed.joined(separator: ", "))"
            var health = EngineHealth(
                ok: false,
                reachable: true,
                modelPresent: false,
                latency: latency,
                detail:
                    "the server does not list \(model)\(closest.map { ", the closest it has is \($0)" } ?? "")\(served)",
                remedy: closest.map { "Set \(modelSetting)=\($0), or another model from the list." }
                    ?? "Check \(modelSetting) (an Instruct model is required, e.g. meta-llama/Llama-3.1-8B-Instruct)."
            )
            health.models = listed
            return health
        }
        if let model, model.hasPrefix("meta-llama/"), !model.contains("Instruct") {
            return EngineHealth(
                ok: false,
                reachable: true,
                modelPresent: present,
                latency: latency,
                detail: "\(model) is a base model",
                remedy: "An Instruct model is required, e.g. meta-llama/Llama-3.1-8B-Instruct."
            )
        }
        var health = EngineHealth(
            ok: true,
            reachable: true,
            modelPresent: present,
            latency: latency,
            detail: "HTTP \(status)" + (listed.isEmpty ? "" : "; models: \(listed.joined(separator: ", "))")
        )
        health.models = listed
        return health
    }

    /// The listed id sharing the longest prefix with `model` (the first listed wins a tie: providers list newest
    /// first), or `nil` when none shares even its first word.
    static func closest(to model: String, in ids: [String]) -> String? {
        func shared(_ id: String) -> Int { zip(id, model).prefix { $0 == $1 }.count }
        let best = ids.enumerated().max { (shared($0.element), -$0.offset) < (shared($1.element), -$1.offset) }
        guard let best, let firstWord = model.split(separator: "-").first,
            shared(best.element) > firstWord.count
        else { return nil }
        return best.element
    }

    /// The seed's troubleshooting advice for `error`.
    public static func remedy(for error: EngineError) -> String {
        switch error.code {
        case .authenticationFailed: "The key was rejected: check ANTHROPIC_API_KEY or HUGGINGFACE_API_KEY."
        case .modelNotFound:
            "Model or URL not found: check the model id (an Instruct model is required) and the base URL."
        case .modelLoading: "Cold start: the model is loading; retry in a minute."
        case .contextTooLong: "Context too long: lower LLAMA_MAX_TOKENS or shorten the conversation."
        case .serverMisconfigured:
            "Start vLLM with --enable-auto-tool-choice --tool-call-parser llama3_json."
        case .rateLimited, .overloaded: "The provider is busy or rate-limiting; retry later."
        case .providerError:
            "The server failed; if it ran out of memory, use a smaller model or a shorter context (--n_ctx, --max-model-len)."
        default: error.message
        }
    }
}
