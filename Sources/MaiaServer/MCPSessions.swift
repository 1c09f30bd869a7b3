import Foundation
import MCP
import MaiaApp
import MaiaCore
import MaiaMCP

/// The MCP sessions of `/mcp`: one MCP server and Streamable HTTP transport (the SDK's) per session, each bound to
/// the user who opened it. A session id presented by anyone but that user is answered as unknown, so that ids
/// cannot be used to reach another person's memory even if one leaked.
actor MCPSessions {
    private struct Session {
        let user: UserID
        let server: Server
        let transport: StatefulHTTPServerTransport
        var lastUse: UInt64
    }

    private let app: MaiaApplication
    private let validation: any HTTPRequestValidationPipeline
    /// Sessions kept at most; opening one more closes the one unused for longest (its client must initialize again).
    private let capacity: Int
    private var sessions: [String: Session] = [:]
    private var uses: UInt64 = 0
    /// The API's version (openapi.json), reported to MCP clients as the server's.
    private let version: String

    /// `localhostOnly` keeps the SDK's DNS-rebinding guard (Host and Origin must be loopback): right when there is no
    /// authentication, in the way when MAIA is reached by a public name behind authentication.
    init(app: MaiaApplication, localhostOnly: Bool, capacity: Int = 1000) {
        self.app = app
        self.capacity = capacity
        version =
            APISpec.shared.data.flatMap { JSONValue(parsing: String(decoding: $0, as: UTF8.self)) }?["info"]?[
                "version"
            ]?
            .stringValue ?? "0"
        validation = StandardValidationPipeline(validators: [
            localhostOnly ? Self.loopbackOnly : OriginValidator.disabled,
            AcceptHeaderValidator(mode: .sseRequired),
            ContentTypeValidator(),
            ProtocolVersionValidator(),
            SessionValidator(),
        ])
    }

    /// The SDK's loopback guard, also admitting a Host without a port (a server on port 80).
    private static let loopbackOnly: OriginValidator = {
        let hosts = ["127.0.0.1", "localhost", "[::1]"]
        return OriginValidator(
            allowedHosts: hosts + hosts.map { "\($0):*" },
            allowedOrigins: hosts.flatMap { ["http://\($0)", "http://\($0):*"] }
        )
    }()

    /// Answers one request of `user`: to its session, or opening one when it is an `initialize` request.
    func handle(_ request: HTTPRequest, user: UserID) async -> HTTPResponse {
        if let id = request.header(HTTPHeaderName.sessionID) {
            guard var session = sessions[id], session.user == user else {
                return .error(statusCode: 404, .invalidRequest("Not Found: no such session; initialize a new one"))
            }
            uses += 1
            session.lastUse = uses
            sessions[id] = session
            let response = await session.transport.handleRequest(request)
            if request.method.uppercased() == "DELETE", response.statusCode == 200 {
                await close(id)
            }
            return response
        }
        guard request.method.uppercased() == "POST" else {
            return .error(statusCode: 400, .invalidRequest("Bad Request: send the Mcp-Session-Id header"))
        }
        guard let body = request.body, Self.isInitialize(body) else {
            return .error(
                statusCode: 400,
                .invalidRequest("Bad Request: send the Mcp-Session-Id header, or an initialize request to open one")
            )
        }
        return await open(request, user: user)
    }

    private static func isInitialize(_ body: Data) -> Bool {
        JSONValue(parsing: String(decoding: body, as: UTF8.self))?["method"]?.stringValue == "initialize"
    }

    private func open(_ request: HTTPRequest, user: UserID) async -> HTTPResponse {
        let id = UUID().uuidString
        let transport = StatefulHTTPServerTransport(
            sessionIDGenerator: FixedSessionID(id: id),
            validationPipeline: validation
        )
        let server = await MemoryMCPServer.make(app: app, user: user, version: version)
        do {
            try await server.start(transport: transport)
        } catch {
            return .error(statusCode: 500, .internalError("the MCP session could not start; try again"))
        }
        if sessions.count >= capacity, let oldest = sessions.min(by: { $0.value.lastUse < $1.value.lastUse })?.key {
            await close(oldest)
        }
        uses += 1
        sessions[id] = Session(user: user, server: server, transport: transport, lastUse: uses)
        let response = await transport.handleRequest(request)
        if case .error = response { await close(id) }
        return response
    }

    private func close(_ id: String) async {
        guard let session = sessions.removeValue(forKey: id) else { return }
        await session.server.stop()
    }

    private struct FixedSessionID: SessionIDGenerator {
        let id: String
        func generateSessionID() -> String { id }
    }
}
