import Foundation
import HTTPTypes
import HummingbirdTesting
import MaiaCore
import MaiaTesting
import NIOCore
import Testing

@Suite("The OpenAI-compatible endpoint: /v1/chat/completions (streaming and not) and /v1/models")
struct OpenAIRouteTests {
    static let completions = "/v1/chat/completions"

    @Test("a completion answers the last user message as a MAIA turn, in OpenAI's shape")
    func completion() async throws {
        try await ServerHarness.run { client, _ in
            let response = try await client.execute(
                uri: Self.completions,
                method: .post,
                headers: .user("ana"),
                body: .json([
                    "model": "maia",
                    "messages": [
                        ["role": "system", "content": "ignored: MAIA has its own persona"],
                        ["role": "user", "content": [["type": "text", "text": "Hello there"]]],
                    ],
                ])
            )
            #expect(response.status == .ok, "\(response.text)")
            let json = try #require(response.json)
            #expect(json["object"] == "chat.completion")
            #expect(json["model"] == "maia")
            #expect(json["choices"]?[0]?["message"]?["content"] == .string(ServerHarness.reply))
            #expect(json["choices"]?[0]?["finish_reason"] == "stop")
            #expect(json["usage"]?["prompt_tokens"] == 1496)
            #expect(json["usage"]?["total_tokens"] == 1511)
            let recent = try await client.execute(uri: "/v1/memories/recent", method: .get, headers: .user("ana"))
            #expect(recent.json?.arrayValue?.last?["content"] == "Hello there")
        }
    }

    @Test("streaming sends chat.completion.chunk events, a usage chunk when asked, and [DONE]")
    func streaming() async throws {
        try await ServerHarness.run { client, _ in
            let response = try await client.execute(
                uri: Self.completions,
                method: .post,
                headers: .user("ana"),
                body: .json([
                    "model": "maia", "stream": true, "stream_options": ["include_usage": true],
                    "messages": [["role": "user", "content": "Hi"]],
                ])
            )
            let events = response.events.map(\.data)
            #expect(events.last == "[DONE]")
            let chunks = events.dropLast().compactMap { JSONValue(parsing: $0) }
            #expect(chunks.allSatisfy { $0["object"] == "chat.completion.chunk" })
            #expect(chunks.first?["choices"]?[0]?["delta"]?["role"] == "assistant")
            let text = chunks.compactMap { $0["choices"]?[0]?["delta"]?["content"]?.stringValue }.joined()
            #expect(text == ServerHarness.reply)
            #expect(chunks.contains { $0["choices"]?[0]?["finish_reason"] == "stop" })
            #expect(chunks.last?["choices"] == [])
            #expect(chunks.last?["usage"]?["completion_tokens"] == 15)
        }
    }

    @Test("/v1/models lists maia; an unknown model or a request without a user message is refused")
    func modelsAndBadInput() async throws {
        try await ServerHarness.run { client, provider in
            let models = try await client.execute(uri: "/v1/models", method: .get, headers: .user("ana"))
            #expect(models.json?["data"]?[0]?["id"] == "maia")
            let cases: [(JSONValue, HTTPResponse.Status, String)] = [
                (["model": "gpt-4o", "messages": [["role": "user", "content": "x"]]], .notFound, "use \"maia\""),
                (["model": "maia", "messages": []], .badRequest, "non-empty array"),
                (
                    ["model": "maia", "messages": [["role": "assistant", "content": "x"]]], .badRequest, "role \"user\""
                ),
                (["model": "maia", "messages": [["role": "user", "content": 5]]], .badRequest, "\"content\""),
                (
                    ["model": "maia", "messages": [["role": "user", "content": [["type": "image_url"]]]]], .badRequest,
                    "text only",
                ),
                (["messages": [["role": "user", "content": "x"]]], .badRequest, "\"model\" is missing"),
            ]
            for (body, status, fragment) in cases {
                let response = try await client.execute(
                    uri: Self.completions,
                    method: .post,
                    headers: .user("ana"),
                    body: .json(body)
                )
                #expect(response.status == status, "\(body.jsonText)")
                #expect(response.errorMessage.contains(fragment), "\(response.errorMessage)")
            }
            #expect(await provider.requests.isEmpty)
        }
    }
}
