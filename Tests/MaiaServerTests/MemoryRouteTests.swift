import Foundation
import HTTPTypes
import HummingbirdTesting
import MaiaCore
import NIOCore
import Testing

@Suite("The memory API: the maia memory verbs over HTTP, for the authenticated user only")
struct MemoryRouteTests {
    @Test("add, search, recent, breakthroughs, mark, export and forget act on the caller's user only")
    func lifecycle() async throws {
        try await ServerHarness.run { client, _ in
            let add = try await client.execute(
                uri: "/v1/memories",
                method: .post,
                headers: .user("ana"),
                body: .json([
                    "role": "user", "content": "My sister Ana moved to Lisbon", "session_id": "s1",
                    "metadata": ["source": "journal"],
                ])
            )
            #expect(add.status == .created, "\(add.text)")
            let id = try #require(add.json?.arrayValue?.first?["id"]?.stringValue)
            _ = try await client.execute(
                uri: "/v1/memories",
                method: .post,
                headers: .user("ben"),
                body: .json(["role": "user", "content": "Ben also mentions Lisbon"])
            )
            let search = try await client.execute(
                uri: "/v1/memories/search?query=Lisbon&k=5",
                method: .get,
                headers: .user("ana")
            )
            let hits = try #require(search.json?.arrayValue)
            #expect(hits.map { $0["id"] } == [.string(id)])
            #expect(hits.first?["metadata"] == ["source": "journal"])
            let mark = try await client.execute(
                uri: "/v1/memories/\(id)/breakthrough",
                method: .put,
                headers: .user("ana")
            )
            #expect(mark.json == ["id": .string(id), "breakthrough": true])
            let stolen = try await client.execute(
                uri: "/v1/memories/\(id)/breakthrough",
                method: .put,
                headers: .user("ben")
            )
            #expect(stolen.status == .notFound)
            let breakthroughs = try await client.execute(
                uri: "/v1/memories/breakthroughs",
                method: .get,
                headers: .user("ana")
            )
            #expect(breakthroughs.json?.arrayValue?.map { $0["id"] } == [.string(id)])
            let unmark = try await client.execute(
                uri: "/v1/memories/\(id)/breakthrough",
                method: .delete,
                headers: .user("ana")
            )
            #expect(unmark.json?["breakthrough"] == false)
            let export = try await client.execute(uri: "/v1/memories/export", method: .get, headers: .user("ana"))
            #expect(export.headers[.contentType] == "application/jsonl")
            let lines = export.text.split(separator: "\n").compactMap { JSONValue(parsing: String($0)) }
            #expect(lines.map { $0["content"] } == ["My sister Ana moved to Lisbon"])
            let forget = try await client.execute(uri: "/v1/memories", method: .delete, headers: .user("ana"))
            #expect(forget.json?["messages"] == 1)
            #expect(forget.json?["user_id"] == "ana")
            let after = try await client.execute(uri: "/v1/memories/recent", method: .get, headers: .user("ana"))
            #expect(after.json == [])
            let ben = try await client.execute(uri: "/v1/memories/recent", method: .get, headers: .user("ben"))
            #expect(ben.json?.arrayValue?.count == 1, "forgetting ana leaves ben untouched")
        }
    }

