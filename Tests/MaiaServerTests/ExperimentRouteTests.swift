import Foundation
import HTTPTypes
import HummingbirdTesting
import MaiaCore
import MaiaServer
import MaiaTesting
import NIOCore
import Testing

@Suite("Experiment API: feedback on one's own turns, and the service role's start, ramp, stop and clear")
struct ExperimentRouteTests {
    @Test(
        "feedback is for the caller's own answered turn; the experiment routes are for the service role, with history"
    )
    func feedbackAndControls() async throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let file = folder.url.appendingPathComponent("keys.json").path
        let ana = try APIKeyFile.createKey(user: UserID("ana"), id: "ana-phone", at: file)
        let ben = try APIKeyFile.createKey(user: UserID("ben"), id: "ben-phone", at: file)
        let service = try APIKeyFile.createKey(user: nil, id: "backend", at: file)
        try await ServerHarness.run(environment: ["MAIA_AUTH": "api-keys", "MAIA_API_KEYS_FILE": file]) { client, _ in
            func post(_ uri: String, _ key: String, _ body: JSONValue) async throws -> TestResponse {
                try await client.execute(
                    uri: uri,
                    method: .post,
                    headers: [.authorization: "Bearer \(key)", .contentType: "application/json"],
                    body: .json(body)
                )
            }
            let turn = try await post("/v1/turns", ana, ["message": "Hello, do you remember me?"])
            let id = try #require(turn.json?["turn_id"]?.stringValue, "\(turn.text)")
            let up = try await post("/v1/turns/\(id)/feedback", ana, ["rating": "up", "comment": "warm"])
            #expect(up.status == .created, "\(up.text)")
            #expect(up.json == ["turn_id": .string(id), "rating": "up", "comment": "warm"])
            let theirs = try await post("/v1/turns/\(id)/feedback", ben, ["rating": "down"])
            #expect(theirs.status == .notFound, "another user's turn is not found")
            let bad = try await post("/v1/turns/\(id)/feedback", ana, ["rating": "meh"])
            #expect(bad.status == .badRequest)
            #expect(bad.errorMessage.contains("up or down"))
            let long = try await post(
                "/v1/turns/\(id)/feedback",
                ana,
                ["rating": "down", "comment": .string(String(repeating: "x", count: 2001))]
            )
            #expect(long.status == .badRequest)
            #expect(long.errorMessage.contains("at most 2000"))

            let forbidden = try await client.execute(
                uri: "/v1/admin/experiment",
                method: .get,
                headers: [.authorization: "Bearer \(ana)"]
            )
            #expect(forbidden.status == .forbidden)
            #expect(try await post("/v1/admin/experiment/stop", ana, [:]).status == .forbidden)
            let start = try await post("/v1/admin/experiment/start", service, ["percent": 5, "reason": "first users"])
            #expect(start.status == .ok, "\(start.text)")
            #expect(start.json?["status"] == "running")
            #expect(start.json?["changed_by"] == "api:service")
            let again = try await post("/v1/admin/experiment/start", service, ["percent": 9])
            #expect(again.status == .conflict)
            #expect(again.errorMessage.contains("use ramp"))
            let outOfRange = try await post("/v1/admin/experiment/ramp", service, ["percent": 120])
            #expect(outOfRange.status == .badRequest)
            #expect(outOfRange.errorMessage.contains("from 0 to 100"))
            let missing = try await post("/v1/admin/experiment/ramp", service, [:])
            #expect(missing.status == .badRequest)
            #expect(try await post("/v1/admin/experiment/ramp", service, ["percent": 20]).json?["percent"] == 20)
            let stop = try await post("/v1/admin/experiment/stop", service, ["reason": "pager"])
            #expect(stop.json?["status"] == "stopped")
            #expect(stop.json?["percent"] == 0)
            let clear = try await post("/v1/admin/experiment/clear", service, [:])
            #expect(clear.status == .conflict, "only a rollback is cleared")
            let status = try await client.execute(
                uri: "/v1/admin/experiment",
                method: .get,
                headers: [.authorization: "Bearer \(service)"]
            )
            #expect(status.json?["experiment"] == "llama-rollout")
            #expect(status.json?["state"]?["reason"] == "pager")
            #expect(status.json?["history"]?.arrayValue?.map { $0["percent"] } == [5, 20, 0])
        }
    }

    @Test("/metrics shows the share this replica serves, and 0 once stopped")
    func metrics() async throws {
        let environment = [
            "ENABLE_LLAMA": "true", "LLAMA_DEPLOYMENT_MODE": "openai-compatible",
            "LLAMA_ENDPOINT": "http://127.0.0.1:9",
        ]
        try await ServerHarness.run(environment: environment) { client, _ in
            func gauge() async throws -> String {
                let text = try await client.execute(uri: "/metrics", method: .get).text
                return text.split(separator: "\n").first { $0.hasPrefix("maia_experiment_candidate_percent{") }
                    .map(String.init) ?? "missing"
            }
            let initial = try await gauge()
            #expect(initial.hasSuffix(" 0.0") || initial.hasSuffix(" 0"), "seeded stopped at 0: \(initial)")
            let started = try await client.execute(
                uri: "/v1/admin/experiment/start",
                method: .post,
                headers: .user("ops"),
                body: .json(["percent": 5])
            )
            #expect(started.status == .ok, "\(started.text)")
            let serving = try await gauge()
            #expect(serving.contains("experiment=\"llama-rollout\""), "\(serving)")
            #expect(serving.hasSuffix(" 5.0") || serving.hasSuffix(" 5"), "\(serving)")
        }
    }
}
