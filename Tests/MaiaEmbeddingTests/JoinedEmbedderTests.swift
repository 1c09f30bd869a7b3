import MaiaEmbedding
import MaiaTesting
import Testing

@Suite("Joined embedder: two models' vectors side by side, ranked by the weighted mean of their cosines")
struct JoinedEmbedderTests {
    let first = BagOfWordsEmbedder(modelID: "words-64", dimensions: 64)
    let second = BagOfWordsEmbedder(modelID: "words-7", dimensions: 7)

    @Test("the cosine of joined vectors is the weighted mean of the parts' cosines; vectors stay unit length")
    func weightedMean() async throws {
        let texts = ["my cat Miso sleeps all day", "the cat sleeps on the sofa", "quarterly report due friday"]
        for weight: Float in [0.3, 0.7] {
            let joined = try JoinedEmbedder(first, second, weight: weight)
            #expect(joined.dimensions == 71)
            #expect(joined.modelID == "words-64+words-7@\(weight)")
            let vectors = try await joined.embed(texts)
            let left = try await first.embed(texts)
            let right = try await second.embed(texts)
            for vector in vectors { #expect(abs(dot(vector, vector) - 1) < 1e-5) }
            for (a, b) in [(0, 1), (0, 2), (1, 2)] {
                let expected = (1 - weight) * dot(left[a], left[b]) + weight * dot(right[a], right[b])
                #expect(abs(dot(vectors[a], vectors[b]) - expected) < 1e-5)
            }
        }
    }

    @Test("a query is embedded by each part as a query")
    func queriesPerPart() async throws {
        let joined = try JoinedEmbedder(first, Asymmetric(), weight: 0.5)
        let query = try await joined.embedQuery("where do I work now")
        let stored = try await joined.embed(["where do I work now"])[0]
        #expect(query[..<64] == stored[..<64])
        #expect(query[64...] != stored[64...])
        let expected = try await Asymmetric().embedQuery("where do I work now").map { $0 * Float(0.5).squareRoot() }
        #expect(Array(query[64...]) == expected)
    }

    @Test("a weight outside 0…1 (exclusive) is refused; a failing part fails the call")
    func badInput() async throws {
        for weight: Float in [0, 1, -0.2, 1.5, .nan] {
            #expect(throws: EmbeddingError.self) { _ = try JoinedEmbedder(first, second, weight: weight) }
        }
        do {
            _ = try JoinedEmbedder(first, second, weight: 2)
        } catch {
            #expect(error.code == .invalidInput)
            #expect(error.description.contains("between 0 and 1"))
        }
        let failing = try JoinedEmbedder(first, FailingEmbedder(), weight: 0.5)
        await #expect(throws: FailingEmbedder.Failure.self) { _ = try await failing.embed(["hello"]) }
        await #expect(throws: FailingEmbedder.Failure.self) { _ = try await failing.embedQuery("hello") }
    }

    private func dot(_ a: [Float], _ b: [Float]) -> Float { zip(a, b).reduce(0) { $0 + $1.0 * $1.1 } }
}

/// Embeds a query differently from a stored text, as e5 does with its prefixes.
private struct Asymmetric: Embedder {
    let words = BagOfWordsEmbedder(modelID: "asymmetric", dimensions: 61)
    var modelID: String { words.modelID }
    var dimensions: Int { words.dimensions }
    func embed(_ texts: [String]) async throws -> [[Float]] { try await words.embed(texts.map { "passage " + $0 }) }
    func embedQuery(_ query: String) async throws -> [Float] { try await words.embed(["query " + query])[0] }
}
