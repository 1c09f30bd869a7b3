import Foundation
import HTTPTypes
import HummingbirdTesting
import MaiaCore
import MaiaExperiments
import MaiaServer
import MaiaTesting
import NIOCore
import Testing

/// `/dashboard` in-process: who may see it and use its controls, the anti-forgery and same-origin checks, bad input,
/// and that texts from the log are shown as text.
@Suite("The comparison dashboard: access, forms, escaping")
struct DashboardRouteTests {
    static let hostile = "<script>alert('x')</script><img src=x onerror=alert(1)>"

    /// A shadow log with two comparisons whose texts try to inject markup.
    static func writeLog(_ path: String) async throws {
        let log = try ShadowLog(path: path)
        for (index, reply) in ["A calm reply.", hostile].enumerated() {
            let primary = ShadowAnswer(
                engine: "claude",
                model: "claude-x",
                response: "Primary says \(reply)",
                latencyMs: 900
            )
            let candidate = ShadowAnswer(
                engine: "llama",
                model: "llama-<b>x</b>",
                response: reply,
                toolCalls: [ShadowToolCall(name: "query_mem0", arguments: ["query": .string(hostile)], resultSize: 3)],
                latencyMs: 1200,
                checks: index == 1 ? ["empty"] : []
            )
            try await log.append(
                ShadowRecord(
                    timestamp: Date(timeIntervalSince1970: 1_790_000_000 + Double(index)),
                    source: .batch,
                    userId: "ana",
                    sessionId: nil,
                    userMessage: "Message \(index) \(hostile)",
                    language: "en",
                    primary: primary,
                    candidate: candidate,
                    comparison: ShadowComparison(primary: primary, candidate: candidate)
                )
            )
        }
    }

    private static func form(_ fields: [String: String]) -> ByteBuffer {
        var components = URLComponents()
        components.queryItems = fields.map { URLQueryItem(name: $0.key, value: $0.value) }
        let body = (components.percentEncodedQuery ?? "").replacingOccurrences(of: "+", with: "%2B")
        return ByteBuffer(string: body)
    }

