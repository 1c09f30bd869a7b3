import Foundation
import HTTPTypes
import Hummingbird
import MaiaAgent
import MaiaApp
import MaiaCore

/// `POST /v1/turns`: one MAIA turn for the authenticated user, as JSON (the shape of `maia ask --user --json`) or,
/// with `Accept: text/event-stream`, as events while it happens: `turn.started`, `tool.call`, `tool.result`,
/// `reply.delta`, `turn.completed`, `error`.
struct TurnRoutes {
    let service: MaiaService

    func add(to router: RouterGroup<MaiaRequestContext>) {
        router.post("turns") { request, context in try await turn(request, context) }
    }

    static let idempotencyHeader = HTTPField.Name("Idempotency-Key")!
    static let serverTiming = HTTPField.Name("Server-Timing")!

    private func turn(_ request: Request, _ context: MaiaRequestContext) async throws -> Response {
        let user = try context.requireCaller().actingUser(request.headers)
        let body = try await JSONBody.read(request, limit: service.maxBodyBytes)
        let turn = MaiaService.TurnRequest(
            input: TurnInput(
                user: user,
                session: try body.session(),
                message: try body.string("message"),
                turnID: try Self.idempotencyKey(request.headers)
            ),
            idempotencyKey: request.headers[Self.idempotencyHeader]
        )
        guard request.headers[.accept]?.contains("text/event-stream") == true else {
            let outcome = try await service.turn(turn)
            var response = Self.json(TurnReport.json(outcome, turnID: turn.input.turnID).jsonText)
            // The agent's own time, so that a client (or `maia-bench serve`) can tell the server's overhead apart.
            response.headers[Self.serverTiming] = "agent;dur=\((outcome.elapsed.milliseconds * 1000).rounded() / 1000)"
            return response
        }
        let service = service
        return EventStream.response { send in
            send(EventStream.event("turn.started", Self.started(turn.input).jsonText))
            do {
                let outcome = try await service.turn(turn) { event in
                    if let (name, data) = Self.sse(event) { send(EventStream.event(name, data.jsonText)) }
                }
                send(EventStream.event("turn.completed", TurnReport.json(outcome, turnID: turn.input.turnID).jsonText))
            } catch {
                send(EventStream.event("error", APIError.from(error).body.jsonText))
            }
        }
    }

    /// The client's `Idempotency-Key`, which becomes the turn id (and so the stored messages' client ids).
    static func idempotencyKey(_ headers: HTTPFields) throws(APIError) -> String? {
        guard let key = headers[idempotencyHeader] else { return nil }
        // The key becomes the stored messages' client ids (`<key>:user`, `<key>:maia`), which hold 200 characters.
        guard (1...128).contains(key.count), key.unicodeScalars.allSatisfy({ (0x21...0x7E).contains($0.value) }) else {
            throw APIError.invalid("Idempotency-Key must be 1-128 visible ASCII characters, e.g. a UUID")
        }
        return key
    }

    private static func started(_ input: TurnInput) -> JSONValue {
        ["turn_id": .string(input.turnID), "session_id": input.session.map { .string($0.rawValue) } ?? .null]
    }

    /// A turn event as an SSE event name and payload; events the stream does not show return `nil`.
    static func sse(_ event: TurnEvent) -> (String, JSONValue)? {
        switch event {
        case .textDelta(let text):
            return ("reply.delta", ["text": .string(text)])
        case .toolStarted(let name, let arguments):
            return ("tool.call", ["name": .string(name), "arguments": arguments])
        case .toolFinished(let name, let isError, let size):
            return ("tool.result", ["name": .string(name), "size": .number(Double(size)), "error": .bool(isError)])
        case .fallback(let from, let to):
            // Text streamed so far came from an engine that failed: the client discards it.
            return ("reply.reset", ["failed_engine": .string(from), "engine": .string(to)])
        }
    }

    static func json(_ text: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(
            status: status,
            headers: [.contentType: "application/json"],
            body: .init(byteBuffer: ByteBuffer(string: text))
        )
    }
}
