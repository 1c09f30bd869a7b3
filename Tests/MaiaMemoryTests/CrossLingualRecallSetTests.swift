import Foundation
import MaiaTesting
import Testing

/// The cross-lingual pairs of the multilingual set: their shape, and how the loader treats files without them or
/// with a broken pair. Their recall is measured in `RecallEvaluationTests`.
@Suite("Cross-lingual pairs of the multilingual evaluation set")
struct CrossLingualRecallSetTests {
    static let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/recall-set.json")

    @Test("at least 40 pairs, every language both written and asked, never the same language on both sides")
    func shape() throws {
        let set = try RecallSet(contentsOf: Self.fixture)
        let languages = Set(set.languages.map(\.language))
        #expect(set.crossLingual.count >= 40)
        #expect(Set(set.crossLingual.map(\.memoryLanguage)) == languages)
        #expect(Set(set.crossLingual.map(\.queryLanguage)) == languages)
        #expect(set.crossLingual.allSatisfy { $0.memoryLanguage != $0.queryLanguage })
        // Keys name the memories among the conversation's messages, so they must not collide with them.
        let conversationKeys = Set(set.languages.flatMap { $0.messages.map(\.key) })
        #expect(Set(set.crossLingual.map(\.key)).count == set.crossLingual.count)
        #expect(Set(set.crossLingual.map(\.key)).isDisjoint(with: conversationKeys))
    }

    @Test("a set without cross-lingual pairs loads with none; a pair missing its query is rejected")
    func loading() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let plain = folder.url.appendingPathComponent("plain.json")
        try Data(#"{"languages": []}"#.utf8).write(to: plain)
        #expect(try RecallSet(contentsOf: plain).crossLingual.isEmpty)
        let broken = folder.url.appendingPathComponent("broken.json")
        try Data(
            #"{"languages": [], "crossLingual": [{"key": "x", "memoryLanguage": "fr", "memory": "m", "queryLanguage": "en"}]}"#
                .utf8
        ).write(to: broken)
        #expect(throws: DecodingError.self) { try RecallSet(contentsOf: broken) }
    }
}
