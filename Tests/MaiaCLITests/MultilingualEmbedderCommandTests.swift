import Foundation
import MaiaCore
import MaiaMemory
import MaiaTesting
import Testing

/// `MAIA_EMBEDDINGS_LOCAL=multilingual` as a user runs it: MiniLM and multilingual-e5 joined, in-process, through
/// `maia memory` with the real model files.
@Suite("maia memory with the multilingual embedder")
struct MultilingualEmbedderCommandTests {
    let maia = CommandRunner()

    /// The database in `folder`, the multilingual embedder, and where the model files are (or `models`).
    private func environment(_ folder: TemporaryDirectory, models: String? = nil) -> [String: String] {
        var environment = ["MAIA_DB": "./data/test.sqlite", "MAIA_EMBEDDINGS_LOCAL": "multilingual"]
        let own = ProcessInfo.processInfo.environment
        for name in ["HOME", "MAIA_MODELS_DIR", "MAIA_CACHE", "XDG_CACHE_HOME"] { environment[name] = own[name] }
        if let models { environment["MAIA_MODELS_DIR"] = models }
        return environment
    }

    @Test("a worry written in French is found by the same worry asked in English, and only by its own user")
    func crossLingualSearch() async throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let env = environment(folder)
        let memories = [
            "Je me sens bloqué au travail depuis des mois.",
            "We went hiking in the mountains last weekend and the weather was perfect.",
            "Ich habe heute einen Kuchen für meine Nachbarn gebacken.",
            "Mi hermana se casa en junio y estoy nerviosa por el discurso.",
        ]
        for text in memories {
            let added = try maia.run(
                ["memory", "add", "--user", "ana", "--role", "user", "--text", text],
                in: folder.url,
                environment: env
            )
            #expect(added.status == 0, "\(added.stderr)")
        }
        let search = try maia.run(
            ["memory", "search", "--user", "ana", "--query", "stuck at my job", "--mode", "vector", "--k", "1"],
            in: folder.url,
            environment: env
        )
        #expect(search.status == 0, "\(search.stderr)")
        #expect(search.stdout.contains("bloqué au travail"), "\(search.stdout)")

        let other = try maia.run(
            ["memory", "search", "--user", "bob", "--query", "stuck at my job", "--mode", "vector"],
            in: folder.url,
            environment: env
        )
        #expect(other.status == 0, "\(other.stderr)")
        #expect(!other.stdout.contains("bloqué"), "bob's search reached ana's memory: \(other.stdout)")

        // Every vector is the joined model's 768 values; none was stored as MiniLM alone.
        let store = try SQLiteStore(path: folder.url.appendingPathComponent("data/test.sqlite").path)
        let model = "sentence-transformers/all-MiniLM-L6-v2+intfloat/multilingual-e5-small#q4_0@0.65"
        let hits = try await store.vectorSearch(
            [Float](repeating: 0.05, count: 768),
            model: model,
            for: UserID("ana")!,
            limit: 10
        )
        #expect(hits.count == memories.count)
    }

    @Test("without e5's file, health fails the embedder and names `scripts/setup.sh multilingual`")
    func missingFile() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let env = environment(folder, models: folder.url.appendingPathComponent("no-models").path)
        let result = try maia.run(["health", "--json"], in: folder.url, environment: env)
        #expect(result.status != 0)
        let json = try #require(JSONValue(parsing: result.stdout), "\(result.stdout) \(result.stderr)")
        let embedder = try #require(json["checks"]?.arrayValue?.first { $0["component"] == "embedder" })
        #expect(embedder["ok"] == false)
        #expect(embedder["remedy"]?.stringValue?.contains("scripts/setup.sh multilingual") == true)
        #expect(embedder["detail"]?.stringValue?.contains("e5-small-q4.bin") == true)
    }

    @Test("MAIA_EMBEDDINGS_LOCAL with a value it does not know is refused before anything runs")
    func badValue() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        var env = environment(folder)
        env["MAIA_EMBEDDINGS_LOCAL"] = "labse"
        let result = try maia.run(
            ["memory", "search", "--user", "ana", "--query", "x"],
            in: folder.url,
            environment: env
        )
        #expect(result.status != 0)
        #expect(
            result.stderr.contains(
                "MAIA_EMBEDDINGS_LOCAL=\"labse\" is not accepted: it must be one of minilm, multilingual."
            )
        )
    }
}
