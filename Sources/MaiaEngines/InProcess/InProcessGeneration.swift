import MaiaInference
import Synchronization

/// One request's generation on the in-process model, run synchronously on a dedicated thread: renders the chat
/// prompt, evaluates it, samples until an end token, `maxTokens`, a stop string or cancellation, and yields
/// `.textDelta`, `.usage` and `.finish` events (calls are parsed by the engine's `InPromptToolCallFilter`).
struct InProcessGeneration: Sendable {
    let request: EngineRequest
    let configuration: InProcessLlamaEngine.Configuration
    let host: InProcessModelHost
    let cancelled: CancellationFlag
    let output: AsyncThrowingStream<EngineEvent, any Error>.Continuation

    func run() {
        do {
            try host.turn.withLock { _ throws(EngineError) in try generate() }
            output.finish()
        } catch {
            output.finish(throwing: error)
        }
    }

    /// The chat messages of the (already tool-rendered) request, system first.
    static func messages(of request: EngineRequest) -> [ChatTemplate.Message] {
        var messages: [ChatTemplate.Message] = []
        if !request.system.isEmpty { messages.append(.init(role: "system", content: request.system)) }
        for message in request.messages {
            switch message {
            case .user(let text): messages.append(.init(role: "user", content: text))
            case .assistant(let text, _): messages.append(.init(role: "assistant", content: text))
            case .toolResult(let result): messages.append(.init(role: "user", content: result.content))
            }
        }
        return messages
    }

    private func generate() throws(EngineError) {
        guard !cancelled.isSet else { return }
        let model = try host.model()
        let prompt = model.tokenizer.encode(
            model.chatTemplate.render(Self.messages(of: request)),
            addSpecial: true,
            parseSpecial: true
        )
        let parameters = request.parameters
        guard parameters.maxTokens > 0 else {
            throw EngineError(
                code: .invalidRequest,
                message: "max tokens is \(parameters.maxTokens); it must be positive"
            )
        }
        guard prompt.count < configuration.contextSize else {
            throw EngineError(
                code: .contextTooLong,
                message:
                    "the prompt is \(prompt.count) tokens; the in-process context holds \(configuration.contextSize)"
            )
        }
        var sampler: Sampler
        let session: LlamaSession
        do {
            sampler = try Sampler(
                temperature: Float(parameters.temperature ?? configuration.defaultTemperature),
                topP: Float(configuration.topP),
                seed: configuration.seed ?? UInt64.random(in: .min ... .max),
                repeatPenalty: Float(configuration.repeatPenalty)
            )
            session = try LlamaSession(
                model: model,
                contextSize: configuration.contextSize,
                threads: configuration.threads
            )
        } catch {
            throw EngineError(code: .invalidRequest, message: error.message, underlying: error)
        }
        var text = StopSequenceText(stops: parameters.stop)
        var generated = 0
        var reason = FinishReason.maxTokens
        do {
            var logits = try session.evaluate(prompt)
            let budget = min(parameters.maxTokens, configuration.contextSize - prompt.count)
            while generated < budget {
                if cancelled.isSet { return }
                let token = sampler.next(logits)
                if model.tokenizer.isEndOfGeneration(token) {
                    reason = .endTurn
                    break
                }
                generated += 1
                let (delta, stopped) = text.append(model.tokenizer.bytes(of: token))
                if !delta.isEmpty { output.yield(.textDelta(delta)) }
                if stopped {
                    reason = .stopSequence
                    break
                }
                if generated < budget { logits = try session.evaluate([token]) }
            }
        } catch {
            throw EngineError(code: .providerError, message: "in-process generation failed: \(error.message)")
        }
        if reason != .stopSequence {
            let rest = text.flush()
            if !rest.isEmpty { output.yield(.textDelta(rest)) }
        }
        output.yield(.usage(TokenUsage(inputTokens: prompt.count, outputTokens: generated)))
        output.yield(.finish(reason))
    }
}
