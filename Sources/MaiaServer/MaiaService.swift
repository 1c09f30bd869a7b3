import Foundation
import HTTPTypes
import Logging
import MaiaAgent
public import MaiaApp
import MaiaConfig
import MaiaCore

/// Everything the routes share: the application, authentication, and the limits that keep one caller from
/// starving the others.
public struct MaiaService: Sendable {
    public let app: MaiaApplication
    let authenticator: Authenticator
    let rateLimiter: RateLimiter
    let gate: TurnGate
    let idempotency: IdempotencyCache
    /// Largest request body, in bytes.
    let maxBodyBytes: Int
    /// Longest a turn may take before the caller gets a timeout error.
    let turnTimeout: Duration

    /// Creates the service over a running application; `now` is the rate limiter's clock.
    public init(
        app: MaiaApplication,
        authenticator: Authenticator,
        turnWait: Duration = .seconds(2),
        now: @escaping @Sendable () -> ContinuousClock.Instant = { .now }
    ) {
        self.app = app
        self.authenticator = authenticator
        rateLimiter = RateLimiter(turnsPerMinute: app.settings.server.turnsPerMinute, now: now)
        gate = TurnGate(wait: turnWait)
        idempotency = IdempotencyCache()
        maxBodyBytes = app.settings.server.maxBodyBytes
        // MAIA_TURN_TIMEOUT bounds the engines inside the agent; this backstop adds room for reading and storing.
        turnTimeout = .seconds(app.settings.turnTimeoutSeconds + 30)
    }

    /// One turn as a route asks for it.
    struct TurnRequest: Sendable {
        let input: TurnInput
        /// The client's `Idempotency-Key`, when it sent one.
        let idempotencyKey: String?

        /// What must match for a retry to be the same turn.
        var fingerprint: String { "\(input.session?.rawValue ?? "")\u{0}\(input.message)" }
    }

    /// Answers a turn within the limits: a retry of a known `Idempotency-Key` gets the first answer; otherwise the
    /// user's rate, one turn at a time per session, and the timeout apply. Errors come back as ``APIError``s.
    func turn(
        _ request: TurnRequest,
        onEvent: @escaping @Sendable (TurnEvent) -> Void = { _ in }
    ) async throws(APIError) -> TurnOutcome {
        let input = request.input
        if let cached = try cachedOutcome(request) { return cached }
        if let wait = rateLimiter.acquire(input.user) {
            throw APIError(
                .tooManyRequests,
                "rate_limit_error",
                "more than \(Int(rateLimiter.capacity)) turns a minute for this user; retry in \(wait) s",
                headers: [.retryAfter: "\(wait)"]
            )
        }
        let outcome: TurnOutcome
        do {
            outcome = try await gate.run(user: input.user, session: input.session) {
                // A retry that waited for the first attempt finds its answer here.
                if let cached = try cachedOutcome(request) { return cached }
                return try await withTimeout(turnTimeout) { try await app.respond(input, onEvent: onEvent) }
            }
        } catch {
            throw Self.apiError(error, timeout: turnTimeout, logger: app.logger)
        }
        ServerMetrics.record(outcome)
        if let key = request.idempotencyKey {
            idempotency.store(outcome, user: input.user, key: key, fingerprint: request.fingerprint)
        }
        return outcome
    }

    private func cachedOutcome(_ request: TurnRequest) throws(APIError) -> TurnOutcome? {
        guard let key = request.idempotencyKey else { return nil }
        return try idempotency.outcome(user: request.input.user, key: key, fingerprint: request.fingerprint)
    }

    /// The client-facing error for a failed turn; details that are not the client's business go to the log only.
    static func apiError(_ error: any Error, timeout: Duration, logger: Logger) -> APIError {
        switch error {
        case let error as APIError:
            return error
        case is TurnGate.Busy:
            return APIError(
                .conflict,
                "conflict_error",
                "another turn of this user and session is still running; send turns of one session one at a time"
            )
        case is TimedOut:
            ServerMetrics.recordFailure("timeout")
            return APIError(
                .gatewayTimeout,
                "timeout_error",
                "the turn took longer than \(timeout.components.seconds) s (MAIA_TURN_TIMEOUT and 30 s to read and store); "
                    + "nothing was stored"
            )
        case let error as AgentError where error.code == .invalidInput:
            return APIError.invalid(error.message)
        case let error as AgentError where error.code == .enginesFailed:
            ServerMetrics.recordFailure("engines_failed")
            return APIError(.badGateway, "engine_error", error.message)
        case let error as AgentError:
            ServerMetrics.recordFailure("storage")
            logger.error("turn could not use memory", metadata: ["error": "\(error.message)"])
            return APIError.unavailable("memory is unavailable right now; nothing was stored, try again")
        default:
            logger.error("turn failed unexpectedly", metadata: ["error": "\(type(of: error))"])
            return APIError(.internalServerError, "server_error", "the turn failed; nothing was stored, try again")
        }
    }
}

/// The work did not finish within its bound.
struct TimedOut: Error {}

/// Runs `work`, cancelling it and throwing ``TimedOut`` once `bound` has passed.
func withTimeout<T: Sendable>(_ bound: Duration, _ work: @escaping @Sendable () async throws -> T) async throws -> T {
    try await withThrowingTaskGroup(of: T.self) { group in
        group.addTask { try await work() }
        group.addTask {
            try await Task.sleep(for: bound)
            throw TimedOut()
        }
        defer { group.cancelAll() }
        return try await group.next()!
    }
}
