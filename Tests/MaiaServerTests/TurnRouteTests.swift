import Foundation
import HTTPTypes
import HummingbirdTesting
import MaiaCore
import MaiaTesting
import NIOCore
import Testing

@Suite("POST /v1/turns: JSON and server-sent events, idempotency, limits and bad input")
struct TurnRouteTests {
    static let turns = "/v1/turns"

    @Test("a JSON turn answers with the ask --json fields and stores the exchange for the caller's user")
    func jsonTurn() async throws {
        try await ServerHarness.run { client, _ in
            let response = try await client.execute(
                uri: Self.turns,
                method: .post,
                headers: .user("ana"),
                body: .json(["message": "I started painting again", "session_id": "s1"])
            )
            #expect(response.status == .ok, "\(response.text)")
            let json = try #require(response.json)
            #expect(json["reply"] == .string(ServerHarness.reply))
            #expect(json["engine"] == "claude")
            #expect(json["kind"] == "answer")
            #expect(json["stored_message_ids"]?.arrayValue?.count == 2)
            // The agent's own time, which maia-bench serve subtracts from the request's to get the server's share.
            let timing = try #require(response.headers[HTTPField.Name("Server-Timing")!])
            #expect(timing.hasPrefix("agent;dur="))
            #expect((Double(timing.dropFirst("agent;dur=".count)) ?? -1) > 0, "\(timing)")
            let recent = try await client.execute(uri: "/v1/memories/recent", method: .get, headers: .user("ana"))
            let records = try #require(recent.json?.arrayValue)
            #expect(records.map { $0["content"] } == [.string(ServerHarness.reply), "I started painting again"])
            #expect(records.allSatisfy { $0["user_id"] == "ana" && $0["session_id"] == "s1" })
            let other = try await client.execute(uri: "/v1/memories/recent", method: .get, headers: .user("ben"))
            #expect(other.json == [])
        }
    }

