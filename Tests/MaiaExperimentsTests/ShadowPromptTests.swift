import Foundation
import MaiaAgent
import MaiaCore
import MaiaMemory
import MaiaTesting
import Testing

@testable import MaiaExperiments

@Suite("Shadow prompt sets and seeded memories")
struct ShadowPromptTests {
    @Test("the default set is the seed's four scenarios and one message in each other language")
    func defaults() {
        let prompts = ShadowPromptSet.defaults
        #expect(prompts.count == 11)
        #expect(prompts[0].message == "I feel stuck in my life. Nothing seems to be moving forward.")
        #expect(prompts[1].message.contains("anxiety has been protecting me"))
        let languages = Set(prompts.map { TurnLanguage.code($0.message) })
        #expect(languages == ["en", "fr", "de", "es", "hi", "pt", "it", "th"])
    }

    @Test("plain lines and JSON Lines with prompt or message and an optional user; blank lines skipped")
    func parse() throws {
        let prompts = try ShadowPromptSet.parse([
            "I feel stuck.",
            "",
            #"{"prompt": "Je me sens bloquée.", "user": "marie"}"#,
            #"  {"message": "Hola"}  "#,
        ])
        #expect(prompts.map(\.message) == ["I feel stuck.", "Je me sens bloquée.", "Hola"])
        #expect(prompts.map(\.user.rawValue) == ["shadow-test-user-1", "marie", "shadow-test-user-1"])
    }

    @Test("bad lines are named with what is accepted")
    func badLines() {
        let cases: [([String], String)] = [
            (["ok", #"{"prompt": "#], "line 2 starts with \"{\" but is not a JSON object"),
            ([#"{"text": "hi"}"#], "line 1 needs a non-empty string \"prompt\""),
            ([#"{"prompt": "  "}"#], "line 1 needs a non-empty string \"prompt\""),
            ([#"{"prompt": "hi", "user": 7}"#], "line 1: \"user\" must be a string"),
            ([#"{"prompt": "hi", "user": "marie "}"#], "line 1: \"user\": this one ends with whitespace (U+0020)"),
            (["", "  "], "the prompt file has no prompts"),
        ]
        for (lines, message) in cases {
            #expect {
                try ShadowPromptSet.parse(lines)
            } throws: { error in
                "\(error)".contains(message)
            }
        }
    }

    @Test("planting the test users' memories twice stores them once")
    func seedIdempotent() async throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let store = try SQLiteStore(path: folder.url.appendingPathComponent("maia.sqlite").path)
        let first = try await ShadowSeed.plant(into: store)
        let second = try await ShadowSeed.plant(into: store)
        #expect(first == second && first == 10)
        let stored = try await store.recent(for: ShadowSeed.users[0], limit: 50)
        #expect(stored.count == 6)
        #expect(try await store.breakthroughs(for: ShadowSeed.users[0], limit: 5).count == 1)
    }
}

/// The detected language code of a message.
enum TurnLanguage {
    static func code(_ text: String) -> String {
        MaiaAgent.LanguageDetector().detect(text).rawValue
    }
}
