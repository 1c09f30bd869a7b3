public import Hummingbird

/// Authenticates every request of the routes it guards, putting the ``Caller`` into the context; a request without
/// valid credentials is answered 401 before any route runs.
public struct AuthMiddleware: RouterMiddleware {
    public typealias Context = MaiaRequestContext
    let authenticator: Authenticator

    public func handle(
        _ request: Request,
        context: MaiaRequestContext,
        next: (Request, MaiaRequestContext) async throws -> Response
    ) async throws -> Response {
        var context = context
        context.caller = try await authenticator.authenticate(request)
        return try await next(request, context)
    }
}
