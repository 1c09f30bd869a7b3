/// The one rule for user and session ids, applied by the CLI, the HTTP service and the stores alike.
///
/// Ids are kept and compared byte for byte, so ids that differ must never be mistaken for one another: instead of
/// normalising an id (which once made "ana ", " ana" and "ana" one user), an id that a person or a program could
/// confuse with another is refused, saying why.
public enum IdentifierRule {
    /// The longest id, in characters.
    public static let maximumLength = 200

    /// The rule in one sentence, for error messages and help.
    public static let summary =
        "ids are 1-\(maximumLength) characters of valid UTF-8, compared byte for byte (no trimming, case folding or "
        + "Unicode normalisation), with no whitespace or invisible character at either end and no control character"

    /// Throws the first rule `id` breaks.
    public static func check(_ id: String) throws(IdentifierError) {
        guard let first = id.unicodeScalars.first, let last = id.unicodeScalars.last else {
            throw IdentifierError("this one is empty")
        }
        for (offset, scalar) in id.unicodeScalars.enumerated() {
            if scalar.properties.generalCategory == .control {
                throw IdentifierError("code point \(offset + 1) is \(Self.code(scalar)), a control character")
            }
            if scalar == "\u{FFFD}" {
                throw IdentifierError(
                    "code point \(offset + 1) is U+FFFD, the replacement character, which stands for bytes that were "
                        + "not valid UTF-8"
                )
            }
        }
        if blankAtEnd(first) { throw IdentifierError("this one starts with \(Self.name(first))") }
        if blankAtEnd(last) { throw IdentifierError("this one ends with \(Self.name(last))") }
        let length = id.count
        guard length <= maximumLength else { throw IdentifierError("this one has \(length) characters") }
    }

    /// Whitespace and invisible format characters (zero-width space, byte order mark): at an end of an id they
    /// make it look like another.
    private static func blankAtEnd(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isWhitespace || scalar.properties.generalCategory == .format
    }

    private static func name(_ scalar: Unicode.Scalar) -> String {
        scalar.properties.isWhitespace ? "whitespace (\(code(scalar)))" : "an invisible character (\(code(scalar)))"
    }

    private static func code(_ scalar: Unicode.Scalar) -> String {
        let hex = String(scalar.value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }
}

/// An id broke ``IdentifierRule``; the description says how and restates the rule. It never repeats the id itself,
/// which may hold terminal control sequences.
public struct IdentifierError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What is wrong with the id, e.g. "this one starts with whitespace (U+0020)".
    public let problem: String

    init(_ problem: String) { self.problem = problem }

    public var description: String { "\(problem); \(IdentifierRule.summary)" }
}
