import Foundation
import Logging
public import MaiaAgent
import MaiaCore

extension MaiaApplication {
    /// Answers one turn through the agent with a logger of its own (`turn_id`, the user as a pseudonym, then the
    /// engine and model that answered), and asks the background indexer to index what was stored. Message text is
    /// never logged.
    public func respond(
        _ input: TurnInput,
        onEvent: @escaping @Sendable (TurnEvent) -> Void = { _ in }
    ) async throws(AgentError) -> TurnOutcome {
        var logger = logger
        logger[metadataKey: "turn_id"] = "\(input.turnID)"
        logger[metadataKey: "user"] = "\(UserPseudonym(input.user))"
        logger.debug("turn started")
        let clock = ContinuousClock()
        let started = clock.now
        do {
            let outcome = try await agent.respond(input, onEvent: onEvent)
            if let run = outcome.run {
                logger[metadataKey: "engine"] = "\(run.engine)"
                logger[metadataKey: "model"] = "\(run.model)"
            }
            logger.info(
                "turn answered",
                metadata: [
                    "kind": "\(outcome.kind.rawValue)",
                    "latency_ms": "\(Int(started.duration(to: clock.now).milliseconds))",
                    "failed_engines": "\(outcome.failedEngines.count)",
                ]
            )
            if !outcome.storedMessageIDs.isEmpty { indexer.wake() }
            return outcome
        } catch {
            logger.warning("turn failed", metadata: ["code": "\(error.code)"])
            throw error
        }
    }
}
