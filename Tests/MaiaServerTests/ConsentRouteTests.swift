import Foundation
import HTTPTypes
import HummingbirdTesting
import MaiaCore
import NIOCore
import Testing

@Suite("The memory API: training consent")
struct ConsentRouteTests {
    @Test("consent defaults to no, is stored per caller with its time, and forget erases it")
    func lifecycle() async throws {
        try await ServerHarness.run { client, _ in
            let never = try await client.execute(uri: "/v1/memories/consent", method: .get, headers: .user("ana"))
            #expect(never.status == .ok)
            #expect(never.json?["training"] == false)
            #expect(never.json?["changed_at"] == .null)
            let given = try await client.execute(
                uri: "/v1/memories/consent",
                method: .put,
                headers: .user("ana"),
                body: .json(["training": true, "hidden_names": ["Lena", " Lena "]])
            )
            #expect(given.status == .ok, "\(given.text)")
            #expect(given.json?["training"] == true)
            #expect(given.json?["hidden_names"] == ["Lena"])
            #expect(given.json?["changed_at"]?.stringValue != nil)
            // Another caller's consent is their own.
            let ben = try await client.execute(uri: "/v1/memories/consent", method: .get, headers: .user("ben"))
            #expect(ben.json?["training"] == false)
            let kept = try await client.execute(
                uri: "/v1/memories/consent",
                method: .put,
                headers: .user("ana"),
                body: .json(["training": false])
            )
            #expect(kept.json?["training"] == false)
            #expect(kept.json?["hidden_names"] == ["Lena"])
            _ = try await client.execute(uri: "/v1/memories", method: .delete, headers: .user("ana"))
            let after = try await client.execute(uri: "/v1/memories/consent", method: .get, headers: .user("ana"))
            #expect(after.json?["hidden_names"] == [])
            #expect(after.json?["changed_at"] == .null)
        }
    }

    @Test("bad bodies are refused with what is accepted")
    func badBodies() async throws {
        try await ServerHarness.run { client, _ in
            let cases: [(JSONValue, String)] = [
                ([:], "\"training\" is missing"),
                (["training": "yes"], "\"training\" must be true or false"),
                (["training": true, "hidden_names": "Lena"], "\"hidden_names\" must be an array"),
                (["training": false, "hidden_names": .null], "([] clears them; leave it out to keep them)"),
                (["training": true, "hidden_names": ["ok", ""]], "\"hidden_names\"[1] must be a non-empty string"),
                (["training": true, "extra": 1], "unknown field \"extra\""),
            ]
            for (body, fragment) in cases {
                let response = try await client.execute(
                    uri: "/v1/memories/consent",
                    method: .put,
                    headers: .user("ana"),
                    body: .json(body)
                )
                #expect(response.status == .badRequest, "\(body.jsonText)")
                #expect(response.errorMessage.contains(fragment), "\(response.errorMessage)")
            }
        }
    }
}
