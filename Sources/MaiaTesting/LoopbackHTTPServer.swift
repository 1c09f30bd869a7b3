public import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix

/// A real HTTP/1.1 server on 127.0.0.1 with an ephemeral port, answering with scripted responses. Provider fakes
/// are built on it so that clients are tested over real sockets with the exact wire format.
public final class LoopbackHTTPServer: Sendable {
    /// A request as the server received it.
    public struct Request: Sendable {
        public let method: String
        public let path: String
        public let headers: [(name: String, value: String)]
        public let body: [UInt8]

        /// The first value of header `name`, compared case-insensitively.
        public func header(_ name: String) -> String? {
            headers.first { $0.name.lowercased() == name.lowercased() }?.value
        }

        /// The body as text.
        public var text: String { String(decoding: body, as: UTF8.self) }
    }

    /// A network fault to simulate instead of a clean response.
    public enum Fault: Sendable {
        /// Close the connection without answering (a reset before any response).
        case closeBeforeHead
        /// Send the head and the chunks, then close the connection without ending the body (a stream cut off).
        case closeAfterChunks
    }

    /// What to send back: status, headers, and the body as chunks, each written and flushed separately.
    public struct Response: Sendable {
        public var status: Int
        public var headers: [(name: String, value: String)]
        public var chunks: [[UInt8]]
        /// Waited before each chunk, to simulate a model generating tokens.
        public var chunkDelay: Duration
        /// A fault to simulate, if any.
        public var fault: Fault?

        /// Creates a response.
        public init(
            status: Int = 200,
            headers: [(name: String, value: String)] = [],
            chunks: [[UInt8]] = [],
            chunkDelay: Duration = .zero,
            fault: Fault? = nil
        ) {
            self.status = status
            self.headers = headers
            self.chunks = chunks
            self.chunkDelay = chunkDelay
            self.fault = fault
        }

        /// A connection closed before any response.
        public static let reset = Response(fault: .closeBeforeHead)

        /// A JSON body sent in one piece.
        public static func json(
            _ text: String,
            status: Int = 200,
            headers: [(name: String, value: String)] = []
        )
            -> Response
        {
            Response(
                status: status,
                headers: [("content-type", "application/json")] + headers,
                chunks: [Array(text.utf8)]
            )
        }
    }

    /// Decides the response for each request.
    public typealias Responder = @Sendable (Request) async -> Response

    private let channel: any Channel
    private let log: RequestLog

    /// The base URL, e.g. `http://127.0.0.1:49152`.
    public let baseURL: URL

    private init(channel: any Channel, log: RequestLog, port: Int) {
        self.channel = channel
        self.log = log
        baseURL = URL(string: "http://127.0.0.1:\(port)")!
    }

    /// Requests received so far, in order.
    public var requests: [Request] {
        get async { await log.requests }
    }

    /// How many client connections have closed so far (a client that cancels its request closes its connection).
    public var closedConnections: Int {
        get async { await log.closedConnections }
    }

    /// Starts a server answering with `responder`, runs `body` with it, and stops it.
    @discardableResult
    public static func with<T>(
        _ responder: @escaping Responder,
        run body: (LoopbackHTTPServer) async throws -> T
    ) async throws -> T {
        let log = RequestLog()
        let server = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .bind(host: "127.0.0.1", port: 0) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline()
                    return try NIOAsyncChannel<HTTPServerRequestPart, HTTPServerResponsePart>(
                        wrappingChannelSynchronously: channel
                    )
                }
            }
        let instance = LoopbackHTTPServer(
            channel: server.channel,
            log: log,
            port: server.channel.localAddress?.port ?? 0
        )
        let accepting = Task {
            try await withThrowingDiscardingTaskGroup { group in
                try await server.executeThenClose { connections in
                    for try await connection in connections {
                        group.addTask {
                            try? await serve(connection, responder: responder, log: log)
                            await log.connectionClosed()
                        }
                    }
                }
            }
        }
        defer { accepting.cancel() }
        do {
            let result = try await body(instance)
            try? await instance.channel.close()
            return result
        } catch {
            try? await instance.channel.close()
            throw error
        }
    }

    private static func serve(
        _ connection: NIOAsyncChannel<HTTPServerRequestPart, HTTPServerResponsePart>,
        responder: Responder,
        log: RequestLog
    ) async throws {
        try await connection.executeThenClose { inbound, outbound in
            var head: HTTPRequestHead?
            var body: [UInt8] = []
            for try await part in inbound {
                switch part {
                case .head(let received):
                    head = received
                    body = []
                case .body(let buffer):
                    body += Array(buffer: buffer)
                case .end:
                    guard let head else { continue }
                    let request = Request(
                        method: head.method.rawValue,
                        path: head.uri,
                        headers: head.headers.map { ($0.name, $0.value) },
                        body: body
                    )
                    await log.append(request)
                    let response = await responder(request)
                    if response.fault == .closeBeforeHead { throw SimulatedFault() }
                    var headers = HTTPHeaders(response.headers)
                    // A body that will be cut off is sent chunked, so that the client cannot tell it was complete.
                    if response.chunks.count <= 1, response.fault == nil, !headers.contains(name: "content-length") {
                        headers.add(name: "content-length", value: String(response.chunks.first?.count ?? 0))
                    }
                    try await outbound.write(
                        .head(
                            HTTPResponseHead(
                                version: .http1_1,
                                status: .init(statusCode: response.status),
                                headers: headers
                            )
                        )
                    )
                    for chunk in response.chunks {
                        if response.chunkDelay > .zero { try await Task.sleep(for: response.chunkDelay) }
                        try await outbound.write(.body(.byteBuffer(ByteBuffer(bytes: chunk))))
                    }
                    if response.fault == .closeAfterChunks { throw SimulatedFault() }
                    try await outbound.write(.end(nil))
                }
            }
        }
    }
}

/// Thrown inside a connection's handler to close it abruptly.
struct SimulatedFault: Error {}

/// A TCP port on 127.0.0.1 with nothing listening: connecting to it is refused.
public func refusedLoopbackURL() throws -> URL {
    let channel = try ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
        .bind(host: "127.0.0.1", port: 0).wait()
    let port = channel.localAddress?.port ?? 0
    try channel.close().wait()
    return URL(string: "http://127.0.0.1:\(port)")!
}

/// The requests a server has seen.
actor RequestLog {
    private(set) var requests: [LoopbackHTTPServer.Request] = []
    private(set) var closedConnections = 0

    func connectionClosed() {
        closedConnections += 1
    }

    func append(_ request: LoopbackHTTPServer.Request) {
        requests.append(request)
    }
}
