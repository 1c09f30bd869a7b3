import Foundation
import Hummingbird
import JWTKit
public import MaiaConfig
import MaiaCore

/// Establishes the ``Caller`` of a request per `MAIA_AUTH`.
public struct Authenticator: Sendable {
    enum Mode: Sendable {
        /// A trusted caller on loopback, acting for the user it names.
        case none
        case apiKeys(APIKeyFile)
        case supabase(keys: JWTKeyCollection, audience: String)
    }

    let mode: Mode

    /// The authenticator of `settings`; a missing key file, secret or JWKS stops the server with the reason.
    public static func make(_ settings: MaiaSettings.Server) async throws -> Authenticator {
        switch settings.auth {
        case .none:
            return Authenticator(mode: .none)
        case .apiKeys:
            return Authenticator(mode: .apiKeys(try APIKeyFile(path: settings.apiKeysFile)))
        case .supabaseJWT:
            let keys = JWTKeyCollection()
            if let secret = settings.jwtSecret {
                await keys.add(hmac: HMACKey(from: secret), digestAlgorithm: .sha256)
            }
            if let file = settings.jwksFile {
                guard let json = try? String(contentsOfFile: file, encoding: .utf8) else {
                    throw AuthSetupError("cannot read SUPABASE_JWKS_FILE \(file)")
                }
                do {
                    try await keys.add(jwksJSON: json)
                } catch {
                    throw AuthSetupError("SUPABASE_JWKS_FILE \(file) is not a JSON Web Key Set")
                }
            }
            guard settings.jwtSecret != nil || settings.jwksFile != nil else {
                throw AuthSetupError("MAIA_AUTH=supabase-jwt needs SUPABASE_JWT_SECRET or SUPABASE_JWKS_FILE")
            }
            return Authenticator(mode: .supabase(keys: keys, audience: settings.jwtAudience))
        }
    }

    /// The caller of `request`, or an authentication error that says what was missing or wrong.
    func authenticate(_ request: Request) async throws(APIError) -> Caller {
        switch mode {
        case .none:
            return Caller(user: nil, role: .service)
        case .apiKeys, .supabase:
            return try await authenticate(credential: try bearer(request))
        }
    }

    /// The caller a credential (an API key or an access token, as sent after `Bearer`) stands for; the dashboard's
    /// sign-in form checks a pasted credential with it. With `MAIA_AUTH=none` every caller is the service role.
    func authenticate(credential: String) async throws(APIError) -> Caller {
        switch mode {
        case .none:
            return Caller(user: nil, role: .service)
        case .apiKeys(let file):
            guard let caller = file.caller(forKey: credential) else {
                throw APIError.unauthenticated("the API key is not valid")
            }
            return caller
        case .supabase(let keys, let audience):
            let token = credential
            let claims: SupabaseClaims
            do {
                claims = try await keys.verify(token, as: SupabaseClaims.self)
            } catch let error as JWTError {
                throw APIError.unauthenticated("the access token was refused: \(Self.reason(error))")
            } catch {
                throw APIError.unauthenticated("the access token was refused: it is not a valid JWT")
            }
            guard claims.aud?.value.contains(audience) == true else {
                throw APIError.unauthenticated("the access token was refused: its audience is not \(audience)")
            }
            if claims.role == "service_role" { return Caller(user: nil, role: .service) }
            guard let subject = claims.sub?.value else {
                throw APIError.unauthenticated("the access token was refused: it names no user (sub)")
            }
            do {
                return Caller(user: try UserID(validating: subject), role: .user)
            } catch {
                throw APIError.unauthenticated("the access token was refused: its sub is not a user id: \(error)")
            }
        }
    }

    private func bearer(_ request: Request) throws(APIError) -> String {
        guard let header = request.headers[.authorization] else {
            throw APIError.unauthenticated("send the credential as `Authorization: Bearer <token>`")
        }
        let parts = header.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer", !parts[1].isEmpty else {
            throw APIError.unauthenticated("the Authorization header must be `Bearer <token>`")
        }
        return String(parts[1])
    }

    /// A short reason for a refused token, without echoing the token.
    private static func reason(_ error: JWTError) -> String {
        switch error.errorType {
        case .claimVerificationFailure: "it has expired, is not yet valid, or a claim does not hold"
        case .signatureVerificationFailed: "its signature does not verify"
        case .missingKIDHeader, .unknownKID: "it was not signed by a configured key"
        default: "it is not a valid JWT"
        }
    }
}

/// The claims of a Supabase access token that MAIA checks: `exp`, `nbf`, `aud`, `sub`, `role`.
struct SupabaseClaims: JWTPayload {
    var sub: SubjectClaim?
    var exp: ExpirationClaim
    var nbf: NotBeforeClaim?
    var aud: AudienceClaim?
    var role: String?

    func verify(using algorithm: some JWTAlgorithm) async throws {
        try exp.verifyNotExpired()
        try nbf?.verifyNotBefore()
    }
}
