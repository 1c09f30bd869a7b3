import Hummingbird
import Logging

/// Makes every error a JSON `{"error": {"type", "message"}}` body: Hummingbird's own errors (unknown route, wrong
/// method, too large a body) keep their status with a plain message (a known path with another method gets 405), and anything unexpected becomes a 500 that says
/// nothing about internals.
struct ErrorBodyMiddleware: RouterMiddleware {
    typealias Context = MaiaRequestContext

    func handle(
        _ request: Request,
        context: MaiaRequestContext,
        next: (Request, MaiaRequestContext) async throws -> Response
    ) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as APIError {
            throw error
        } catch let error as HTTPError {
            if error.status == .notFound, let allowed = APISpec.shared.methods(for: request.uri.path) {
                throw APIError(
                    .methodNotAllowed,
                    "invalid_request_error",
                    "\(request.uri.path) accepts \(allowed.joined(separator: ", ")), not \(request.method)",
                    headers: [.allow: allowed.joined(separator: ", ")]
                )
            }
            let type = error.status == .notFound ? "not_found_error" : "invalid_request_error"
            let message =
                error.status == .notFound
                ? "no such route: \(request.method) \(request.uri.path); see /openapi.json"
                : (error.body ?? error.status.reasonPhrase)
            throw APIError(error.status, type, message)
        } catch {
            context.logger.error("request failed unexpectedly", metadata: ["error": "\(type(of: error))"])
            throw APIError(.internalServerError, "server_error", "the request failed; try again")
        }
    }
}
