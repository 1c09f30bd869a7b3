import Foundation
import Hummingbird
import HummingbirdTesting
import MaiaApp
import MaiaConfig
import MaiaCore
import MaiaServer
import MaiaTesting
import Testing

@Suite("Operations: /healthz, /readyz, /metrics, and /openapi.json in step with the router")
struct OperationsRouteTests {
    @Test("healthz and readyz answer without credentials; readyz names the engines")
    func health() async throws {
        try await ServerHarness.run(environment: [
            "MAIA_AUTH": "api-keys", "MAIA_API_KEYS_FILE": try Self.emptyKeyFile(),
        ]) {
            client,
            _ in
            let alive = try await client.execute(uri: "/healthz", method: .get)
            #expect(alive.json == ["status": "alive"])
            let ready = try await client.execute(uri: "/readyz", method: .get)
            #expect(ready.status == .ok)
            #expect(ready.json?["status"] == "ready")
            #expect(ready.json?["engines"]?.arrayValue?.first?.stringValue?.hasPrefix("claude") == true)
        }
    }

    static func emptyKeyFile() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("maia-keys-\(UUID().uuidString).json")
        try Data(#"{"keys":[]}"#.utf8).write(to: path)
        return path.path
    }

    @Test("metrics count requests per route and status, turns per engine, tokens and the outbox depth")
    func metrics() async throws {
        try await ServerHarness.run { client, _ in
            _ = try await client.execute(
                uri: "/v1/turns",
                method: .post,
                headers: .user("ana"),
                body: .json(["message": "hello"])
            )
            let metrics = try await client.execute(uri: "/metrics", method: .get)
            #expect(metrics.status == .ok)
            let text = metrics.text
            #expect(text.contains(#"maia_turns_total{kind="answer",engine="claude"}"#), "\(text.prefix(2000))")
            #expect(text.contains("maia_turn_duration_seconds"))
            #expect(
                text.contains(
                    #"maia_tokens_total{engine="claude",model="claude-sonnet-4-5",direction="output"}"#
                )
            )
            #expect(text.contains("maia_outbox_depth"))
            #expect(text.contains(#"http_route="/v1/turns""#))
        }
    }

    /// The routes of the spec as "METHOD /path" with `{id}` for parameters.
    static func specRoutes() throws -> Set<String> {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let data = try Data(contentsOf: folder.appendingPathComponent("Sources/MaiaServer/openapi.json"))
        let spec = try #require(JSONValue(parsing: String(decoding: data, as: UTF8.self)))
        #expect(spec["openapi"] == "3.1.0")
        var routes: Set<String> = []
        for (path, item) in try #require(spec["paths"]?.objectValue) {
            for method in try #require(item.objectValue).keys { routes.insert("\(method.uppercased()) \(path)") }
        }
        return routes
    }

    @Test("every route of the router is in openapi.json and every route of openapi.json is served")
    func specInStep() async throws {
        try await ServerHarness.run { client, _ in
            let served = try await client.execute(uri: "/openapi.json", method: .get)
            #expect(served.json?["openapi"] == "3.1.0")
        }
        let folder = try TemporaryDirectory()
        let settings = try MaiaSettings(
            RawSettings(environment: ["MAIA_DB": folder.url.appendingPathComponent("m.sqlite").path], envFile: [:])
        )
        let authenticator = try await Authenticator.make(settings.server)
        let routes = try await MaiaApplication.run(settings, options: .init(environment: [:])) { app in
            MaiaServer.buildRouter(MaiaService(app: app, authenticator: authenticator)).routes.map {
                "\($0.method) " + $0.path.description.replacingOccurrences(of: ":id", with: "{id}")
            }
        }
        #expect(Set(routes) == (try Self.specRoutes()))
    }
}
