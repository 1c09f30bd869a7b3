import Foundation
import HTTPTypes
import HummingbirdTesting
import JWTKit
import MaiaConfig
import MaiaCore
import MaiaServer
import MaiaTesting
import Testing

@Suite("Who may do what: API keys, Supabase JWTs, and MAIA_AUTH=none only on loopback")
struct AuthTests {
    static let secret = "super-secret-jwt-token-with-at-least-32-characters-long"

    @Test("an API key acts for its own user only; a service key acts for the user it names")
    func apiKeys() async throws {
        let folder = try TemporaryDirectory()
        let file = folder.url.appendingPathComponent("keys.json").path
        let ana = try APIKeyFile.createKey(user: UserID("ana"), id: "ana-phone", at: file)
        let service = try APIKeyFile.createKey(user: nil, id: "backend", at: file)
        let stored = try String(contentsOfFile: file, encoding: .utf8)
        #expect(!stored.contains(ana) && !stored.contains(service), "only hashes are stored")
        #expect(stored.contains(APIKeyFile.hash(ana)))
        let mode = try FileManager.default.attributesOfItem(atPath: file)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        try await ServerHarness.run(environment: ["MAIA_AUTH": "api-keys", "MAIA_API_KEYS_FILE": file]) { client, _ in
            func recent(_ headers: HTTPFields) async throws -> TestResponse {
                try await client.execute(uri: "/v1/memories/recent", method: .get, headers: headers)
            }
            let add = try await client.execute(
                uri: "/v1/memories",
                method: .post,
                headers: [.authorization: "Bearer \(ana)"],
                body: .json(["role": "user", "content": "ana's secret"])
            )
            #expect(add.status == .created)
            #expect(try await recent([.authorization: "Bearer \(ana)"]).json?.arrayValue?.count == 1)
            let other = try await recent([.authorization: "Bearer \(ana)", HTTPField.Name("X-MAIA-User")!: "ben"])
            #expect(other.status == .forbidden)
            #expect(other.errorType == "permission_error")
            let asService = try await recent([
                .authorization: "Bearer \(service)", HTTPField.Name("X-MAIA-User")!: "ana",
            ])
            #expect(asService.json?.arrayValue?.first?["content"] == "ana's secret")
            let serviceNoUser = try await recent([.authorization: "Bearer \(service)"])
            #expect(serviceNoUser.status == .badRequest)
            #expect(serviceNoUser.errorMessage.contains("X-MAIA-User"))
            for headers: HTTPFields in [
                [:], [.authorization: "Bearer maia_sk_wrong"], [.authorization: "Basic \(ana)"],
                [.authorization: "Bearer"],
            ] {
                let refused = try await recent(headers)
                #expect(refused.status == .unauthorized, "\(headers)")
                #expect(refused.errorType == "authentication_error")
                #expect(!refused.text.contains(ana))
            }
            let open = try await client.execute(uri: "/healthz", method: .get)
            #expect(open.status == .ok, "operations routes need no credentials")
        }
        _ = folder
    }

    @Test("a key file that is missing or malformed stops the server with the reason")
    func badKeyFile() async throws {
        let folder = try TemporaryDirectory()
        let missing = folder.url.appendingPathComponent("none.json").path
        await #expect(throws: AuthSetupError.self) {
            _ = try await Authenticator.make(Self.server(["MAIA_AUTH": "api-keys", "MAIA_API_KEYS_FILE": missing]))
        }
        let bad = folder.url.appendingPathComponent("bad.json")
        try Data(#"{"keys":[{"id":"x","sha256":"abc","user":"ana"}]}"#.utf8).write(to: bad)
        do {
            _ = try await Authenticator.make(Self.server(["MAIA_AUTH": "api-keys", "MAIA_API_KEYS_FILE": bad.path]))
            Issue.record("a malformed key file was accepted")
        } catch let error as AuthSetupError {
            #expect(error.description.contains("64 hex digits"))
        }
    }

    static func server(_ environment: [String: String]) throws -> MaiaSettings.Server {
        try MaiaSettings(RawSettings(environment: environment, envFile: [:])).server
    }

    struct Claims: JWTPayload {
        var sub: SubjectClaim?
        var exp: ExpirationClaim
        var nbf: NotBeforeClaim?
        var aud: AudienceClaim?
        var role: String?
        func verify(using algorithm: some JWTAlgorithm) async throws {}
    }

    static func token(
        sub: String? = "ana",
        expires: TimeInterval = 600,
        notBefore: TimeInterval? = nil,
        audience: String = "authenticated",
        role: String? = "authenticated",
        secret: String = AuthTests.secret
    ) async throws -> String {
        let keys = JWTKeyCollection()
        await keys.add(hmac: HMACKey(from: secret), digestAlgorithm: .sha256)
        return try await keys.sign(
            Claims(
                sub: sub.map { SubjectClaim(value: $0) },
                exp: ExpirationClaim(value: Date().addingTimeInterval(expires)),
                nbf: notBefore.map { NotBeforeClaim(value: Date().addingTimeInterval($0)) },
                aud: AudienceClaim(value: [audience]),
                role: role
            )
        )
    }

    @Test("a Supabase access token is verified: signature, exp, nbf, audience; sub is the user")
    func supabaseTokens() async throws {
        let env = ["MAIA_AUTH": "supabase-jwt", "SUPABASE_JWT_SECRET": Self.secret]
        let good = try await Self.token()
        let refused = [
            try await Self.token(expires: -60), try await Self.token(notBefore: 600),
            try await Self.token(audience: "anon-app"), try await Self.token(secret: String(repeating: "x", count: 40)),
            try await Self.token(sub: nil), "not.a.jwt",
        ]
        let service = try await Self.token(sub: nil, role: "service_role")
        try await ServerHarness.run(environment: env) { client, _ in
            let add = try await client.execute(
                uri: "/v1/memories",
                method: .post,
                headers: [.authorization: "Bearer \(good)"],
                body: .json(["role": "user", "content": "from the app"])
            )
            #expect(add.status == .created, "\(add.text)")
            #expect(add.json?.arrayValue?.first?["user_id"] == "ana")
            for token in refused {
                let response = try await client.execute(
                    uri: "/v1/memories/recent",
                    method: .get,
                    headers: [.authorization: "Bearer \(token)"]
                )
                #expect(response.status == .unauthorized, "\(response.text)")
                #expect(response.errorMessage.hasPrefix("the access token was refused"))
                #expect(!response.text.contains(Self.secret))
            }
            let asService = try await client.execute(
                uri: "/v1/memories/recent",
                method: .get,
                headers: [.authorization: "Bearer \(service)", HTTPField.Name("X-MAIA-User")!: "ana"]
            )
            #expect(asService.json?.arrayValue?.count == 1)
        }
    }

    @Test("MAIA_AUTH=none is refused on an address other than loopback, with the reason")
    func noneOnlyOnLoopback() throws {
        #expect(MaiaServer.refusal(try Self.server([:])) == nil)
        #expect(MaiaServer.refusal(try Self.server(["MAIA_HOST": "::1"])) == nil)
        let refusal = try #require(MaiaServer.refusal(try Self.server(["MAIA_HOST": "0.0.0.0"])))
        #expect(refusal.contains("MAIA_AUTH=none is accepted only on a loopback address"))
        #expect(MaiaServer.refusal(try Self.server(["MAIA_HOST": "0.0.0.0", "MAIA_AUTH": "api-keys"])) == nil)
    }
}
