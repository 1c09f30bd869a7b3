import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// ``HTTPTransport`` over swift-server/async-http-client, with one connection pool for the whole process.
///
/// The pool does not retry a failed connection attempt: async-http-client's default retries a refused connection
/// with backoff until the request's deadline, so an engine whose port is closed looked like a 5-minute hang instead
/// of an error that lets the next engine answer within seconds. Retries are the engine's job (`RetryPolicy`).
public struct AsyncHTTPTransport: HTTPTransport {
    private let client: HTTPClient

    /// Concurrent HTTP/1.1 connections to one provider host: as many turns as one process runs at once.
    static let connectionsPerHost = 1024

    /// Uses the process-wide client, which is never shut down (like `HTTPClient.shared`).
    public init() {
        client = processClient
    }

    public func stream(_ request: HTTPRequest) async throws(HTTPError) -> HTTPStreamingResponse {
        guard request.url.host != nil, let scheme = request.url.scheme, ["http", "https"].contains(scheme.lowercased())
        else {
            throw HTTPError(.invalidRequest, "the URL must be http:// or https:// with a host")
        }
        var outgoing = HTTPClientRequest(url: request.url.absoluteString)
        outgoing.method = HTTPMethod(rawValue: request.method)
        for header in request.headers { outgoing.headers.add(name: header.name, value: header.value) }
        if let body = request.body { outgoing.body = .bytes(ByteBuffer(bytes: body)) }
        let response: HTTPClientResponse
        let host = request.url.host ?? "?"
        do {
            response = try await client.execute(outgoing, timeout: .init(request.timeout))
        } catch let error as HTTPClientError where error == .readTimeout {
            throw HTTPError(.timeout, "\(host) sent nothing for \(Self.readTimeout) (the per-read limit)")
        } catch let error as HTTPClientError where error == .deadlineExceeded {
            throw HTTPError(.timeout, "\(host) did not answer within \(request.timeout)")
        } catch {
            throw HTTPError(.connection, "cannot reach \(host): \(Self.reason(error))")
        }
        let head = HTTPResponseHead(
            status: Int(response.status.code),
            headers: response.headers.map { ($0.name, $0.value) }
        )
        let deadline = ContinuousClock.now + request.timeout
        let timeout = request.timeout
        let body = AsyncThrowingStream<[UInt8], any Error> { continuation in
            let reader = Task {
                do {
                    for try await buffer in response.body { continuation.yield(Array(buffer: buffer)) }
                    continuation.finish()
                } catch {
                    continuation.finish(throwing: HTTPError(.connection, "the response from \(host) broke off"))
                }
            }
            // The timeout covers the whole exchange: a stream that stalls is cut off at the deadline.
            let watchdog = Task {
                try await Task.sleep(until: deadline)
                continuation.finish(throwing: HTTPError(.timeout, "\(host) did not finish within \(timeout)"))
                reader.cancel()
            }
            continuation.onTermination = { _ in
                reader.cancel()
                watchdog.cancel()
            }
        }
        return HTTPStreamingResponse(head: head, body: body)
    }

    /// How long a connection may take to open.
    static let connectTimeout: Duration = .seconds(10)
    /// How long the server may stay silent between reads (a model's first token included).
    static let readTimeout: Duration = .seconds(90)

    private static func reason(_ error: any Error) -> String {
        let text = String(describing: error)
        if text.contains("connectionRefused") || text.contains("Connection refused") { return "connection refused" }
        if text.contains("connectTimeout") { return "connect timeout" }
        return text.count > 200 ? String(text.prefix(200)) : text
    }
}

/// The process's one client: browser-like settings (as `HTTPClient.shared`) without connection retries.
private let processClient: HTTPClient = {
    var configuration = HTTPClient.Configuration.singletonConfiguration
    configuration.timeout = .init(
        connect: TimeAmount(AsyncHTTPTransport.connectTimeout),
        read: TimeAmount(AsyncHTTPTransport.readTimeout)
    )
    configuration.connectionPool.retryConnectionEstablishment = false
    // The default of 8 connections per host capped a `maia serve` replica at 8 concurrent model calls to a plain
    // HTTP/1.1 server (vLLM, TGI, llama.cpp): with a 200 ms model, 64 clients got 39 turns/s and waited 1.6 s each
    // (`maia-bench serve --provider-ms 200`). A turn holds one connection while the model streams, so the limit
    // must cover every turn a replica runs at once; HTTP/2 providers multiplex and are not affected.
    configuration.connectionPool.concurrentHTTP1ConnectionsPerHostSoftLimit = AsyncHTTPTransport.connectionsPerHost
    return HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
}()

extension TimeAmount {
    init(_ duration: Duration) {
        let (seconds, attoseconds) = duration.components
        self = .nanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
    }
}
