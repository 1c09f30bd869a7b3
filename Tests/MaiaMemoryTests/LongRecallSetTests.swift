import Foundation
import MaiaCore
import MaiaMemory
import MaiaTesting
import Testing

/// The long-conversation set is data the benchmark trusts: every line must import and every evidence id must exist.
@Suite("The long-conversation evaluation set")
struct LongRecallSetTests {
    @Test("every message is a valid import line, and every question's evidence is a turn of its person")
    func consistent() throws {
        let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/long-recall-set.json")
        let set = try LongRecallSet(contentsOf: fixture)
        #expect(set.people.count == 5)
        var kinds: Set<String> = []
        for person in set.people {
            _ = try UserID(validating: person.user)
            #expect(person.messages.count >= 400, "\(person.user)")
            let lines = try person.messages.map { try ImportLine.parse($0.jsonText) }
            let keys = Set(lines.compactMap(\.clientID))
            #expect(keys.count == lines.count, "client ids are unique")
            #expect(Set(lines.compactMap(\.sessionID)).count == 24)
            for question in person.questions {
                kinds.insert(question.kind)
                #expect(!question.evidence.isEmpty)
                #expect(question.evidence.allSatisfy(keys.contains), "\(person.user): \(question.query)")
                #expect(ISO8601.parse(question.askedAt) != nil)
            }
        }
        #expect(kinds == ["single", "multi", "temporal", "update"])
    }
}
