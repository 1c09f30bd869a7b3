/// The server-sent events in an asynchronous sequence of byte chunks (an HTTP body), however it is split.
public struct ServerSentEventSequence<Base: AsyncSequence>: AsyncSequence
where Base.Element: Sequence, Base.Element.Element == UInt8 {
    public typealias Element = ServerSentEvent

    let base: Base

    /// Parses the events in `base`.
    public init(_ base: Base) {
        self.base = base
    }

    public func makeAsyncIterator() -> Iterator {
        Iterator(base: base.makeAsyncIterator())
    }

    /// The iterator; see `ServerSentEventSequence`.
    public struct Iterator: AsyncIteratorProtocol {
        var base: Base.AsyncIterator
        var parser = ServerSentEventParser()
        var pending: [ServerSentEvent] = []
        var head = 0
        var ended = false

        public mutating func next() async throws -> ServerSentEvent? {
            while true {
                if head < pending.count {
                    head += 1
                    return pending[head - 1]
                }
                if ended { return nil }
                pending.removeAll(keepingCapacity: true)
                head = 0
                if let chunk = try await base.next() {
                    parser.feed(chunk, into: &pending)
                } else {
                    ended = true
                    parser.finish(into: &pending)
                }
            }
        }
    }
}

extension AsyncSequence where Element: Sequence, Element.Element == UInt8 {
    /// The server-sent events in this sequence of byte chunks.
    public func serverSentEvents() -> ServerSentEventSequence<Self> {
        ServerSentEventSequence(self)
    }
}