    private static func token(_ html: String) -> String? {
        guard let range = html.range(of: #"name="csrf" value=""#) else { return nil }
        return String(html[range.upperBound...].prefix(64))
    }

    @Test("only the service role sees the dashboard or changes the experiment; forms need the token and this origin")
    func access() async throws {
        let folder = try TemporaryDirectory()
        let keys = folder.url.appendingPathComponent("keys.json").path
        let user = try APIKeyFile.createKey(user: UserID("ana"), id: "ana-phone", at: keys)
        let service = try APIKeyFile.createKey(user: nil, id: "ops", at: keys)
        let log = folder.url.appendingPathComponent("shadow.jsonl").path
        try await Self.writeLog(log)
        let environment = ["MAIA_AUTH": "api-keys", "MAIA_API_KEYS_FILE": keys, "LLAMA_SHADOW_LOG_PATH": log]
        try await ServerHarness.run(environment: environment) { client, _ in
            let formHeaders: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]
            let anonymous = try await client.execute(uri: "/dashboard", method: .get)
            #expect(anonymous.status == .seeOther && anonymous.headers[.location] == "/dashboard/login")
            let asUser = try await client.execute(
                uri: "/dashboard",
                method: .get,
                headers: [.authorization: "Bearer \(user)"]
            )
            #expect(asUser.status == .forbidden && !asUser.text.contains("Message 0"))
            let comparisonAsUser = try await client.execute(
                uri: "/dashboard/comparison/0",
                method: .get,
                headers: [.authorization: "Bearer \(user)"]
            )
            #expect(comparisonAsUser.status == .forbidden && !comparisonAsUser.text.contains("Message 0"))
            let wrongKey = try await client.execute(
                uri: "/dashboard",
                method: .get,
                headers: [.authorization: "Bearer maia_sk_nope"]
            )
            #expect(wrongKey.status == .unauthorized)
            let asService = try await client.execute(
                uri: "/dashboard",
                method: .get,
                headers: [.authorization: "Bearer \(service)"]
            )
            #expect(asService.status == .ok && asService.text.contains("MAIA comparison dashboard"))
            let csp = try #require(asService.headers[HTTPField.Name("Content-Security-Policy")!])
            #expect(csp.hasPrefix("default-src 'none'; style-src 'sha256-") && !csp.contains("unsafe"))

            // Signing in: the login form's token, a service credential, a name.
            let loginPage = try await client.execute(uri: "/dashboard/login", method: .get)
            let loginToken = try #require(Self.token(loginPage.text))
            func login(_ fields: [String: String]) async throws -> TestResponse {
                try await client.execute(
                    uri: "/dashboard/login",
                    method: .post,
                    headers: formHeaders,
                    body: Self.form(fields)
                )
            }
            let userLogin = try await login(["csrf": loginToken, "credential": user, "name": "Ana"])
            #expect(userLogin.status == .forbidden && userLogin.headers[.setCookie] == nil)
            #expect(userLogin.text.contains("not of the service role") && !userLogin.text.contains(user))
            let noToken = try await login(["credential": service, "name": "Ops"])
            #expect(noToken.status == .forbidden && noToken.headers[.setCookie] == nil)
            let badName = try await login(["csrf": loginToken, "credential": service, "name": "<b>"])
            #expect(badName.status == .badRequest && badName.text.contains("Your name must be"))
            let signedIn = try await login(["csrf": loginToken, "credential": service, "name": "Rita Ops"])
            #expect(signedIn.status == .seeOther)
            let setCookie = try #require(signedIn.headers[.setCookie])
            #expect(
                setCookie.contains("HttpOnly") && setCookie.contains("SameSite=Lax")
                    && setCookie.contains("Path=/dashboard")
            )
            let cookie = String(setCookie.prefix { $0 != ";" })
            let page = try await client.execute(uri: "/dashboard", method: .get, headers: [.cookie: cookie])
            #expect(page.status == .ok && page.text.contains("dashboard:Rita Ops"))
            let token = try #require(Self.token(page.text))

            // The controls: no session, no token, another site, then the confirmation step and the change.
            func control(_ fields: [String: String], _ extra: HTTPFields = [:]) async throws -> TestResponse {
                var headers = formHeaders
                headers.append(contentsOf: extra)
                return try await client.execute(
                    uri: "/dashboard/control",
                    method: .post,
                    headers: headers,
                    body: Self.form(fields)
                )
            }
            let start = ["csrf": token, "action": "start", "percent": "20"]
            #expect(try await control(start, [.authorization: "Bearer \(service)"]).status == .forbidden, "no session")
            #expect(try await control(start, [.authorization: "Bearer \(user)"]).status == .forbidden)
            #expect(try await control(["action": "start", "percent": "20"], [.cookie: cookie]).status == .forbidden)
            let crossSite: HTTPFields = [.cookie: cookie, HTTPField.Name("Sec-Fetch-Site")!: "cross-site"]
            #expect(try await control(start, crossSite).status == .forbidden)
            let otherOrigin: HTTPFields = [.cookie: cookie, HTTPField.Name("Origin")!: "https://evil.example"]
            #expect(try await control(start, otherOrigin).status == .forbidden)
            let tooMuch = try await control(["csrf": token, "action": "start", "percent": "150"], [.cookie: cookie])
            #expect(tooMuch.status == .badRequest && tooMuch.text.contains("from 0 to 100"))
            let unknown = try await control(["csrf": token, "action": "delete"], [.cookie: cookie])
            #expect(unknown.status == .badRequest && unknown.text.contains("start, ramp, stop or clear"))
            let confirm = try await control(start, [.cookie: cookie])
            #expect(confirm.status == .ok && confirm.text.contains("Confirm the change"))
            let admin: HTTPFields = [.authorization: "Bearer \(service)"]
            let before = try await client.execute(uri: "/v1/admin/experiment", method: .get, headers: admin)
            #expect(before.json?["state"] == .null, "the confirmation step changes nothing")
            let done = try await control(
                start.merging(["confirm": "yes", "reason": "canary"]) { _, new in new },
                [.cookie: cookie]
            )
            #expect(done.status == .seeOther && done.headers[.location] == "/dashboard#controls")
            let after = try await client.execute(uri: "/v1/admin/experiment", method: .get, headers: admin)
            #expect(after.json?["state"]?["status"] == "running" && after.json?["state"]?["percent"] == 20)
            #expect(after.json?["state"]?["changed_by"] == "dashboard:Rita Ops")
            let again = try await control(start.merging(["confirm": "yes"]) { _, new in new }, [.cookie: cookie])
            #expect(again.status == .conflict && again.text.contains("already running"))

            // Signing out ends the session.
            var outHeaders = formHeaders
            outHeaders[.cookie] = cookie
            let out = try await client.execute(
                uri: "/dashboard/logout",
                method: .post,
                headers: outHeaders,
                body: Self.form(["csrf": token])
            )
            #expect(out.status == .seeOther)
            let afterOut = try await client.execute(uri: "/dashboard", method: .get, headers: [.cookie: cookie])
            #expect(afterOut.status == .seeOther && afterOut.headers[.location] == "/dashboard/login")
        }
        _ = folder
    }

    @Test("a message, a reply, a model name and tool arguments holding markup are shown as text")
    func escaping() async throws {
        let folder = try TemporaryDirectory()
        let log = folder.url.appendingPathComponent("shadow.jsonl").path
        try await Self.writeLog(log)
        try await ServerHarness.run(environment: ["LLAMA_SHADOW_LOG_PATH": log]) { client, _ in
            let page = try await client.execute(uri: "/dashboard", method: .get)
            #expect(page.status == .ok)
            #expect(!page.text.contains("<b>x</b>") && page.text.contains("llama-&lt;b&gt;x&lt;/b&gt;"))
            #expect(!page.text.lowercased().contains("<script"), "the dashboard has no script at all")
            let detail = try await client.execute(uri: "/dashboard/comparison/1", method: .get)
            #expect(detail.status == .ok)
            #expect(!detail.text.lowercased().contains("<script") && !detail.text.contains("<img"))
            #expect(
                detail.text.contains(
                    "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;"
                )
            )
            #expect(detail.text.contains("Message 1 &lt;script&gt;"), "the message, escaped")
            #expect(
                !detail.text.contains("<code>ana</code>") && detail.text.contains("<code>u-"),
                "the user id, hashed"
            )
        }
        _ = folder
    }

    @Test("a filter, a refresh or a comparison that is not accepted says what is")
    func badInput() async throws {
        let folder = try TemporaryDirectory()
        let log = folder.url.appendingPathComponent("shadow.jsonl").path
        try await Self.writeLog(log)
        try await ServerHarness.run(environment: ["LLAMA_SHADOW_LOG_PATH": log]) { client, _ in
            let cases: [(String, String)] = [
                ("/dashboard?from=yesterday", "from must be a day (YYYY-MM-DD) or an ISO 8601 time"),
                ("/dashboard?to=2026-13-45", "to must be a day"),
                ("/dashboard?source=web", "source must be live, batch or interactive"),
                ("/dashboard?language=%3Cscript%3E", "language must be a language code"),
                ("/dashboard?refresh=1", "refresh must be a whole number of seconds from 5 to 3600"),
            ]
            for (uri, message) in cases {
                let response = try await client.execute(uri: uri, method: .get)
                #expect(response.status == .badRequest && response.text.contains(message), "\(uri)")
                #expect(!response.text.contains("<script"), "\(uri)")
            }
            for uri in ["/dashboard/comparison/2", "/dashboard/comparison/-1", "/dashboard/comparison/x"] {
                let response = try await client.execute(uri: uri, method: .get)
                #expect(
                    response.status == .notFound && response.text.contains("no comparison with this number"),
                    "\(uri)"
                )
            }
            let empty = try await client.execute(uri: "/dashboard?from=2026-02-02&to=2026-01-01", method: .get)
            #expect(empty.status == .ok && empty.text.contains(#"<data id="shadow-comparisons" value="0.0">0</data>"#))
            let filtered = try await client.execute(uri: "/dashboard?language=de", method: .get)
            #expect(
                filtered.status == .ok && filtered.text.contains(#"<data id="shadow-comparisons" value="0.0">0</data>"#)
            )
        }
        _ = folder
    }
}
