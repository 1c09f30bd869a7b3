import MaiaCore
import Testing

@Suite("User and session ids: one rule, byte-exact")
struct IdentifierRuleTests {
    @Test(
        "ids that could pass for another are refused with the reason and the rule",
        arguments: [
            ("", "this one is empty"), (" ana", "this one starts with whitespace (U+0020)"),
            ("ana ", "this one ends with whitespace (U+0020)"), ("ana\u{A0}", "this one ends with whitespace (U+00A0)"),
            ("ana\t", "code point 4 is U+0009, a control character"),
            ("a\u{7F}", "code point 2 is U+007F, a control character"),
            ("a\u{85}", "code point 2 is U+0085, a control character"),
            ("\u{FEFF}ana", "this one starts with an invisible character (U+FEFF)"),
            ("u\u{FFFD}", "code point 2 is U+FFFD, the replacement character"),
            (String(repeating: "u", count: 201), "this one has 201 characters"),
        ]
    )
    func refused(id: String, problem: String) throws {
        let error = try #require(throws: IdentifierError.self) { try UserID(validating: id) }
        #expect(error.problem.hasPrefix(problem), "\(error.problem)")
        #expect(error.description.hasSuffix(IdentifierRule.summary))
        #expect(UserID(id) == nil)
        #expect(SessionID(id) == nil)
        #expect(throws: IdentifierError.self) { try SessionID(validating: id) }
    }

    @Test("accepted ids are kept exactly, inner spaces and any script included")
    func accepted() throws {
        for id in ["ana", "ana maria", "user@example.com", "日本語", "🌱", String(repeating: "u", count: 200)] {
            #expect(try UserID(validating: id).rawValue == id)
        }
    }

    @Test("ids compare by bytes: canonically equivalent spellings are different users")
    func byteExact() throws {
        let composed = try UserID(validating: "jos\u{E9}")
        let decomposed = try UserID(validating: "jose\u{301}")
        // Swift's String == treats the two as equal; ids must not.
        #expect(composed.rawValue == decomposed.rawValue)
        #expect(composed != decomposed)
        #expect(Set([composed, decomposed]).count == 2)
        #expect(try SessionID(validating: "s\u{E9}") != SessionID(validating: "se\u{301}"))
        #expect(try UserID(validating: "ana") == UserID(validating: "ana"))
    }
}
