public import Hummingbird
import Logging

/// Makes every error a JSON `{"error": {"type", "message"}}` body: Hummingbird's own errors (unknown route, wrong
/// method, too large a body) keep their status with a plain message, and anything unexpected becomes a 500 that says
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
