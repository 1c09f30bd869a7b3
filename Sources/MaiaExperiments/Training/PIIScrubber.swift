import Foundation
public import MaiaCore

/// Replaces personal data in text bound for a training set with typed placeholders, and counts what it replaced.
///
/// Patterns run in a fixed order, most specific first, so that a URL's password is not counted as an e-mail and a
/// card number is not counted as a phone number. The patterns err on the side of replacing: a long number with
/// spaces may be replaced as a phone number; a date (`2026-12-04`, `04.12.2026`) is kept.
public struct PIIScrubber: Sendable {
    /// What kind of thing a placeholder stands for; the raw value is the summary's key.
    public enum Kind: String, Sendable, Hashable, CaseIterable, Codable, Comparable {
        case urlCredentials = "url_with_credentials"
        case email
        case cardNumber = "card_number"
        case phone
        case name
        case userID = "user_id"

        /// The text written in place of the match.
        public var placeholder: String {
            switch self {
            case .urlCredentials: "[URL_WITH_CREDENTIALS]"
            case .email: "[EMAIL]"
            case .cardNumber: "[CARD_NUMBER]"
            case .phone: "[PHONE]"
            case .name: "[NAME]"
            case .userID: "[USER_ID]"
            }
        }

        public static func < (lhs: Kind, rhs: Kind) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    /// The names to hide (the person's own list) and the person's user id, matched as whole words, ignoring case.
    public let hiddenNames: [String]
    public let userID: String?

    /// Creates a scrubber for one person's text.
    public init(hiddenNames: [String] = [], userID: String? = nil) {
        self.hiddenNames = hiddenNames
        self.userID = userID
    }

    private static func regex(_ pattern: String) -> NSRegularExpression {
        // The patterns are constants: a failure here is a programming error caught by every test that scrubs.
        try! NSRegularExpression(pattern: pattern, options: [])  // swiftlint:disable:this force_try
    }

    private static let urlCredentials = regex(#"\b[A-Za-z][A-Za-z0-9+.-]*://[^\s/@:]+:[^\s/@]+@[^\s<>"']+"#)
    private static let email = regex(#"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}"#)
    /// 13 to 19 digits, optionally grouped by single spaces or hyphens (every card scheme's length).
    private static let card = regex(#"(?<![\d\w])\d(?:[ -]?\d){12,18}(?![\d\w])"#)
    /// An optional `+country`, an optional `(area)`, then digit groups separated by spaces, dots or hyphens.
    private static let phone = regex(
        #"(?<![\w+])(?:\+\d{1,3}[ .-]?)?(?:\(\d{1,5}\)[ .-]?)?\d{1,5}(?:[ .-]?\d{2,5}){1,5}(?![\w])"#
    )
    private static let date = regex(#"^(?:\d{4}[-./]\d{1,2}[-./]\d{1,2}|\d{1,2}[-./]\d{1,2}[-./]\d{2,4})$"#)

    /// `text` with every match replaced; `counts` is increased by what was replaced, per kind.
    public func scrub(_ text: String, counts: inout [Kind: Int]) -> String {
        var result = text
        result = Self.replace(Self.urlCredentials, in: result, kind: .urlCredentials, counts: &counts)
        result = Self.replace(Self.email, in: result, kind: .email, counts: &counts)
        result = Self.replace(Self.card, in: result, kind: .cardNumber, counts: &counts)
        result = Self.replace(Self.phone, in: result, kind: .phone, counts: &counts) { match in
            let digits = match.filter(\.isASCIIDigitCharacter).count
            let isDate = Self.date.firstMatch(in: match, range: NSRange(match.startIndex..., in: match)) != nil
            return (7...15).contains(digits) && !isDate
        }
        // Longest first, so that "Anna Maria" is replaced whole before "Anna".
        for name in hiddenNames.sorted(by: { $0.count > $1.count }) where !name.isEmpty {
            result = Self.replace(Self.word(name), in: result, kind: .name, counts: &counts)
        }
        if let userID, !userID.isEmpty {
            result = Self.replace(Self.word(userID), in: result, kind: .userID, counts: &counts)
        }
        return result
    }

    /// Every string inside `value` scrubbed (object keys are left alone: they are tool parameter names).
    public func scrub(_ value: JSONValue, counts: inout [Kind: Int]) -> JSONValue {
        switch value {
        case .string(let text): .string(scrub(text, counts: &counts))
        case .array(let items): .array(items.map { scrub($0, counts: &counts) })
        case .object(let members): .object(members.mapValues { scrub($0, counts: &counts) })
        case .null, .bool, .number: value
        }
    }

    /// A case-insensitive whole-word pattern for a literal.
    private static func word(_ literal: String) -> NSRegularExpression {
        let escaped = NSRegularExpression.escapedPattern(for: literal)
        return try! NSRegularExpression(  // swiftlint:disable:this force_try
            pattern: #"(?<![\p{L}\p{N}_])"# + escaped + #"(?![\p{L}\p{N}_])"#,
            options: [.caseInsensitive]
        )
    }

    private static func replace(
        _ regex: NSRegularExpression,
        in text: String,
        kind: Kind,
        counts: inout [Kind: Int],
        accept: (String) -> Bool = { _ in true }
    ) -> String {
        let matches = regex.matches(in: text, range: NSRange(text.startIndex..., in: text))
        guard !matches.isEmpty else { return text }
        var result = ""
        var cursor = text.startIndex
        for match in matches {
            guard let range = Range(match.range, in: text), accept(String(text[range])) else { continue }
            result += text[cursor..<range.lowerBound]
            result += kind.placeholder
            cursor = range.upperBound
            counts[kind, default: 0] += 1
        }
        result += text[cursor...]
        return result
    }
}

extension Character {
    fileprivate var isASCIIDigitCharacter: Bool { isASCII && isNumber }
}
