import MaiaEmbedding
import Testing

@Suite("MiniLM against sentence-transformers")
struct MiniLMReferenceTests {
    let fixture: ReferenceFixture
    let embedder: MiniLMEmbedder

    init() throws {
        fixture = try ReferenceFixture.shared.get()
        embedder = try ReferenceFixture.embedder.get()
    }

    @Test("the fixture covers eight languages with at least seven sentences each")
    func fixtureCoverage() {
        let counts = Dictionary(grouping: fixture.sentences, by: \.language).mapValues(\.count)
        for language in ["en", "fr", "de", "es", "hi", "pt", "it", "th"] {
            #expect(counts[language, default: 0] >= 7, "\(language)")
        }
        #expect(fixture.sentences.count >= 56)
        #expect(fixture.sentences.contains { $0.tokenIDs.count == 256 }, "a text truncated to 256 tokens")
    }

    @Test("token ids equal the reference tokenizer's for every sentence")
    func tokenIDs() {
        for sentence in fixture.sentences {
            #expect(embedder.tokenizer.encode(sentence.text) == sentence.tokenIDs, "\(sentence.text)")
        }
    }

    @Test("each sentence embedded alone has cosine ≥ 0.999 with the reference")
    func singleSentences() async throws {
        #expect(embedder.dimensions == 384)
        for sentence in fixture.sentences {
            let vectors = try await embedder.embed([sentence.text])
            let vector = try #require(vectors.first)
            #expect(vector.count == 384)
            #expect(cosine(vector, sentence.embedding) >= 0.999, "\(sentence.text)")
            let norm = vector.reduce(0) { $0 + $1 * $1 }.squareRoot()
            #expect(abs(norm - 1) < 1e-4)
        }
    }

    @Test("all sentences in one batch of mixed lengths have cosine ≥ 0.999 with the reference, in input order")
    func oneBatch() async throws {
        let batched = try MiniLMEmbedder(folder: MiniLMEmbedder.defaultFolder(), batchSize: 64)
        let vectors = try await batched.embed(fixture.sentences.map(\.text))
        #expect(vectors.count == fixture.sentences.count)
        for (vector, sentence) in zip(vectors, fixture.sentences) {
            #expect(cosine(vector, sentence.embedding) >= 0.999, "\(sentence.text)")
        }
    }

    @Test("concurrent calls from several tasks give the same vectors as one call")
    func concurrentCalls() async throws {
        let texts = fixture.sentences.prefix(12).map(\.text)
        let expected = try await embedder.embed(texts)
        let embedder = self.embedder
        let results = try await withThrowingTaskGroup(of: (Int, [Float]).self) { group in
            for (index, text) in texts.enumerated() {
                group.addTask { (index, try await embedder.embed([text])[0]) }
            }
            return try await group.reduce(into: [Int: [Float]]()) { $0[$1.0] = $1.1 }
        }
        for (index, vector) in expected.enumerated() {
            let concurrent = try #require(results[index])
            #expect(cosine(vector, concurrent) >= 0.99999)
        }
    }

    @Test("an empty input gives no vectors and an empty text still gives a unit vector")
    func emptyInputs() async throws {
        #expect(try await embedder.embed([]).isEmpty)
        let vectors = try await embedder.embed([""])
        let vector = try #require(vectors.first)
        #expect(abs(vector.reduce(0) { $0 + $1 * $1 }.squareRoot() - 1) < 1e-4)
    }
}
