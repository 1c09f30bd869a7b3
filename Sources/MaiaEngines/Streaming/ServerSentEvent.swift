/// One server-sent event, as dispatched by `ServerSentEventParser`.
public struct ServerSentEvent: Sendable, Hashable {
    /// The `event:` name, or `nil` when the event had none (the default type, "message").
    public var event: String?
    /// The `data:` lines joined with `\n`.
    public var data: String
    /// The last `id:` seen so far in the stream, or `nil`.
    public var id: String?
    /// The `retry:` delay in milliseconds, when this event set one.
    public var retry: Int?
    /// Fields outside the SSE standard (old llama.cpp sends `error: {...}`), by name; the last value wins.
    public var otherFields: [String: String]

    /// Creates an event.
    public init(
        event: String? = nil,
        data: String,
        id: String? = nil,
        retry: Int? = nil,
        otherFields: [String: String] = [:]
    ) {
        self.event = event
        self.data = data
        self.id = id
        self.retry = retry
        self.otherFields = otherFields
    }
}
