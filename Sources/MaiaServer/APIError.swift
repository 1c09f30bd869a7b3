import Foundation
public import HTTPTypes
public import Hummingbird
import MaiaCore

/// An error answered to a client as `{"error": {"type", "message"}}` with an HTTP status — the shape of OpenAI's
/// error body, so that OpenAI SDKs show MAIA's message. Messages say what was wrong and what is accepted; they never
/// hold a stack trace, SQL, a message text or a secret.
public struct APIError: HTTPResponseError, Sendable {
    public let status: HTTPResponse.Status
    /// A stable machine-readable kind (`invalid_request_error`, `authentication_error`, …).
    public let type: String
    public let message: String
    /// Extra response headers (`Retry-After`, `WWW-Authenticate`).
    public var headers: HTTPFields = [:]

    /// Creates an error.
    public init(_ status: HTTPResponse.Status, _ type: String, _ message: String, headers: HTTPFields = [:]) {
        self.status = status
        self.type = type
        self.message = message
        self.headers = headers
    }

    /// The request is malformed or a value is out of range.
    static func invalid(_ message: String) -> APIError { APIError(.badRequest, "invalid_request_error", message) }

    /// No or bad credentials.
    static func unauthenticated(_ message: String) -> APIError {
        APIError(.unauthorized, "authentication_error", message, headers: [.wwwAuthenticate: "Bearer"])
    }

    /// Authenticated, but not allowed to do this.
    static func forbidden(_ message: String) -> APIError { APIError(.forbidden, "permission_error", message) }

    /// Something MAIA depends on failed; the message names what, never how.
    static func unavailable(_ message: String) -> APIError {
        APIError(.serviceUnavailable, "unavailable_error", message)
    }

    /// `error` as a client sees it: an ``APIError`` as it is, anything else as a 500 that names no internals.
    static func from(_ error: any Error) -> APIError {
        error as? APIError ?? APIError(.internalServerError, "server_error", "MAIA failed to answer; try again")
    }

    /// The error body, also sent as the last event of a stream that fails after its headers went out.
    var body: JSONValue { ["error": ["type": .string(type), "message": .string(message)]] }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        var headers = headers
        headers[.contentType] = "application/json"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: body.jsonText)))
    }
}
