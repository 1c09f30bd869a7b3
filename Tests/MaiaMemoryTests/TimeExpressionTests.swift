import Foundation
import MaiaCore
import MaiaMemory
import Testing

@Suite("Relative time words in a query")
struct TimeExpressionTests {
    /// 2 April 2025, 10:00 UTC, a Wednesday.
    let now = ISO8601.parse("2025-04-02T10:00:00Z")!

    private func day(_ text: String) -> Date { ISO8601.parse(text)! }

    @Test(
        "each expression names the interval it means, relative to when it is asked",
        arguments: [
            ("What did I do last spring?", "2024-03-01", "2024-06-01"),
            ("what happened in the autumn", "2024-09-01", "2024-12-01"),
            ("how was last fall", "2024-09-01", "2024-12-01"),
            ("what did I do this spring", "2025-03-01", "2025-06-01"),
            ("last summer at the lake", "2024-06-01", "2024-09-01"),
            ("what did I say yesterday", "2025-04-01", "2025-04-02"),
            ("anything from last month?", "2025-03-01", "2025-04-01"),
            ("last year was hard", "2024-01-01", "2025-01-01"),
            ("in March I was tired", "2025-03-01", "2025-04-01"),
            ("in May I was tired", "2024-05-01", "2024-06-01"),
            ("two months ago", "2025-02-01", "2025-03-01"),
            ("3 days ago", "2025-03-30", "2025-03-31"),
        ]
    )
    func resolves(query: String, start: String, end: String) throws {
        let interval = try #require(TimeExpression.interval(in: query, now: now), "\(query)")
        #expect(interval == DateInterval(start: day(start), end: day(end)), "\(query)")
    }

    @Test(
        "a query without a time expression names no interval",
        arguments: ["Where do I work now?", "I may go to the sea", "how many years", "the weeks were long", ""]
    )
    func none(query: String) {
        #expect(TimeExpression.interval(in: query, now: now) == nil, "\(query)")
    }

    @Test(
        "questions about the present state are told from others",
        arguments: [
            ("Where do I work now?", true), ("Am I seeing anyone at the moment?", true),
            ("What is my current job?", true), ("Do I still run?", true), ("How are things these days?", true),
            ("Where did I work in 2020?", false), ("What happened last summer?", false), ("a moment of calm", false),
            ("", false),
        ]
    )
    func present(query: String, expected: Bool) {
        #expect(TimeExpression.asksForPresent(query) == expected, "\(query)")
    }
}
