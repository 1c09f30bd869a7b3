public import Foundation
import MaiaCore
import MaiaInference
import Synchronization

/// The keyless engine run inside MAIA's process (`LLAMA_DEPLOYMENT_MODE=in-process`): a GGUF Llama-architecture
/// model (SmolLM2 by default) evaluated by `MaiaInference`, with no Python and no child server.
///
/// Tools are rendered into the prompt (`ToolPromptRenderer`) and recovered from the text (`InPromptToolCallFilter`),
/// as for the llama.cpp server. The prompt follows the chat template the file declares. Generation runs on a thread
/// of its own, never on Swift's cooperative pool; turns that arrive together are queued (one generation at a time
/// per engine, first come first served in practice), so callers may overlap freely (`exclusiveServer` is `nil`).
/// Usage is counted exactly: input tokens are the rendered prompt's, output tokens the generated ones.
public struct InProcessLlamaEngine: ReasoningEngine {
    /// How to run the model.
    public struct Configuration: Sendable {
        /// The GGUF file.
        public var model: URL
        /// Worker threads for the forward pass (`LLAMA_LOCAL_THREADS`).
        public var threads: Int
        /// The context window in tokens.
        public var contextSize: Int
        /// Sampling temperature when a request sets none (llama-cpp-python's chat default).
        public var defaultTemperature: Double
        /// Nucleus mass.
        public var topP: Double
        /// Seed of the sampler; `nil` draws one per request.
        public var seed: UInt64?
        /// Penalty on the last 64 generated tokens (1 for none); llama-cpp-python's server default, so that both
        /// keyless modes decode alike (`Sampler`).
        public var repeatPenalty: Double

        /// Creates a configuration.
        public init(
            model: URL,
            threads: Int = max(1, ProcessInfo.processInfo.activeProcessorCount / 2),
            contextSize: Int = 8192,
            defaultTemperature: Double = 0.2,
            topP: Double = 0.95,
            seed: UInt64? = nil,
            repeatPenalty: Double = 1.1
        ) {
            self.model = model
            self.threads = threads
            self.contextSize = contextSize
            self.defaultTemperature = defaultTemperature
            self.topP = topP
            self.seed = seed
            self.repeatPenalty = repeatPenalty
        }
    }

    public let name: String
    public var model: String { Self.modelAlias }
    public var capabilities: EngineCapabilities { EngineCapabilities(toolCalling: .inPrompt) }
    /// The model id reported (the same as the llama.cpp server's, so catalogue entries apply to both).
    public static let modelAlias = "SmolLM2-135M-Instruct"

    let configuration: Configuration
    let host: InProcessModelHost

    /// Creates an engine; the model is loaded on the first call.
    public init(name: String = "llama", configuration: Configuration) {
        self.name = name
        self.configuration = configuration
        self.host = InProcessModelHost(path: configuration.model.path)
    }

    public func stream(_ request: EngineRequest) -> EngineEventStream {
        let configuration = configuration
        let host = host
        return .producing { continuation in
            let (raw, rawContinuation) = AsyncThrowingStream<EngineEvent, any Error>.makeStream()
            let cancelled = CancellationFlag()
            let job = InProcessGeneration(
                request: ToolPromptRenderer().render(request),
                configuration: configuration,
                host: host,
                cancelled: cancelled,
                output: rawContinuation
            )
            let thread = Thread { job.run() }
            thread.name = "maia-in-process-llama"
            thread.start()
            try await withTaskCancellationHandler {
                for try await event in InPromptToolCallFilter(raw) { continuation.yield(event) }
            } onCancel: {
                cancelled.set()
            }
        }
    }
}

/// Set once when the consumer went away; the generation thread checks it between tokens.
final class CancellationFlag: Sendable {
    private let value = Atomic<Bool>(false)
    func set() { value.store(true, ordering: .relaxed) }
    var isSet: Bool { value.load(ordering: .relaxed) }
}

/// Loads the model once, on the first generation thread that needs it, and serialises generations.
final class InProcessModelHost: Sendable {
    let path: String
    private let loaded = Mutex<LlamaModel?>(nil)
    /// Held for the whole of one generation: turns that arrive together wait their turn on their own threads.
    let turn = Mutex<Int>(0)

    init(path: String) {
        self.path = path
    }

    /// The model, loading it on first use.
    func model() throws(EngineError) -> LlamaModel {
        try loaded.withLock { (model: inout LlamaModel?) throws(EngineError) -> LlamaModel in
            if let model { return model }
            do {
                let fresh = try LlamaModel(path: path)
                model = fresh
                return fresh
            } catch {
                throw EngineError(
                    code: .connectionFailed,
                    message:
                        "the in-process model cannot be loaded: \((error as? InferenceError)?.message ?? "\(error)")",
                    underlying: error
                )
            }
        }
    }
}
