import MaiaCore
import Testing

@Suite("Strict JSON parser")
struct StrictJSONParserTests {
    @Test(
        "rejects what RFC 8259 rejects",
        arguments: [
            "[1,]", #"{"a":1,}"#, "{'a':1}", "01", "1.", ".5", "+1", "-", "tru", "nul", "NaN", "[1 2]",
            #"{"a" 1}"#, "\"tab\there\"", "\"\\x\"", "{", "[", "\"open", "1e", "// c\n1", "{} {}", "",
        ]
    )
    func rejects(_ text: String) {
        #expect(StrictJSONParser.parse(text) == Optional<JSONValue>.none)
    }

    @Test("parses every JSON form")
    func accepts() throws {
        let value = try #require(
            StrictJSONParser.parse(
                #" {"a": [1, -2.5e2, 0, true, false, null], "b": "\"\\\/\b\f\n\r\t\u0041", "c": {}} "#
            )
        )
        #expect(value["a"] == [1, -250, 0, true, false, nil])
        #expect(value["b"] == "\"\\/\u{8}\u{C}\n\r\tA")
        #expect(value["c"] == [:])
    }

    @Test("reports where a value ends and tells truncation from invalid bytes")
    func spans() {
        let bytes = Array(#"{"a": 1} tail"#.utf8)
        guard case .success(let parsed) = StrictJSONParser.parseValue(in: bytes, at: 0) else {
            Issue.record("expected a value")
            return
        }
        #expect(parsed.end == 8)
        guard case .failure(let truncated) = StrictJSONParser.parseValue(in: Array(#"{"a": [1"#.utf8), at: 0) else {
            Issue.record("expected a failure")
            return
        }
        #expect(truncated == .unexpectedEnd)
        let deep = Array(String(repeating: "[", count: 1000).utf8)
        guard case .failure(let tooDeep) = StrictJSONParser.parseValue(in: deep, at: 0) else {
            Issue.record("expected a failure")
            return
        }
        #expect(tooDeep == .tooDeep)
    }
}