    @Test("an import is streamed line by line; a bad line stops it, naming the line, and keeps the lines before")
    func importLines() async throws {
        try await ServerHarness.run { client, _ in
            let good = "\u{FEFF}{\"role\":\"user\",\"content\":\"one\"}\n\n{\"role\":\"maia\",\"content\":\"two\"}\r\n"
            let first = try await client.execute(
                uri: "/v1/memories/import",
                method: .post,
                headers: .user("ana"),
                body: ByteBuffer(string: good)
            )
            #expect(first.json == ["lines": 3, "messages": 2, "stored": 2, "skipped": 0], "\(first.text)")
            let again = try await client.execute(
                uri: "/v1/memories/import",
                method: .post,
                headers: .user("ana"),
                body: ByteBuffer(string: good)
            )
            #expect(again.json == ["lines": 3, "messages": 2, "stored": 0, "skipped": 2], "\(again.text)")
            let bad = "{\"role\":\"user\",\"content\":\"three\"}\n{\"role\":\"robot\",\"content\":\"x\"}\n"
            let second = try await client.execute(
                uri: "/v1/memories/import",
                method: .post,
                headers: .user("ana"),
                body: ByteBuffer(string: bad)
            )
            #expect(second.status == .badRequest)
            #expect(second.errorMessage.contains("line 2"))
            #expect(second.errorMessage.contains("\"user\" or \"maia\""))
            let recent = try await client.execute(uri: "/v1/memories/recent", method: .get, headers: .user("ana"))
            #expect(
                Set(recent.json?.arrayValue?.compactMap { $0["content"]?.stringValue } ?? []) == [
                    "one", "two", "three",
                ]
            )
            var invalid = ByteBuffer(string: "{\"role\":\"user\",\"content\":\"")
            invalid.writeBytes([0xFF, 0xFE])
            invalid.writeString("\"}\n")
            let notUTF8 = try await client.execute(
                uri: "/v1/memories/import",
                method: .post,
                headers: .user("ana"),
                body: invalid
            )
            #expect(notUTF8.status == .badRequest)
            #expect(notUTF8.errorMessage.contains("line 1 is not valid UTF-8"))
        }
    }

    @Test("bad parameters are refused with what is accepted")
    func badParameters() async throws {
        try await ServerHarness.run { client, _ in
            let cases: [(String, HTTPRequest.Method, String)] = [
                ("/v1/memories/search", .get, "query is missing"),
                ("/v1/memories/search?query=%20", .get, "query is missing"),
                ("/v1/memories/search?query=a&k=0", .get, "k must be an integer from 1 to 100"),
                ("/v1/memories/search?query=a&k=abc", .get, "k must be an integer"),
                ("/v1/memories/search?query=a&mode=magic", .get, "hybrid, vector or keyword"),
                ("/v1/memories/recent?limit=1001", .get, "limit must be an integer from 1 to 1000"),
                ("/v1/memories/breakthroughs?limit=-1", .get, "limit must be"),
            ]
            for (uri, method, fragment) in cases {
                let response = try await client.execute(uri: uri, method: method, headers: .user("ana"))
                #expect(response.status == .badRequest, "\(uri)")
                #expect(response.errorMessage.contains(fragment), "\(uri): \(response.errorMessage)")
            }
            let badAdd = try await client.execute(
                uri: "/v1/memories",
                method: .post,
                headers: .user("ana"),
                body: .json(["role": "user"])
            )
            #expect(badAdd.status == .badRequest)
            #expect(badAdd.errorMessage.contains("\"content\""))
            let objectClientID = try await client.execute(
                uri: "/v1/memories",
                method: .post,
                headers: .user("ana"),
                body: .json(["role": "user", "content": "hi", "client_id": [:]])
            )
            #expect(objectClientID.status == .badRequest)
            #expect(objectClientID.errorMessage.contains("\"client_id\" must be a string"))
            let emptyImport = try await client.execute(uri: "/v1/memories/import", method: .post, headers: .user("ana"))
            #expect(emptyImport.status == .badRequest)
            #expect(emptyImport.errorMessage.contains("the body is empty"))
            // The harness has no embedding model: vector search is unavailable, and says so.
            let vector = try await client.execute(
                uri: "/v1/memories/search?query=a&mode=vector",
                method: .get,
                headers: .user("ana")
            )
            #expect(vector.status == .unprocessableContent)
            #expect(vector.errorMessage.contains("mode=hybrid or mode=keyword"))
            let wrongMethod = try await client.execute(
                uri: "/v1/memories/search",
                method: .patch,
                headers: .user("ana")
            )
            #expect(wrongMethod.status == .methodNotAllowed)
            #expect(wrongMethod.headers[.allow] == "GET")
            let wrongOnParameter = try await client.execute(
                uri: "/v1/memories/some-id/breakthrough",
                method: .post,
                headers: .user("ana")
            )
            #expect(wrongOnParameter.headers[.allow] == "DELETE, PUT")
            #expect(
                try await client.execute(uri: "/v1/memories/recent", method: .get, headers: .user("ana")).json == []
            )
            let unknownRoute = try await client.execute(uri: "/v1/nothing-here", method: .get, headers: .user("ana"))
            #expect(unknownRoute.status == .notFound)
            #expect(unknownRoute.errorType == "not_found_error")
        }
    }
}
