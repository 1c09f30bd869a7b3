import Foundation
import HTTPTypes
import Hummingbird
import Logging
import MaiaApp
import MaiaConfig
import MaiaCore
import MaiaExperiments
import MaiaMemory

/// `POST /v1/turns/{id}/feedback` (a person's rating of their own turn) and the service role's controls of the
/// routing experiment named by `LLAMA_EXPERIMENT`: `GET /v1/admin/experiment` (state and history) and
/// `POST /v1/admin/experiment/start|ramp|stop|clear`, each change stored with who made it and when.
struct ExperimentRoutes {
    let service: MaiaService

    func add(to router: RouterGroup<MaiaRequestContext>) {
        router.post("turns/:id/feedback") { request, context in
            let user = try context.requireCaller().actingUser(request.headers)
            let turn = try context.parameters.require("id")
            let body = try await JSONBody.read(request, limit: service.maxBodyBytes)
            let ratingText = try body.string("rating")
            guard let rating = FeedbackRow.Rating(rawValue: ratingText) else {
                throw APIError.invalid("\"rating\" must be up or down (got \"\(ratingText.prefix(40))\")")
            }
            let row: FeedbackRow
            do {
                row = try FeedbackInput.row(
                    turn: turn,
                    user: user,
                    rating: rating,
                    comment: try body.optionalString("comment")
                )
            } catch let error as AppError {
                throw APIError.invalid(error.description)
            }
            do {
                try await service.app.store.recordFeedback(row)
            } catch let error as MemoryError where error.code == .notFound {
                throw APIError(.notFound, "not_found_error", "no answered turn with this id for this user")
            } catch {
                throw unavailable(error)
            }
            let json: JSONValue = [
                "turn_id": .string(row.turnID), "rating": .string(row.rating.rawValue),
                "comment": row.comment.map(JSONValue.string) ?? .null,
            ]
            return TurnRoutes.json(json.jsonText, status: .created)
        }
        router.get("admin/experiment") { request, context in
            let control = try self.control(context)
            let state = try await run { try await control.status() }
            let history = try await run { try await control.history() }
            let json: JSONValue = [
                "experiment": .string(control.experiment),
                "state": state.map(ExperimentStateJSON.json) ?? .null,
                "history": .array(history.map(ExperimentStateJSON.json)),
            ]
            return TurnRoutes.json(json.jsonText)
        }
        router.post("admin/experiment/start") { request, context in
            try await change(request, context) { control, body, who, reason in
                try await control.start(percent: try Self.percent(body), by: who, reason: reason)
            }
        }
        router.post("admin/experiment/ramp") { request, context in
            try await change(request, context) { control, body, who, reason in
                try await control.ramp(percent: try Self.percent(body), by: who, reason: reason)
            }
        }
        router.post("admin/experiment/stop") { request, context in
            try await change(request, context) { control, _, who, reason in
                try await control.stop(by: who, reason: reason)
            }
        }
        router.post("admin/experiment/clear") { request, context in
            try await change(request, context) { control, _, who, reason in
                try await control.clear(by: who, reason: reason)
            }
        }
    }

    /// Applies one change to the configured experiment and answers its new state.
    private func change(
        _ request: Request,
        _ context: MaiaRequestContext,
        _ operation: (ExperimentControl, JSONBody, String, String?) async throws -> ExperimentState
    ) async throws -> Response {
        let control = try self.control(context)
        let body = try await JSONBody.read(request, limit: service.maxBodyBytes)
        let reason = try body.optionalString("reason")
        let who = Self.who(request, try context.requireCaller())
        let state = try await run { try await operation(control, body, who, reason) }
        // This replica obeys at once; the others within their state cache's age.
        await service.app.routing?.state.invalidate()
        service.app.logger.notice(
            "experiment changed",
            metadata: ["experiment": "\(state.experiment)", "status": "\(state.status.rawValue)", "by": "\(who)"]
        )
        return TurnRoutes.json(ExperimentStateJSON.json(state).jsonText)
    }

    /// The controls of the configured experiment, for the service role only.
    private func control(_ context: MaiaRequestContext) throws -> ExperimentControl {
        guard try context.requireCaller().role == .service else {
            throw APIError.forbidden("the experiment routes are for the service role only")
        }
        return ExperimentControl(
            store: service.app.store,
            experiment: service.app.settings.experiments.experimentName
        )
    }

    /// Who a change is recorded as: `api:` and the user named in `X-MAIA-User`, or the service role.
    static func who(_ request: Request, _ caller: Caller) -> String {
        let named = request.headers[Caller.actAsHeader].flatMap { try? UserID(validating: $0) }
        return "api:" + (named?.rawValue ?? caller.user?.rawValue ?? "service")
    }

    static func percent(_ body: JSONBody) throws(APIError) -> Double {
        guard let value = body.object["percent"] else {
            throw APIError.invalid("\"percent\" is missing; it must be a number from 0 to 100")
        }
        guard let percent = value.numberValue, percent.isFinite, (0...100).contains(percent) else {
            throw APIError.invalid("\"percent\" must be a number from 0 to 100, e.g. 5 or 12.5")
        }
        return percent
    }

    private func run<T>(_ body: () async throws -> T) async throws(APIError) -> T {
        do {
            return try await body()
        } catch let error as APIError {
            throw error
        } catch let error as ExperimentControlError {
            switch error.code {
            case .invalidInput: throw APIError.invalid(error.message)
            case .conflict: throw APIError(.conflict, "conflict_error", error.message)
            default: throw unavailable(error)
            }
        } catch {
            throw unavailable(error)
        }
    }

    private func unavailable(_ error: any Error) -> APIError {
        service.app.logger.error("experiment request failed", metadata: ["error": "\(error)"])
        return APIError.unavailable("the experiment store is unavailable right now; try again")
    }
}
