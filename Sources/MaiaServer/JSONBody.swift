import Foundation
import Hummingbird
import MaiaCore
import NIOCore

/// A request body read as one JSON object, within the size limit, with errors that name the field and what it
/// accepts.
struct JSONBody {
    let object: [String: JSONValue]

    /// Reads the whole body (at most `limit` bytes) and parses it as a JSON object.
    static func read(_ request: Request, limit: Int) async throws(APIError) -> JSONBody {
        let text = try await text(request, limit: limit)
        guard let value = JSONValue(parsing: text), let object = value.objectValue else {
            throw APIError.invalid("the body must be a JSON object")
        }
        return JSONBody(object: object)
    }

    /// Reads the whole body (at most `limit` bytes) as UTF-8 text.
    static func text(_ request: Request, limit: Int) async throws(APIError) -> String {
        let buffer: ByteBuffer
        do {
            buffer = try await request.body.collect(upTo: limit)
        } catch is NIOTooManyBytesError {
            throw APIError(.contentTooLarge, "invalid_request_error", "the body is larger than \(limit) bytes")
        } catch {
            throw APIError.invalid("the body could not be read")
        }
        guard let text = String(validating: buffer.readableBytesView, as: UTF8.self) else {
            throw APIError.invalid("the body is not UTF-8 text")
        }
        return text
    }

    /// A required string field.
    func string(_ name: String) throws(APIError) -> String {
        guard let value = object[name] else { throw APIError.invalid("\"\(name)\" is missing; it must be a string") }
        guard let text = value.stringValue else { throw APIError.invalid("\"\(name)\" must be a string") }
        return text
    }

    /// An optional string field (`null` counts as absent).
    func optionalString(_ name: String) throws(APIError) -> String? {
        guard let value = object[name], value != .null else { return nil }
        guard let text = value.stringValue else { throw APIError.invalid("\"\(name)\" must be a string or null") }
        return text
    }

    /// An optional boolean field.
    func optionalBool(_ name: String) throws(APIError) -> Bool? {
        guard let value = object[name], value != .null else { return nil }
        guard let flag = value.boolValue else { throw APIError.invalid("\"\(name)\" must be true or false") }
        return flag
    }

    /// An optional session id field.
    func session(_ name: String = "session_id") throws(APIError) -> SessionID? {
        guard let text = try optionalString(name) else { return nil }
        do {
            return try SessionID(validating: text)
        } catch {
            throw APIError.invalid("\"\(name)\": \(error)")
        }
    }
}
