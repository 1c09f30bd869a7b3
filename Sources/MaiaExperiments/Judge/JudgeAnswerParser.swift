import Foundation
import MaiaCore

/// Reads the judge's answer: the JSON object it was asked for, else a `"winner": "A"` fragment, else a line such
/// as `Winner: B`. Anything else has no choice (and the verdict becomes a tie).
enum JudgeAnswerParser {
    /// The reply the judge preferred, by position.
    enum Choice: Equatable {
        case a, b, tie

        init?(_ text: String) {
            let word = text.trimmingCharacters(in: .whitespacesAndNewlines.union(.punctuationCharacters))
                .lowercased()
            switch word {
            case "a", "reply a", "answer a": self = .a
            case "b", "reply b", "answer b": self = .b
            case "tie", "equal", "draw", "both", "neither": self = .tie
            default: return nil
            }
        }

        func winner(primaryFirst: Bool) -> JudgeVerdict.Winner {
            switch self {
            case .a: primaryFirst ? .primary : .candidate
            case .b: primaryFirst ? .candidate : .primary
            case .tie: .tie
            }
        }
    }

    static func parse(_ text: String) -> (choice: Choice?, rationale: String) {
        if let object = firstObject(in: text), let winner = object["winner"]?.stringValue {
            return (Choice(winner), object["rationale"]?.stringValue ?? "")
        }
        for pattern in patterns {
            if let match = text.firstMatch(of: pattern), let choice = Choice(String(match.1)) {
                return (choice, "")
            }
        }
        return (nil, "")
    }

    /// Fallbacks for answers that are not valid JSON (Regex values are not `Sendable`, so they are built per use).
    private static var patterns: [Regex<(Substring, Substring)>] {
        [
            #/"winner"\s*:\s*"([^"]*)"/#.ignoresCase(),
            #/winner\W{0,4}\s*(reply a|reply b|a|b|tie)\b/#.ignoresCase(),
        ]
    }

    /// The first `{…}` span that parses as a JSON object, trying each opening brace with the last closing one.
    private static func firstObject(in text: String) -> [String: JSONValue]? {
        guard let close = text.lastIndex(of: "}") else { return nil }
        var start = text.startIndex
        while let open = text[start...].firstIndex(of: "{"), open < close {
            if case .object(let object)? = JSONValue(parsing: String(text[open...close])) { return object }
            start = text.index(after: open)
        }
        return nil
    }
}