    @Test("a streamed turn sends turn.started, tool.call with arguments, tool.result, reply deltas, turn.completed")
    func streamedTurnWithTool() async throws {
        try await ServerHarness.run(provider: ServerHarness.anthropic(tools: true)) { client, _ in
            let response = try await client.execute(
                uri: Self.turns,
                method: .post,
                headers: .user("ana", [.accept: "text/event-stream"]),
                body: .json(["message": "What did I tell you about my sister?"])
            )
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "text/event-stream")
            let events = response.events
            let names = events.map { $0.name ?? "" }
            #expect(names.first == "turn.started")
            #expect(names.last == "turn.completed")
            // The recording calls lookup_supabase (naming another user, which must not matter) and recall_breakthroughs.
            let calls = events.filter { $0.name == "tool.call" }.compactMap { JSONValue(parsing: $0.data) }
            let results = events.filter { $0.name == "tool.result" }.compactMap { JSONValue(parsing: $0.data) }
            #expect(calls.map { $0["name"] } == ["lookup_supabase", "recall_breakthroughs"])
            #expect(calls.allSatisfy { $0["arguments"]?.objectValue != nil })
            #expect(results.map { $0["name"] } == calls.map { $0["name"] })
            #expect(results.last?["error"] == false)
            #expect(results.allSatisfy { ($0["size"]?.numberValue ?? 0) > 0 })
            let text = events.filter { $0.name == "reply.delta" }.compactMap {
                JSONValue(parsing: $0.data)?["text"]?.stringValue
            }
            let completed = try #require(events.last.flatMap { JSONValue(parsing: $0.data) })
            #expect(text.joined() == completed["reply"]?.stringValue)
            #expect(completed["tool_calls"]?.arrayValue?.count == 2)
            #expect(names.firstIndex(of: "tool.call")! < names.firstIndex(of: "tool.result")!)
        }
    }

    @Test("a retried turn with the same Idempotency-Key is answered from the first attempt and stored once")
    func idempotentRetry() async throws {
        try await ServerHarness.run { client, provider in
            let headers = HTTPFields.user("ana", [HTTPField.Name("Idempotency-Key")!: "turn-0001"])
            let body: JSONValue = ["message": "Remember that I like tea"]
            let first = try await client.execute(uri: Self.turns, method: .post, headers: headers, body: .json(body))
            let second = try await client.execute(uri: Self.turns, method: .post, headers: headers, body: .json(body))
            #expect(first.status == .ok)
            #expect(second.status == .ok)
            #expect(first.json?["stored_message_ids"] == second.json?["stored_message_ids"])
            #expect(await provider.requests.filter { $0.path == "/v1/messages" }.count == 1)
            let recent = try await client.execute(uri: "/v1/memories/recent", method: .get, headers: .user("ana"))
            #expect(recent.json?.arrayValue?.count == 2)
            let reused = try await client.execute(
                uri: Self.turns,
                method: .post,
                headers: headers,
                body: .json(["message": "Something else entirely"])
            )
            #expect(reused.status == .unprocessableContent)
            #expect(reused.errorType == "idempotency_error")
        }
    }

    @Test("bad input is refused with a message naming what is accepted, and nothing is stored")
    func badInput() async throws {
        try await ServerHarness.run(environment: ["MAIA_MAX_BODY_BYTES": "2048"]) { client, provider in
            func post(_ body: ByteBuffer, _ headers: HTTPFields = .user("ana")) async throws -> TestResponse {
                try await client.execute(uri: Self.turns, method: .post, headers: headers, body: body)
            }
            let cases: [(ByteBuffer, HTTPFields, HTTPResponse.Status, String)] = [
                (ByteBuffer(string: "not json"), .user("ana"), .badRequest, "JSON object"),
                (.json(["text": "hi"]), .user("ana"), .badRequest, "\"message\" is missing"),
                (.json(["message": 42]), .user("ana"), .badRequest, "\"message\" must be a string"),
                (.json(["message": "a\u{0}b"]), .user("ana"), .badRequest, "NUL character"),
                (
                    .json(["message": "hi", "session_id": ""]), .user("ana"), .badRequest,
                    "\"session_id\": this one is empty"
                ),
                // Ids are byte-exact: " s1" is refused rather than read as "s1" (HTTP itself strips header values).
                (
                    .json(["message": "hi", "session_id": " s1"]), .user("ana"), .badRequest,
                    "\"session_id\": this one starts with whitespace (U+0020); ids are 1-200 characters"
                ),
                (
                    .json(["message": "hi", "session_id": "s\u{1B}1"]), .user("ana"), .badRequest,
                    "\"session_id\": code point 2 is U+001B, a control character"
                ),
                (
                    .json(["message": "hi", "session_id": 7]), .user("ana"), .badRequest,
                    "\"session_id\" must be a string"
                ),
                (
                    .json(["message": .string(String(repeating: "a", count: 3000))]), .user("ana"), .contentTooLarge,
                    "2048"
                ),
                (.json(["message": "hi"]), [:], .badRequest, "X-MAIA-User"),
                (.json(["message": "hi"]), .user(String(repeating: "a", count: 201)), .badRequest, "X-MAIA-User"),
                (
                    .json(["message": "hi"]), .user("ana", [HTTPField.Name("Idempotency-Key")!: "has space"]),
                    .badRequest, "Idempotency-Key"
                ),
                (
                    .json(["message": "hi"]),
                    .user("ana", [HTTPField.Name("Idempotency-Key")!: String(repeating: "k", count: 129)]),
                    .badRequest, "1-128 visible ASCII characters"
                ),
            ]
            for (body, headers, status, fragment) in cases {
                let response = try await post(body, headers)
                #expect(response.status == status, "\(fragment): \(response.text)")
                #expect(response.errorMessage.contains(fragment), "\(response.errorMessage)")
                #expect(response.errorType != nil)
            }
            let long = try await post(.json(["message": .string(String(repeating: "a", count: 1500))]))
            #expect(long.status == .ok, "under the body limit and the 8,000-character message limit")
            #expect(await provider.requests.filter { $0.path == "/v1/messages" }.count == 1)
        }
        try await ServerHarness.run { client, provider in
            let tooLong = try await client.execute(
                uri: Self.turns,
                method: .post,
                headers: .user("ana"),
                body: .json(["message": .string(String(repeating: "word ", count: 1700))])
            )
            #expect(tooLong.status == .badRequest)
            #expect(tooLong.errorMessage.contains("at most 8000 characters"))
            #expect(await provider.requests.isEmpty)
            let recent = try await client.execute(uri: "/v1/memories/recent", method: .get, headers: .user("ana"))
            #expect(recent.json == [])
        }
    }

    @Test("more turns than MAIA_TURNS_PER_MINUTE get 429 with Retry-After; another user is not affected")
    func rateLimit() async throws {
        // The limiter's clock stands still, so that however slow the turns, no token is refilled mid-test.
        let frozen = ContinuousClock.now
        let stopped: @Sendable () -> ContinuousClock.Instant = { frozen }
        try await ServerHarness.run(environment: ["MAIA_TURNS_PER_MINUTE": "2"], now: stopped) { client, _ in
            var statuses: [HTTPResponse.Status] = []
            var retryAfter: String?
            for _ in 0..<3 {
                let response = try await client.execute(
                    uri: Self.turns,
                    method: .post,
                    headers: .user("ana"),
                    body: .json(["message": "hello"])
                )
                statuses.append(response.status)
                retryAfter = response.headers[.retryAfter] ?? retryAfter
                if response.status == .tooManyRequests { #expect(response.errorType == "rate_limit_error") }
            }
            #expect(statuses == [.ok, .ok, .tooManyRequests])
            #expect(Int(retryAfter ?? "") ?? 0 >= 1)
            let ben = try await client.execute(
                uri: Self.turns,
                method: .post,
                headers: .user("ben"),
                body: .json(["message": "hello"])
            )
            #expect(ben.status == .ok)
        }
    }

    @Test("a second turn of the same user and session waits, then gets 409 while the first still runs")
    func oneTurnAtATime() async throws {
        let gate = Gate()
        let provider: LoopbackHTTPServer.Responder = { request in
            await gate.wait()
            return await ServerHarness.anthropic()(request)
        }
        try await ServerHarness.run(provider: provider, turnWait: .milliseconds(100)) { client, _ in
            try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                group.addTask {
                    try await client.execute(
                        uri: Self.turns,
                        method: .post,
                        headers: .user("ana"),
                        body: .json(["message": "first", "session_id": "s"])
                    ).status
                }
                // The second turn starts once the provider holds the first one.
                while await gate.waiting == 0 { try await Task.sleep(for: .milliseconds(5)) }
                let second = try await client.execute(
                    uri: Self.turns,
                    method: .post,
                    headers: .user("ana"),
                    body: .json(["message": "second", "session_id": "s"])
                )
                #expect(second.status == .conflict)
                #expect(second.errorMessage.contains("one at a time"))
                await gate.open()
                #expect(try await group.next() == .ok)
            }
        }
    }
}

/// Holds provider requests until the test opens it.
actor Gate {
    private var isOpen = false
    private var waiters: [CheckedContinuation<Void, Never>] = []
    private(set) var waiting = 0

    func wait() async {
        guard !isOpen else { return }
        waiting += 1
        await withCheckedContinuation { waiters.append($0) }
    }

    func open() {
        isOpen = true
        for waiter in waiters { waiter.resume() }
        waiters = []
    }
}
