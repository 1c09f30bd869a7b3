public import Foundation

/// Resolves the relative time words of an English query ("last spring", "in March", "two weeks ago", "yesterday")
/// to the interval they name, relative to the moment the question is asked, so that search can prefer memories
/// stored then. Seasons are those of the northern hemisphere (spring = March–May). Calendar arithmetic is in UTC,
/// like the stored times. Other languages are not resolved yet (the query is then searched without a time).
public enum TimeExpression {
    /// The interval the first time expression of `query` names, or `nil` when it has none.
    public static func interval(in query: String, now: Date) -> DateInterval? {
        let words = query.lowercased().split { !$0.isLetter && !$0.isNumber }.map(String.init)
        for (index, word) in words.enumerated() {
            let previous = index > 0 ? words[index - 1] : ""
            let count = index > 1 ? words[index - 2] : ""
            if let found = resolve(word, previous: previous, count: count, now: now) { return found }
        }
        return nil
    }

    /// Whether `query` asks about the present state of things ("Where do I work now?", "Am I seeing anyone at the
    /// moment?"), whose answer is the latest of several memories on the subject.
    public static func asksForPresent(_ query: String) -> Bool {
        let words = query.lowercased().split { !$0.isLetter && !$0.isNumber }.map(String.init)
        return zip([""] + words, words).contains { previous, word in
            presentWords.contains(word) || (word == "moment" && previous == "the")
                || (word == "days" && previous == "these")
        }
    }

    private static let presentWords: Set<String> = [
        "now", "currently", "current", "nowadays", "anymore", "lately", "still",
    ]

    private static let seasons = ["spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12]
    private static let months = [
        "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
        "november", "december",
    ]
    private static let units: [String: Calendar.Component] = [
        "day": .day, "days": .day, "week": .weekOfYear, "weeks": .weekOfYear, "month": .month, "months": .month,
        "year": .year, "years": .year,
    ]
    private static let counts = [
        "a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
        "ten": 10, "couple": 2, "few": 3,
    ]

    private static var calendar: Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        calendar.firstWeekday = 2
        return calendar
    }

    /// The interval `word` names given the word before it (and the one before that, for "two weeks ago").
    private static func resolve(_ word: String, previous: String, count: String, now: Date) -> DateInterval? {
        let calendar = calendar
        switch word {
        case "yesterday":
            let today = calendar.startOfDay(for: now)
            return DateInterval(start: calendar.date(byAdding: .day, value: -1, to: today)!, end: today)
        case "today", "tonight":
            return calendar.dateInterval(of: .day, for: now)
        default:
            break
        }
        if let startMonth = seasons[word] {
            // "last spring": the latest spring that is over; "in the spring", "this spring": the latest that began.
            return season(startMonth, over: previous == "last", now: now)
        }
        if let month = months.firstIndex(of: word),
            word != "may" || ["in", "last", "since", "early", "late"].contains(previous)
        {
            return latest(month: month + 1, over: previous == "last", now: now)
        }
        if let unit = units[word], ["last", "past", "this", "previous"].contains(previous) {
            guard !word.hasSuffix("s") else { return nil }
            let current = calendar.dateInterval(of: unit, for: now)!
            if previous == "this" { return current }
            let start = calendar.date(byAdding: unit, value: -1, to: current.start)!
            return DateInterval(start: start, end: current.start)
        }
        if word == "ago", let unit = units[previous] {
            // "two weeks ago": the calendar unit that holds the moment it names.
            let value = Int(count) ?? counts[count] ?? 1
            let moment = calendar.date(byAdding: unit, value: -value, to: now)!
            return calendar.dateInterval(of: unit, for: moment)
        }
        return nil
    }

    private static func season(_ startMonth: Int, over: Bool, now: Date) -> DateInterval {
        let calendar = calendar
        let year = calendar.component(.year, from: now)
        for candidate in stride(from: year, through: year - 2, by: -1) {
            let start = calendar.date(from: DateComponents(year: candidate, month: startMonth, day: 1))!
            let end = calendar.date(byAdding: .month, value: 3, to: start)!
            if over ? end <= now : start <= now { return DateInterval(start: start, end: end) }
        }
        let start = calendar.date(from: DateComponents(year: year - 3, month: startMonth, day: 1))!
        return DateInterval(start: start, end: calendar.date(byAdding: .month, value: 3, to: start)!)
    }

    private static func latest(month: Int, over: Bool, now: Date) -> DateInterval {
        let calendar = calendar
        let year = calendar.component(.year, from: now)
        for candidate in [year, year - 1] {
            let start = calendar.date(from: DateComponents(year: candidate, month: month, day: 1))!
            let end = calendar.date(byAdding: .month, value: 1, to: start)!
            if over ? end <= now : start <= now { return DateInterval(start: start, end: end) }
        }
        let start = calendar.date(from: DateComponents(year: year - 2, month: month, day: 1))!
        return DateInterval(start: start, end: calendar.date(byAdding: .month, value: 1, to: start)!)
    }
}
