import Foundation
import HTTPTypes
import Hummingbird
import MCP
import MaiaApp
import MaiaConfig
import NIOCore

/// MAIA's memory over MCP Streamable HTTP at `/mcp`, behind the same authentication as `/v1`: `POST` carries JSON-RPC
/// (an `initialize` opens a session whose id comes back in `Mcp-Session-Id`; answers stream as server-sent events),
/// `DELETE` ends a session. The server sends nothing unasked, so there is no `GET` stream (405, as the
/// specification allows). The user is the authenticated caller, never a tool argument.
struct MCPRoutes {
    let service: MaiaService
    let sessions: MCPSessions

    init(service: MaiaService) {
        self.service = service
        sessions = MCPSessions(app: service.app, localhostOnly: service.app.settings.server.auth == .none)
    }

    func add(to router: RouterGroup<MaiaRequestContext>) {
        router.post { request, context in try await respond(request, context) }
        router.delete { request, context in try await respond(request, context) }
    }

    private func respond(_ request: Request, _ context: MaiaRequestContext) async throws -> Response {
        let user = try context.requireCaller().actingUser(request.headers)
        let body = try await request.body.collect(upTo: service.maxBodyBytes)
        var headers: [String: String] = [:]
        for field in request.headers {
            let name = field.name.canonicalName
            headers[name] = headers[name].map { "\($0), \(field.value)" } ?? field.value
        }
        // HTTP/1.1's Host header arrives as the request's authority; the SDK's rebinding guard reads it as Host.
        if let authority = request.head.authority { headers["host"] = authority }
        let answer = await sessions.handle(
            MCP.HTTPRequest(
                method: request.method.rawValue,
                headers: headers,
                body: body.readableBytes > 0 ? Data(body.readableBytesView) : nil,
                path: request.uri.path
            ),
            user: user
        )
        return Self.response(answer)
    }

    /// The SDK's answer as Hummingbird's; a stream is written as it comes.
    static func response(_ answer: MCP.HTTPResponse) -> Response {
        var fields = HTTPFields()
        // Connection is hop-by-hop: the server manages it.
        for (name, value) in answer.headers where name.lowercased() != "connection" {
            if let name = HTTPField.Name(name) { fields[name] = value }
        }
        let status = HTTPTypes.HTTPResponse.Status(code: answer.statusCode)
        guard case .stream(let stream, _) = answer else {
            return Response(
                status: status,
                headers: fields,
                body: answer.bodyData.map { ResponseBody(byteBuffer: ByteBuffer(bytes: $0)) } ?? ResponseBody()
            )
        }
        return Response(
            status: status,
            headers: fields,
            body: ResponseBody { writer in
                for try await chunk in stream {
                    try await writer.write(ByteBuffer(bytes: chunk))
                }
                try await writer.finish(nil)
            }
        )
    }
}
