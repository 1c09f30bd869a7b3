import Foundation
import MaiaCore
import MaiaHTTP

/// Sends one engine request with retries, and maps every failure to a redacted `EngineError`.
///
/// A non-2xx response is read (bounded), classified with `HTTPErrorClassifier` and retried when the policy says
/// so. A 2xx stream that breaks (or reports a retryable provider error) before any text or tool call was delivered
/// is retried too: nothing reached the consumer, so nothing is shown twice. Once content was delivered, a failure
/// ends the stream. Messages never contain headers (keys), bodies sent, or any configured secret.
struct HTTPEngineExchange: Sendable {
    let options: HTTPEngineOptions

    /// Streams the events that `events` decodes from the response to the request `make` builds (called once per
    /// attempt), passing them to `yield`. Events before the first content (usage, a finish without text) are held
    /// back until content arrives or the stream ends, so that an attempt that fails early leaves no trace.
    func stream<Events: AsyncSequence>(
        _ make: () throws -> HTTPRequest,
        events: (HTTPStreamingResponse) -> Events,
        yield: (EngineEvent) -> Void
    ) async throws where Events.Element == EngineEvent {
        var retry = 0
        while true {
            let request = try make()
            let response = try await send(request, retry: &retry)
            var held: [EngineEvent] = []
            var delivered = false
            do {
                for try await event in events(response) {
                    if delivered {
                        yield(event)
                    } else if event.isContent {
                        delivered = true
                        held.forEach(yield)
                        held = []
                        yield(event)
                    } else {
                        held.append(event)
                    }
                }
                held.forEach(yield)
                return
            } catch is CancellationError {
                throw CancellationError()
            } catch {
                let failure = redacted(Self.engineError(error))
                // A cut stream is retryable only while nothing was shown; `shouldRetry` overrides the policy's
                // "never retry truncation" for exactly that case.
                let retryable =
                    !delivered && (failure.code == .truncatedStream || options.retryPolicy.isRetryable(failure))
                guard retryable else { throw failure }
                try await wait(before: &retry, after: failure, url: request.url, shouldRetry: true)
            }
        }
    }

    /// The successful response to `request`, retrying failed attempts up to the response head.
    func send(_ request: HTTPRequest, retry: inout Int) async throws -> HTTPStreamingResponse {
        var request = request
        request.timeout = options.timeout
        while true {
            try Task.checkCancellation()
            let failure: EngineError
            var shouldRetryHeader: Bool?
            do {
                let response = try await options.transport.stream(request)
                if (200..<300).contains(response.head.status) { return response }
                let body = (try? await response.collect(limit: 1 << 20)) ?? []
                var headers: [String: String] = [:]
                for header in response.head.headers { headers[header.name.lowercased()] = header.value }
                failure = redacted(
                    HTTPErrorClassifier.error(status: response.head.status, headers: headers, body: body)
                )
                shouldRetryHeader = headers["x-should-retry"].flatMap { Bool($0.lowercased()) }
            } catch {
                failure = redacted(Self.engineError(error))
            }
            try await wait(before: &retry, after: failure, url: request.url, shouldRetry: shouldRetryHeader)
        }
    }

    /// Waits before retry number `retry` (then counts it), announcing long waits, or throws `failure` when the
    /// policy gives up.
    private func wait(before retry: inout Int, after failure: EngineError, url: URL, shouldRetry: Bool?) async throws {
        var generator = SystemRandomNumberGenerator()
        guard
            let delay = options.retryPolicy.delay(
                beforeRetry: retry,
                after: failure,
                shouldRetryHeader: shouldRetry,
                using: &generator
            )
        else { throw failure }
        retry += 1
        if delay >= HTTPEngineOptions.announcedWait {
            let status = failure.httpStatus.map { ", HTTP \($0)" } ?? ""
            let seconds = Int((delay.milliseconds / 1000).rounded())
            options.announce(
                "\(url.host ?? "the provider") failed (\(failure.code)\(status)); waiting \(seconds) s before retry "
                    + "\(retry) of \(options.retryPolicy.maxRetries)"
            )
        }
        try await options.sleep(delay)
    }

    /// `error` with configured secrets removed from its message.
    func redacted(_ error: EngineError) -> EngineError {
        let message = options.redactor.redact(error.message)
        guard message != error.message else { return error }
        return EngineError(
            code: error.code,
            message: message,
            providerErrorType: error.providerErrorType,
            httpStatus: error.httpStatus,
            retryAfter: error.retryAfter,
            underlying: error.underlying
        )
    }

    /// The engine events of a successful streaming response, decoded by `decoder`; transport failures in the
    /// middle of the body become `EngineError`s (`timedOut`, or `truncatedStream` when the connection broke).
    static func events<D: StreamEventDecoder>(
        _ response: HTTPStreamingResponse,
        decoder: D
    ) -> some AsyncSequence<EngineEvent, any Error> {
        MappedErrors(base: response.body.engineEvents(decodedBy: decoder))
    }

    /// `error` as an `EngineError`.
    static func engineError(_ error: any Error) -> EngineError {
        if let error = error as? EngineError { return error }
        if let error = error as? HTTPError {
            switch error.code {
            case .timeout: return EngineError(code: .timedOut, message: error.message, underlying: error)
            case .invalidRequest: return EngineError(code: .invalidRequest, message: error.message, underlying: error)
            default: return EngineError(code: .connectionFailed, message: error.message, underlying: error)
            }
        }
        return EngineError(
            code: .connectionFailed,
            message: "The request failed: \(type(of: error))",
            underlying: error
        )
    }
}

/// Maps transport errors thrown by a body while streaming to `EngineError`s.
struct MappedErrors<Base: AsyncSequence>: AsyncSequence where Base.Element == EngineEvent {
    typealias Element = EngineEvent
    let base: Base

    func makeAsyncIterator() -> Iterator { Iterator(base: base.makeAsyncIterator()) }

    struct Iterator: AsyncIteratorProtocol {
        var base: Base.AsyncIterator

        mutating func next() async throws -> EngineEvent? {
            do {
                return try await base.next()
            } catch let error as EngineError {
                throw error
            } catch let error as HTTPError where error.code == .timeout {
                throw EngineError(code: .timedOut, message: error.message, underlying: error)
            } catch is CancellationError {
                throw CancellationError()
            } catch {
                throw EngineError(
                    code: .truncatedStream,
                    message: "The connection broke before the answer was complete.",
                    underlying: error
                )
            }
        }
    }
}

extension EngineEvent {
    /// Whether the event is something a person sees (text) or that acts (a tool call).
    var isContent: Bool {
        switch self {
        case .textDelta(let text): !text.isEmpty
        case .toolCall: true
        case .usage, .finish: false
        }
    }
}

extension HTTPRequest {
    /// A JSON POST of `body` to `url` with `headers`.
    static func post(_ url: URL, json body: JSONValue, headers: [(name: String, value: String)]) -> HTTPRequest {
        HTTPRequest(
            url: url,
            headers: [("content-type", "application/json"), ("accept", "text/event-stream")] + headers,
            body: Array(body.jsonText.utf8)
        )
    }
}
