public import HTTPTypes
public import MaiaCore

/// Who is calling, as authentication established it. The user a request acts for always comes from here, never from
/// the request body.
public struct Caller: Sendable, Hashable {
    /// What the caller may do.
    public enum Role: String, Sendable, Hashable {
        /// Acts for its own user only.
        case user
        /// A trusted backend: may act for any user (naming it with `X-MAIA-User`) and reach admin routes.
        case service
    }

    /// The caller's own user (a key's user, a token's `sub`); `nil` for the service role.
    public let user: UserID?
    public let role: Role

    /// Creates a caller.
    public init(user: UserID?, role: Role) {
        self.user = user
        self.role = role
    }

    /// The header through which the service role (or a trusted loopback caller) names the user it acts for.
    public static let actAsHeader = HTTPField.Name("X-MAIA-User")!

    /// The user a request acts for: the caller's own user, or the one named in `X-MAIA-User` by the service role.
    /// A user caller may repeat its own id there but never name another.
    func actingUser(_ headers: HTTPFields) throws(APIError) -> UserID {
        let named = headers[Self.actAsHeader]
        let requested: UserID?
        if let named {
            do {
                requested = try UserID(validating: named)
            } catch {
                throw APIError.invalid("X-MAIA-User: \(error)")
            }
        } else {
            requested = nil
        }
        switch (role, user, requested) {
        case (.service, _, let requested?):
            return requested
        case (.service, let own?, nil):
            return own
        case (.service, nil, nil):
            throw APIError.invalid("name the user this request acts for in the X-MAIA-User header")
        case (.user, let own?, let requested?) where requested != own:
            throw APIError.forbidden("this credential acts for its own user only: X-MAIA-User may not name another")
        case (.user, let own?, _):
            return own
        case (.user, nil, _):
            throw APIError.unauthenticated("the credential names no user")
        }
    }
}
