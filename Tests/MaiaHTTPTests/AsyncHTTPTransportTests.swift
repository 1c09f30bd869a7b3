import Foundation
import MaiaHTTP
import MaiaTesting
import Testing

@Suite("HTTP transport against a loopback server")
struct AsyncHTTPTransportTests {
    let transport = AsyncHTTPTransport()

    @Test("sends method, headers and body; returns status, headers and chunks in order")
    func roundTrip() async throws {
        try await LoopbackHTTPServer.with { request in
            .init(
                status: 201,
                headers: [("x-echo", request.header("x-test") ?? "")],
                chunks: [Array("ab".utf8), Array("cd".utf8)]
            )
        } run: { server in
            let request = HTTPRequest(
                url: server.baseURL.appendingPathComponent("v1/thing"),
                headers: [("x-test", "yes")],
                body: Array("hi".utf8)
            )
            let response = try await transport.stream(request)
            #expect(response.head.status == 201)
            #expect(response.head.header("X-Echo") == "yes")
            #expect(String(decoding: try await response.collect(), as: UTF8.self) == "abcd")
            let seen = try #require(await server.requests.first)
            #expect(seen.method == "POST")
            #expect(seen.path == "/v1/thing")
            #expect(seen.text == "hi")
        }
    }

    @Test("a refused connection is a connection error naming the host")
    func refused() async throws {
        // Bind a server, note its port, stop it: the port is then closed.
        let url = try await LoopbackHTTPServer.with { _ in
            .init()
        } run: {
            $0.baseURL
        }
        let error = await #expect(throws: HTTPError.self) {
            _ = try await transport.stream(HTTPRequest(url: url.appendingPathComponent("x"), timeout: .seconds(5)))
        }
        #expect(error?.code == .connection)
        #expect(error?.message.contains("127.0.0.1") == true)
    }

    @Test("a slow server hits the timeout")
    func timeout() async throws {
        try await LoopbackHTTPServer.with { _ in
            .init(chunks: [[1], [2]], chunkDelay: .seconds(3))
        } run: { server in
            let error = await #expect(throws: HTTPError.self) {
                let response = try await transport.stream(HTTPRequest(url: server.baseURL, timeout: .milliseconds(300)))
                _ = try await response.collect()
            }
            #expect(error?.code == .timeout)
        }
    }

    @Test("bad URLs are refused before any I/O")
    func badURL() async throws {
        let error = await #expect(throws: HTTPError.self) {
            _ = try await transport.stream(HTTPRequest(url: URL(string: "ftp://example.com/x")!))
        }
        #expect(error?.code == .invalidRequest)
    }

    @Test("a body over the limit is refused")
    func tooLarge() async throws {
        try await LoopbackHTTPServer.with { _ in
            .init(chunks: [Array(repeating: 1, count: 2048)])
        } run: { server in
            let response = try await transport.stream(HTTPRequest(method: "GET", url: server.baseURL))
            let error = await #expect(throws: HTTPError.self) { _ = try await response.collect(limit: 1024) }
            #expect(error?.code == .tooLarge)
        }
    }
}
