import MaiaEngines
import Testing

@Suite("Server-sent event framing")
struct ServerSentEventParserTests {
    static let stream =
        "\u{FEFF}: a comment\r\n"
        + "event: message_start\r\ndata: {\"a\":1}\r\nid: 7\r\nretry: 1500\r\n\r\n"
        + "data:no space\n" + "data:  two spaces\n\n"
        + "data\n\n"
        + "event: multi\rdata: line one\rdata: line two\r\r"
        + ":keep-alive\n\n"
        + "retry: soon\nid: 8\ndata: after bad retry\n\n"
        + "event: only-event\n\n"
        + "error: {\"message\":\"boom\"}\n\n"
        + "data: [DONE]"

    static let expected = [
        ServerSentEvent(event: "message_start", data: "{\"a\":1}", id: "7", retry: 1500),
        ServerSentEvent(data: "no space\n two spaces", id: "7"),
        ServerSentEvent(data: "", id: "7"),
        ServerSentEvent(event: "multi", data: "line one\nline two", id: "7"),
        ServerSentEvent(data: "after bad retry", id: "8"),
        ServerSentEvent(data: "", id: "8", otherFields: ["error": "{\"message\":\"boom\"}"]),
        ServerSentEvent(data: "[DONE]", id: "8"),
    ]

    private func parse(_ chunks: [[UInt8]]) async throws -> [ServerSentEvent] {
        var events: [ServerSentEvent] = []
        for try await event in AsyncStreamOf(chunks).serverSentEvents() { events.append(event) }
        return events
    }

    @Test("fields, comments, CRLF/LF/CR endings, multi-line data, spaces, BOM, unknown fields, EOF flush")
    func framing() async throws {
        #expect(try await parse([Array(Self.stream.utf8)]) == Self.expected)
    }

    @Test("every split into two chunks and one-byte chunks give the same events")
    func splits() async throws {
        let bytes = Array(Self.stream.utf8)
        for split in 0...bytes.count {
            let events = try await parse([Array(bytes[..<split]), Array(bytes[split...])])
            #expect(events == Self.expected, "split at byte \(split)")
            if events != Self.expected { return }
        }
        #expect(try await parse(bytes.map { [$0] }) == Self.expected)
    }

    @Test("a CRLF split between chunks ends one line, not two")
    func splitCRLF() async throws {
        let events = try await parse([Array("data: a\r".utf8), Array("\ndata: b\r\n\r\n".utf8)])
        #expect(events == [ServerSentEvent(data: "a\nb")])
    }

    @Test("an event without data is not dispatched; an empty body gives nothing")
    func noData() async throws {
        #expect(try await parse([Array("event: ping\n\n: only comments\n\n".utf8)]).isEmpty)
        #expect(try await parse([]).isEmpty)
    }
}
