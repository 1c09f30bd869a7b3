import Foundation
import HTTPTypes
import HummingbirdTesting
import MaiaCore
import NIOCore
import Testing

/// `/mcp` on the wire: sessions belong to the user who opened them, and what the route refuses it says why. The
/// official MCP client drives the whole protocol in MCPServerTests (MaiaCLITests).
@Suite("MCP over Streamable HTTP: sessions bound to their user")
struct MCPRouteTests {
    static let accept: [HTTPField.Name: String] = [
        .accept: "application/json, text/event-stream", .contentType: "application/json",
    ]

    static func message(_ id: Int, _ method: String, _ params: JSONValue = [:]) -> ByteBuffer {
        .json(["jsonrpc": "2.0", "id": .number(Double(id)), "method": .string(method), "params": params])
    }

    static let initialize = message(
        1,
        "initialize",
        ["protocolVersion": "2025-06-18", "capabilities": [:], "clientInfo": ["name": "test", "version": "1"]]
    )

    /// The JSON-RPC messages of an SSE answer.
    static func messages(_ response: TestResponse) -> [JSONValue] {
        response.events.compactMap { JSONValue(parsing: $0.data) }
    }

    @Test("a session answers only the user who opened it: another user's requests with its id get 404")
    func sessionBelongsToItsUser() async throws {
        try await ServerHarness.run { client, _ in
            let opened = try await client.execute(
                uri: "/mcp",
                method: .post,
                headers: .user("ana", Self.accept),
                body: Self.initialize
            )
            #expect(opened.status == .ok)
            let session = try #require(opened.headers[HTTPField.Name("Mcp-Session-Id")!])
            #expect(Self.messages(opened).first?["result"]?["serverInfo"]?["name"] == "maia")
            let sessionHeader: [HTTPField.Name: String] = Self.accept.merging(
                [HTTPField.Name("Mcp-Session-Id")!: session, HTTPField.Name("MCP-Protocol-Version")!: "2025-06-18"]
            ) { _, new in new }
            let stolen = try await client.execute(
                uri: "/mcp",
                method: .post,
                headers: .user("ben", sessionHeader),
                body: Self.message(2, "tools/list")
            )
            #expect(stolen.status == .notFound)
            #expect(stolen.json?["error"]?["message"]?.stringValue?.contains("no such session") == true)
            let own = try await client.execute(
                uri: "/mcp",
                method: .post,
                headers: .user("ana", sessionHeader),
                body: Self.message(2, "tools/list")
            )
            #expect(own.status == .ok)
            let tools = Self.messages(own).first?["result"]?["tools"]?.arrayValue ?? []
            #expect(tools.count == 7)
            let endedByOther = try await client.execute(
                uri: "/mcp",
                method: .delete,
                headers: .user("ben", sessionHeader)
            )
            #expect(endedByOther.status == .notFound)
            let ended = try await client.execute(uri: "/mcp", method: .delete, headers: .user("ana", sessionHeader))
            #expect(ended.status == .ok)
            let after = try await client.execute(
                uri: "/mcp",
                method: .post,
                headers: .user("ana", sessionHeader),
                body: Self.message(3, "tools/list")
            )
            #expect(after.status == .notFound)
        }
    }

    @Test("without a session id only initialize is accepted; GET has no stream (405); the route needs a user")
    func refusals() async throws {
        try await ServerHarness.run { client, _ in
            let noSession = try await client.execute(
                uri: "/mcp",
                method: .post,
                headers: .user("ana", Self.accept),
                body: Self.message(1, "tools/list")
            )
            #expect(noSession.status == .badRequest)
            #expect(noSession.json?["error"]?["message"]?.stringValue?.contains("Mcp-Session-Id") == true)
            let get = try await client.execute(uri: "/mcp", method: .get, headers: .user("ana", Self.accept))
            #expect(get.status == .methodNotAllowed)
            #expect(get.headers[.allow] == "DELETE, POST")
            let anonymous = try await client.execute(
                uri: "/mcp",
                method: .post,
                headers: HTTPFields(Self.accept.map { HTTPField(name: $0.key, value: $0.value) }),
                body: Self.initialize
            )
            #expect(anonymous.status == .badRequest)
            #expect(anonymous.errorMessage.contains("X-MAIA-User"))
            let noAccept = try await client.execute(
                uri: "/mcp",
                method: .post,
                headers: .user("ana", [.contentType: "application/json"]),
                body: Self.initialize
            )
            #expect(noAccept.status == .notAcceptable)
        }
    }
}
