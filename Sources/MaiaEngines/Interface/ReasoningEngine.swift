/// The stream of typed events an engine produces for one call.
public typealias EngineEventStream = AsyncThrowingStream<EngineEvent, any Error>

/// A language model behind one provider protocol (Anthropic, OpenAI-compatible, TGI, a local server).
///
/// The work (the HTTP request) starts when `stream(_:)` is called and stops when the consumer goes away: when
/// the consuming task is cancelled, or when the consumer stops iterating and the stream value is released.
/// Events produced before the first `next()` are buffered. Build streams with `EngineEventStream.producing(_:)`
/// to get that behaviour.
public protocol ReasoningEngine: Sendable {
    /// A short name for logs and reports (`claude`, `llama`).
    var name: String { get }
    /// The model id sent to the provider; also the key into the `ModelCatalog`.
    var model: String { get }
    /// What the engine's server can do.
    var capabilities: EngineCapabilities { get }
    /// Streams the model's answer to `request` as typed events, ending with `.finish`.
    func stream(_ request: EngineRequest) -> EngineEventStream
}

extension AsyncThrowingStream where Element == EngineEvent, Failure == any Error {
    /// A stream whose events come from `produce`, run in a child task that is cancelled as soon as the consumer
    /// goes away (its task is cancelled, or every copy of the stream is released).
    ///
    /// `produce` yields events through the continuation; returning finishes the stream, throwing fails it.
    public static func producing(
        _ produce: @escaping @Sendable (Continuation) async throws -> Void
    ) -> AsyncThrowingStream<EngineEvent, any Error> {
        AsyncThrowingStream { continuation in
            let task = Task {
                do {
                    try await produce(continuation)
                    continuation.finish()
                } catch {
                    continuation.finish(throwing: error)
                }
            }
            continuation.onTermination = { _ in task.cancel() }
        }
    }
}
