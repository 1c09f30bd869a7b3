import Foundation
import MaiaAgent
import Testing

/// Accuracy on 400 short messages (3–12 words, 50 per language) written for this test; the comparison with
/// langdetect on the same file is `scripts/language-accuracy.sh`.
@Suite("Language detection accuracy on short messages")
struct LanguageAccuracyTests {
    static func fixture() throws -> [(language: DetectedLanguage, text: String)] {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/language-short-messages.tsv")
        return try String(contentsOf: url, encoding: .utf8).split(separator: "\n").filter { !$0.hasPrefix("#") }.map {
            let fields = $0.split(separator: "\t", maxSplits: 1)
            return (try #require(DetectedLanguage(rawValue: String(fields[0]))), String(fields[1]))
        }
    }

    @Test("at least 97% right, 50 messages per language, never unknown")
    func accuracy() throws {
        let messages = try Self.fixture()
        #expect(messages.count == 400)
        for language in DetectedLanguage.allCases where language != .unknown {
            #expect(messages.filter { $0.language == language }.count == 50, "\(language)")
        }
        let detector = LanguageDetector()
        let wrong = messages.filter { detector.detect($0.text) != $0.language }
        let accuracy = Double(messages.count - wrong.count) / Double(messages.count)
        print("language accuracy \(accuracy * 100)%; wrong: \(wrong.map { "\($0.language): \($0.text)" })")
        #expect(accuracy >= 0.97, "\(wrong.map { "\($0.language) → \(detector.detect($0.text)): \($0.text)" })")
        #expect(!messages.contains { detector.detect($0.text) == .unknown })
    }
}
