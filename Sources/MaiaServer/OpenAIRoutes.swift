import Foundation
import HTTPTypes
import Hummingbird
import MaiaAgent
import MaiaApp
import MaiaCore
import MaiaEngines

/// OpenAI-compatible `POST /v1/chat/completions` and `GET /v1/models`: the last user message is a MAIA turn for the
/// authenticated user (model `maia`); MAIA keeps the history itself, so earlier messages in the request are not
/// replayed. `X-MAIA-Session` names the session (default: none). Streaming sends `chat.completion.chunk` events,
/// a usage chunk with `stream_options.include_usage`, and `data: [DONE]`.
struct OpenAIRoutes {
    let service: MaiaService
    static let model = "maia"
    static let sessionHeader = HTTPField.Name("X-MAIA-Session")!

    func add(to router: RouterGroup<MaiaRequestContext>) {
        router.get("models") { _, context in
            _ = try context.requireCaller()
            let model: JSONValue = [
                "id": .string(Self.model), "object": "model", "created": 1_767_225_600, "owned_by": "maia",
            ]
            return TurnRoutes.json((["object": "list", "data": [model]] as JSONValue).jsonText)
        }
        router.post("chat/completions") { request, context in try await completion(request, context) }
    }

    private func completion(_ request: Request, _ context: MaiaRequestContext) async throws -> Response {
        let user = try context.requireCaller().actingUser(request.headers)
        let body = try await JSONBody.read(request, limit: service.maxBodyBytes)
        let model = try body.string("model")
        guard model == Self.model else {
            throw APIError(
                .notFound,
                "invalid_request_error",
                "the model \"\(model.prefix(80))\" does not exist; use \"maia\""
            )
        }
        let stream = try body.optionalBool("stream") ?? false
        let includeUsage = body.object["stream_options"]?["include_usage"]?.boolValue ?? false
        let session: SessionID?
        if let name = request.headers[Self.sessionHeader] {
            do {
                session = try SessionID(validating: name)
            } catch {
                throw APIError.invalid("X-MAIA-Session: \(error)")
            }
        } else {
            session = nil
        }
        let turn = MaiaService.TurnRequest(
            input: TurnInput(
                user: user,
                session: session,
                message: try Self.lastUserMessage(body),
                turnID: try TurnRoutes.idempotencyKey(request.headers)
            ),
            idempotencyKey: request.headers[TurnRoutes.idempotencyHeader]
        )
        let id = "chatcmpl-" + turn.input.turnID.replacingOccurrences(of: "-", with: "")
        let created = Int(Date().timeIntervalSince1970)
        guard stream else {
            let outcome = try await service.turn(turn)
            return TurnRoutes.json(Self.completion(outcome, id: id, created: created).jsonText)
        }
        let service = service
        return EventStream.response { send in
            @Sendable func chunk(_ delta: JSONValue, finish: JSONValue = .null) {
                let choice: JSONValue = ["index": 0, "delta": delta, "finish_reason": finish]
                send(EventStream.event(nil, Self.chunk(id: id, created: created, choices: [choice]).jsonText))
            }
            chunk(["role": "assistant", "content": ""])
            do {
                let outcome = try await service.turn(turn) { event in
                    if case .textDelta(let text) = event { chunk(["content": .string(text)]) }
                }
                // Crisis replies and invitations come from MAIA, not a model: they arrive whole.
                if outcome.kind != .answer { chunk(["content": .string(outcome.reply)]) }
                chunk([:], finish: "stop")
                if includeUsage {
                    var last = Self.chunk(id: id, created: created, choices: [])
                    last = last.merging(["usage": Self.usage(outcome)])
                    send(EventStream.event(nil, last.jsonText))
                }
            } catch {
                send(EventStream.event(nil, APIError.from(error).body.jsonText))
            }
            send(EventStream.event(nil, "[DONE]"))
        }
    }

    /// The text of the last `user` message; content may be a string or an array of `{type: "text", text}` parts.
    static func lastUserMessage(_ body: JSONBody) throws(APIError) -> String {
        guard let messages = body.object["messages"]?.arrayValue, !messages.isEmpty else {
            throw APIError.invalid("\"messages\" must be a non-empty array of {role, content}")
        }
        guard let last = messages.last(where: { $0["role"]?.stringValue == "user" }) else {
            throw APIError.invalid("\"messages\" has no message with role \"user\"; MAIA answers the last one")
        }
        switch last["content"] {
        case .string(let text)?:
            return text
        case .array(let parts)?:
            let texts = parts.compactMap { $0["type"]?.stringValue == "text" ? $0["text"]?.stringValue : nil }
            guard texts.count == parts.count else {
                throw APIError.invalid(
                    "message content parts must be {\"type\": \"text\", \"text\": ...}; MAIA reads text only"
                )
            }
            return texts.joined(separator: "\n")
        default:
            throw APIError.invalid("the last user message's \"content\" must be a string or an array of text parts")
        }
    }

    static func usage(_ outcome: TurnOutcome) -> JSONValue {
        let input = outcome.run?.usage.totalInputTokens ?? 0
        let output = outcome.run?.usage.outputTokens ?? 0
        return [
            "prompt_tokens": .number(Double(input)), "completion_tokens": .number(Double(output)),
            "total_tokens": .number(Double(input + output)),
        ]
    }

    static func completion(_ outcome: TurnOutcome, id: String, created: Int) -> JSONValue {
        [
            "id": .string(id), "object": "chat.completion", "created": .number(Double(created)),
            "model": .string(model),
            "choices": [
                [
                    "index": 0, "message": ["role": "assistant", "content": .string(outcome.reply)],
                    "finish_reason": "stop",
                ]
            ],
            "usage": usage(outcome),
        ]
    }

    static func chunk(id: String, created: Int, choices: [JSONValue]) -> JSONValue {
        [
            "id": .string(id), "object": "chat.completion.chunk", "created": .number(Double(created)),
            "model": .string(model), "choices": .array(choices),
        ]
    }
}

extension JSONValue {
    /// This object with `other`'s members added (other wins); non-objects are returned unchanged.
    func merging(_ other: [String: JSONValue]) -> JSONValue {
        guard case .object(var members) = self else { return self }
        members.merge(other) { _, new in new }
        return .object(members)
    }
}
