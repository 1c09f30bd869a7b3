import Foundation
import MaiaCore
import Testing

@Suite("ISO 8601 input: times with or without fractions and zones, plain dates, and every RFC 3339 offset")
struct ISO8601Tests {
    @Test("accepted forms parse to the same instant")
    func acceptedForms() throws {
        let noon = try #require(ISO8601.parse("2024-05-01T12:00:00Z"))
        #expect(ISO8601.parse("2024-05-01T12:00:00.000Z") == noon)
        #expect(ISO8601.parse("2024-05-01T14:00:00+02:00") == noon)
        #expect(ISO8601.parse("2024-05-01") == noon.addingTimeInterval(-12 * 3600))
        // Foundation stops at ±18:00; RFC 3339 allows up to ±23:59.
        #expect(ISO8601.parse("2024-05-01T23:00:00+23:00") == noon.addingTimeInterval(-12 * 3600))
        #expect(ISO8601.parse("2024-05-01T00:30:00.000-11:30") == noon)
        #expect(ISO8601.parse("2024-04-30T16:27:00-19:33") == noon)
    }

    @Test("other text is refused", arguments: ["", "yesterday", "2024-13-01", "2024-05-01T12:00:00+24:00", "12:00"])
    func refused(_ text: String) {
        #expect(ISO8601.parse(text) == nil)
    }
}
