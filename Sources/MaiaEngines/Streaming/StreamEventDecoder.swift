/// Turns one provider's server-sent events into engine events: a pure state machine, one per response.
public protocol StreamEventDecoder: Sendable {
    /// The engine events `event` completes (often none: fragments are buffered until they form a whole).
    mutating func decode(_ event: ServerSentEvent) throws -> [EngineEvent]
    /// Called at the end of the body: the events still owed, or a `truncatedStream` error when the provider
    /// never said the answer was complete.
    mutating func finish() throws -> [EngineEvent]
}
