import Foundation
import MaiaAgent
import MaiaCore
import MaiaEmbedding
import MaiaTesting
import Testing

/// The README's first conversation, as a newcomer has it: `maia chat` with no key and every setting at its default
/// (the real SmolLM2 run in-process, SQLite, MiniLM). SmolLM2-135M answered this English conversation in
/// Portuguese while it was sampled at 0.75; the reply must come back in the language it was written in.
@Suite("The keyless first conversation answers in the person's language (integration)", .serialized)
struct KeylessChatLanguageTests {
    static var ready: Bool {
        TestRequirements.requireAll
            || (LocalModel.modelInstalled
                && FileManager.default.fileExists(atPath: MiniLMEmbedder.defaultFolder().url.path))
    }

    /// No key, no overrides: only where the database lives and where setup installed the model.
    static func environment(_ folder: URL) -> [String: String] {
        let process = ProcessInfo.processInfo.environment
        let home = process["HOME"] ?? NSHomeDirectory()
        return [
            "HOME": home,
            "MAIA_CACHE": process["MAIA_CACHE"] ?? "\(home)/.cache/maia",
            "MAIA_DB": folder.appendingPathComponent("maia.sqlite").path,
        ]
    }

    /// The replies of `maia chat` to `messages`, oldest first, as stored.
    static func replies(to messages: [String]) async throws -> [String] {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let environment = environment(folder.url)
        let chat = try await ChatCommandTests().chat(
            messages.joined(separator: "\n") + "\nexit\n",
            in: folder.url,
            environment: environment
        )
        #expect(chat.status == 0, "\(chat.stderr)")
        #expect(!chat.stderr.contains("LLAMA_TEMPERATURE"), "nothing was configured: \(chat.stderr)")
        let export = try await AskHealthCommandTests().run(
            ["memory", "export", "--user", "u1"],
            in: folder.url,
            environment: environment
        )
        return export.stdout.split(separator: "\n").compactMap { line in
            guard let record = JSONValue(parsing: String(line)), record["role"] == "maia" else { return nil }
            return record["content"]?.stringValue
        }
    }

    @Test(
        "the README's two English messages get English replies",
        .enabled(if: ready, "the local model or MiniLM is not installed (scripts/setup.sh run)"),
        .timeLimit(.minutes(10))
    )
    func readmeConversation() async throws {
        let replies = try await Self.replies(to: [
            "My sister Ana just moved to Lisbon and I miss her a lot.", "Where does my sister live now?",
        ])
        #expect(replies.count == 2)
        for reply in replies { #expect(LanguageDetector().detect(reply) == .en, "\(reply)") }
    }

    @Test(
        "a first message in French, Spanish, Portuguese or German is answered in that language",
        .enabled(if: ready, "the local model or MiniLM is not installed (scripts/setup.sh run)"),
        .timeLimit(.minutes(10)),
        arguments: [
            (DetectedLanguage.fr, "Ma sœur Ana vient de déménager à Lisbonne et elle me manque beaucoup."),
            (.es, "Mi hermana Ana se mudó a Lisboa y la echo mucho de menos."),
            (.pt, "Minha irmã Ana mudou-se para Lisboa e sinto muito a falta dela."),
            (.de, "Meine Schwester Ana ist nach Lissabon gezogen und ich vermisse sie sehr."),
        ]
    )
    func otherLanguages(language: DetectedLanguage, message: String) async throws {
        #expect(LanguageDetector().detect(message) == language, "the fixture itself")
        let replies = try await Self.replies(to: [message])
        #expect(replies.count == 1)
        for reply in replies { #expect(LanguageDetector().detect(reply) == language, "\(reply)") }
    }
}
