public import Hummingbird
import Logging

/// The request context of every route: Hummingbird's core storage plus who is calling, set by ``AuthMiddleware``.
public struct MaiaRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The authenticated caller; `nil` only on the open routes (health, metrics, the API description).
    public var caller: Caller?
    /// The largest body a route decodes; turn and memory bodies are read through ``JSONBody`` with the same bound.
    public var maxUploadSize: Int

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        maxUploadSize = 1_048_576
    }

    /// The caller, or an authentication error on a route that needs one.
    func requireCaller() throws -> Caller {
        guard let caller else { throw APIError.unauthenticated("this route needs authentication") }
        return caller
    }
}
