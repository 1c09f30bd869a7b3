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

    @Test("numbers beyond the range of a double are invalid JSON, not infinity (which would be written as null)")
    func hugeNumbers() {
        #expect(JSONValue(parsing: "1e999999") == nil)
        #expect(JSONValue(parsing: #"{"n":-1e400}"#) == nil)
        #expect(JSONValue(parsing: "1.7e308") == .number(1.7e308))
    }
}
