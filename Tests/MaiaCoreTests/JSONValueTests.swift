import MaiaCore
import Testing

@Suite("JSONValue")
struct JSONValueTests {
    @Test("round-trips nested JSON with integers kept whole")
    func roundTrip() throws {
        let text = #"{"a":[1,2.5,"x",null,true],"b":{"c":-3}}"#
        let value = try #require(JSONValue(parsing: text))
        #expect(value.jsonText == text)
        #expect(value["b"]?["c"]?.numberValue == -3)
    }

    @Test("invalid JSON is nil, not a crash", arguments: ["{", "", "{\"a\":}", "nul"])
    func invalid(text: String) {
        #expect(JSONValue(parsing: text) == nil)
    }

    @Test("ids reject blank and over-long values")
    func identifiers() {
        #expect(UserID("  ") == nil)
        #expect(UserID(String(repeating: "u", count: 201)) == nil)
        #expect(UserID(" ana ")?.rawValue == "ana")
    }
}
