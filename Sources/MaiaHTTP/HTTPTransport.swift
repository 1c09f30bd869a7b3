public import Foundation

/// An HTTP request as MAIA's provider clients build it.
public struct HTTPRequest: Sendable {
    public var method: String
    public var url: URL
    public var headers: [(name: String, value: String)]
    public var body: [UInt8]?
    /// The whole exchange must finish within this time, streaming included.
    public var timeout: Duration

    /// Creates a request.
    public init(
        method: String = "POST",
        url: URL,
        headers: [(name: String, value: String)] = [],
        body: [UInt8]? = nil,
        timeout: Duration = .seconds(120)
    ) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.timeout = timeout
    }

    /// A JSON POST of `body`.
    public static func json(
        _ url: URL,
        body: some Encodable,
        headers: [(name: String, value: String)] = [],
        timeout: Duration = .seconds(120)
    ) throws -> HTTPRequest {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return HTTPRequest(
            url: url,
            headers: [("content-type", "application/json")] + headers,
            body: Array(try encoder.encode(body)),
            timeout: timeout
        )
    }
}

/// Status and headers of a response.
public struct HTTPResponseHead: Sendable {
    public var status: Int
    public var headers: [(name: String, value: String)]

    /// Creates a response head.
    public init(status: Int, headers: [(name: String, value: String)]) {
        self.status = status
        self.headers = headers
    }

    /// The first value of header `name`, compared case-insensitively.
    public func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }
}

/// A response whose body arrives as chunks. Stopping iteration (or cancelling the task) cancels the request.
public struct HTTPStreamingResponse: Sendable {
    public var head: HTTPResponseHead
    public var body: AsyncThrowingStream<[UInt8], any Error>

    /// Creates a streaming response.
    public init(head: HTTPResponseHead, body: AsyncThrowingStream<[UInt8], any Error>) {
        self.head = head
        self.body = body
    }

    /// Reads the whole body, failing when it exceeds `limit` bytes.
    public func collect(limit: Int = 32 << 20) async throws -> [UInt8] {
        var bytes: [UInt8] = []
        for try await chunk in body {
            bytes += chunk
            if bytes.count > limit {
                throw HTTPError(.tooLarge, "the response body is larger than \(limit) bytes")
            }
        }
        return bytes
    }
}

/// Sends HTTP requests. The seam between provider clients and the network: production uses
/// ``AsyncHTTPTransport``; tests talk to loopback servers through the same type.
public protocol HTTPTransport: Sendable {
    /// Sends `request` and returns as soon as the response head arrives.
    func stream(_ request: HTTPRequest) async throws(HTTPError) -> HTTPStreamingResponse
}

/// A failure to complete an HTTP exchange. The message never contains headers, bodies or secrets.
public struct HTTPError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The kind of failure; new codes may be added.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        public let description: String
        /// The server could not be reached (refused, DNS, TLS).
        public static let connection = Code(description: "connection")
        /// The exchange took longer than its timeout.
        public static let timeout = Code(description: "timeout")
        /// The body was larger than allowed.
        public static let tooLarge = Code(description: "tooLarge")
        /// The request itself is malformed (e.g. a URL without host).
        public static let invalidRequest = Code(description: "invalidRequest")
    }

    public let code: Code
    public let message: String

    /// Creates an error.
    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}
