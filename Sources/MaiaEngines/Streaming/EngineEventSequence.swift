/// Engine events decoded from an asynchronous sequence of byte chunks: SSE framing, then a provider decoder.
///
/// An event that only the end of the body completed (no blank line after it) and that the decoder cannot read
/// is reported as `.truncatedStream`: the body was cut, rather than the provider being wrong.
public struct EngineEventSequence<Base: AsyncSequence, Decoder: StreamEventDecoder>: AsyncSequence
where Base.Element: Sequence, Base.Element.Element == UInt8 {
    public typealias Element = EngineEvent

    let base: Base
    let decoder: Decoder

    /// Decodes `base` with `decoder`.
    public init(_ base: Base, decoder: Decoder) {
        self.base = base
        self.decoder = decoder
    }

    public func makeAsyncIterator() -> Iterator {
        Iterator(base: base.makeAsyncIterator(), decoder: decoder)
    }

    /// The iterator; after an error it returns `nil`.
    public struct Iterator: AsyncIteratorProtocol {
        var base: Base.AsyncIterator
        var decoder: Decoder
        var parser = ServerSentEventParser()
        var frames: [ServerSentEvent] = []
        var pending: [EngineEvent] = []
        var head = 0
        var ended = false
        /// An error met while decoding a chunk, thrown once the events decoded before it are delivered.
        var failure: (any Error)?

        public mutating func next() async throws -> EngineEvent? {
            while true {
                if head < pending.count {
                    head += 1
                    return pending[head - 1]
                }
                if let failure {
                    self.failure = nil
                    ended = true
                    throw failure
                }
                if ended { return nil }
                head = 0
                pending.removeAll(keepingCapacity: true)
                do {
                    try await decodeNextChunk()
                } catch {
                    ended = true
                    throw error
                }
            }
        }

        private mutating func decodeNextChunk() async throws {
            frames.removeAll(keepingCapacity: true)
            if let chunk = try await base.next() {
                parser.feed(chunk, into: &frames)
                for frame in frames {
                    do {
                        pending += try decoder.decode(frame)
                    } catch {
                        failure = error
                        return
                    }
                }
                return
            }
            ended = true
            parser.finish(into: &frames)
            for frame in frames {
                do {
                    pending += try decoder.decode(frame)
                } catch let error as EngineError where error.code == .malformedResponse {
                    failure = EngineError(
                        code: .truncatedStream,
                        message: "The stream ended in the middle of an event.",
                        underlying: error
                    )
                    return
                } catch {
                    failure = error
                    return
                }
            }
            do {
                pending += try decoder.finish()
            } catch {
                failure = error
            }
        }
    }
}

extension AsyncSequence where Element: Sequence, Element.Element == UInt8 {
    /// The engine events in this response body, decoded by `decoder` (Anthropic, OpenAI-style or TGI).
    public func engineEvents<Decoder: StreamEventDecoder>(
        decodedBy decoder: Decoder
    ) -> EngineEventSequence<Self, Decoder> {
        EngineEventSequence(self, decoder: decoder)
    }
}
