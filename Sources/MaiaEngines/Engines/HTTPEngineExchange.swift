import Foundation
import MaiaCore
import MaiaHTTP

/// Sends one engine request with retries up to the response head, and maps every failure to `EngineError`.
///
/// A non-2xx response is read (bounded), classified with `HTTPErrorClassifier` and retried when the policy says
/// so; a 2xx response is returned with its body untouched, so that nothing is ever retried once body bytes may
/// have reached the consumer. Messages never contain headers (keys) or bodies sent.
struct HTTPEngineExchange: Sendable {
    let options: HTTPEngineOptions

    /// The successful response to the request `make` builds (called once per attempt).
    func send(_ make: () throws -> HTTPRequest) async throws -> HTTPStreamingResponse {
        var generator = SystemRandomNumberGenerator()
        var retry = 0
        while true {
            try Task.checkCancellation()
            var request = try make()
            request.timeout = options.timeout
            let failure: EngineError
            var shouldRetryHeader: Bool?
            do {
                let response = try await options.transport.stream(request)
                if (200..<300).contains(response.head.status) { return response }
                let body = (try? await response.collect(limit: 1 << 20)) ?? []
                var headers: [String: String] = [:]
                for header in response.head.headers { headers[header.name.lowercased()] = header.value }
                failure = HTTPErrorClassifier.error(status: response.head.status, headers: headers, body: body)
                shouldRetryHeader = headers["x-should-retry"].flatMap { Bool($0.lowercased()) }
            } catch {
                failure = Self.engineError(error)
            }
            guard
                let delay = options.retryPolicy.delay(
                    beforeRetry: retry,
                    after: failure,
                    shouldRetryHeader: shouldRetryHeader,
                    using: &generator
                )
            else { throw failure }
            try await options.sleep(delay)
            retry += 1
        }
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
