import Foundation
import MaiaCore
import MaiaMemory
import MaiaTesting
import Testing

/// The time list's search (`vectorSearch(…, createdIn:among:)`) on every backend: the rows of one user created in
/// the interval, ranked by what stands out among them, not by plain similarity.
@Suite("Time list search (every backend)")
struct TimeListSearchTests {
    let ana = UserID("ana")!
    let bob = UserID("bob")!
    let start = Date(timeIntervalSince1970: 1_700_000_000)

    private func day(_ number: Int) -> Date { start.addingTimeInterval(Double(number) * 86_400) }

    @Test(
        "an interval's one unusual memory outranks its routine ones, which a plain search ranks first",
        arguments: StoreBackend.tested
    )
    func unusualFirst(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            let routine: [[Float]] = [[1, 0, 0], [0.99, 0.14, 0], [0.99, 0, 0.14], [0.98, 0.1, 0.1]].map(unit)
            let inside = try await store.append(
                (0..<5).map { NewMessage(role: .user, content: "inside \($0)", createdAt: day($0 + 10)) },
                for: ana
            )
            let before = try await store.append(
                [NewMessage(role: .user, content: "before", createdAt: day(1))],
                for: ana
            )
            let theirs = try await store.append(
                [NewMessage(role: .user, content: "bob's", createdAt: day(12))],
                for: bob
            )
            let event: [Float] = [0, 0.6, 0.8]
            try await store.saveVectors(
                zip(inside, routine + [event]).map {
                    StoredVector(messageID: $0.id, userID: ana, model: "m", values: $1)
                } + [
                    StoredVector(messageID: before[0].id, userID: ana, model: "m", values: event),
                    StoredVector(messageID: theirs[0].id, userID: bob, model: "m", values: event),
                ]
            )
            let query = unit([1, 0.3, 0.3])
            let interval = DateInterval(start: day(9), end: day(20))
            let plain = try await store.vectorSearch(query, model: "m", for: ana, limit: 1)
            #expect(
                (0..<4).map { "inside \($0)" }.contains(plain.first?.record.content ?? ""),
                "a plain search prefers the routine"
            )
            let hits = try await store.vectorSearch(
                query,
                model: "m",
                for: ana,
                limit: 10,
                createdIn: interval,
                among: 50
            )
            #expect(hits.first?.record.content == "inside 4")
            #expect(Set(hits.map(\.record.content)) == Set((0..<5).map { "inside \($0)" }))
            let expected = standingOut(query, zip(inside.map(\.content), routine + [event]).map { ($0, $1) })
            #expect(hits.map(\.record.content) == expected.map(\.0))
            for (hit, score) in zip(hits, expected.map(\.1)) { #expect(abs(hit.score - score) < 1e-4) }
        }
    }

    @Test(
        "384-dimension vectors rank alike; an empty interval and limit 0 give nothing",
        arguments: StoreBackend.tested
    )
    func indexedSize(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            var generator = SeededGenerator(seed: 11)
            let records = try await store.append(
                (0..<30).map { NewMessage(role: .user, content: "note \($0)", createdAt: day($0)) },
                for: ana
            )
            let vectors = records.map { _ in [Float].randomUnit(384, &generator) }
            try await store.saveVectors(
                zip(records, vectors).map { StoredVector(messageID: $0.id, userID: ana, model: "m", values: $1) }
            )
            let query = [Float].randomUnit(384, &generator)
            let interval = DateInterval(start: day(10), end: day(19))
            let hits = try await store.vectorSearch(
                query,
                model: "m",
                for: ana,
                limit: 5,
                createdIn: interval,
                among: 30
            )
            let expected = standingOut(
                query,
                zip(records, vectors).filter { interval.contains($0.0.createdAt) }.map { ($0.0.content, $0.1) }
            )
            #expect(hits.map(\.record.content) == Array(expected.prefix(5).map(\.0)))
            #expect(
                try await store.vectorSearch(
                    query,
                    model: "m",
                    for: ana,
                    limit: 0,
                    createdIn: interval,
                    among: 30
                ).isEmpty
            )
            let never = DateInterval(start: day(-10), end: day(-5))
            #expect(
                try await store.vectorSearch(query, model: "m", for: ana, limit: 5, createdIn: never, among: 30)
                    .isEmpty
            )
        }
    }

    /// The ranking written out independently: cosine to the query less cosine to the rows' mean.
    private func standingOut(_ query: [Float], _ rows: [(String, [Float])]) -> [(String, Double)] {
        var mean = [Float](repeating: 0, count: query.count)
        for (_, vector) in rows { for index in mean.indices { mean[index] += vector[index] } }
        return rows.map { ($0.0, Double(cosine($0.1, query) - cosine($0.1, mean))) }.sorted { $0.1 > $1.1 }
    }

    private func cosine(_ a: [Float], _ b: [Float]) -> Float {
        let dot = zip(a, b).reduce(0) { $0 + $1.0 * $1.1 }
        let norms = a.reduce(0) { $0 + $1 * $1 }.squareRoot() * b.reduce(0) { $0 + $1 * $1 }.squareRoot()
        return dot / norms
    }

    private func unit(_ vector: [Float]) -> [Float] {
        let length = vector.reduce(0) { $0 + $1 * $1 }.squareRoot()
        return vector.map { $0 / length }
    }
}
