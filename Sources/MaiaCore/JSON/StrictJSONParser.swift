/// A strict RFC 8259 JSON parser over UTF-8 bytes that also reports where a value ends.
///
/// Foundation's decoder on Linux accepts some invalid JSON (trailing commas such as `[1,]`), so anything that
/// decides whether model output *is* JSON uses this parser instead. Rejects trailing commas, single quotes,
/// comments, leading zeros, bare control characters in strings and unknown literals; nesting is limited to
/// `maximumDepth` so hostile input cannot exhaust the stack.
public struct StrictJSONParser: Sendable {
    /// Why a value could not be parsed.
    public enum Failure: Error, Sendable, Hashable {
        /// The input ended inside the value (truncated JSON).
        case unexpectedEnd
        /// The byte at `offset` cannot appear there.
        case invalid(offset: Int)
        /// The value nests deeper than `maximumDepth`.
        case tooDeep
    }

    /// The deepest nesting of arrays and objects accepted.
    public static let maximumDepth = 256

    /// Parses `text` as exactly one JSON value, optionally surrounded by whitespace; `nil` when it is not.
    public static func parse(_ text: String) -> JSONValue? {
        parse(Array(text.utf8))
    }

    /// Parses `bytes` as exactly one JSON value, optionally surrounded by whitespace; `nil` when it is not.
    public static func parse(_ bytes: [UInt8]) -> JSONValue? {
        var cursor = JSONCursor(bytes: bytes, index: 0)
        cursor.skipWhitespace()
        guard case .success(let value) = cursor.parseValue(depth: 0) else { return nil }
        cursor.skipWhitespace()
        // Not a ternary: `nil` there would become `JSONValue.null` through its nil literal conformance.
        guard cursor.index == bytes.count else { return nil }
        return value
    }

    /// Parses the one value starting at `start` (no leading whitespace) and returns it with the index just past
    /// its last byte; bytes after the value are not examined.
    public static func parseValue(in bytes: [UInt8], at start: Int) -> Result<(value: JSONValue, end: Int), Failure> {
        var cursor = JSONCursor(bytes: bytes, index: start)
        return cursor.parseValue(depth: 0).map { ($0, cursor.index) }
    }
}

/// The parser's position in the input; the grammar lives in `JSONCursor+Grammar.swift`.
struct JSONCursor {
    let bytes: [UInt8]
    var index: Int

    var atEnd: Bool { index >= bytes.count }

    var current: UInt8? { index < bytes.count ? bytes[index] : nil }

    mutating func skipWhitespace() {
        while let byte = current, byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D { index += 1 }
    }

    /// The failure for the current position: the end of input, or an unexpected byte.
    var failureHere: StrictJSONParser.Failure {
        atEnd ? .unexpectedEnd : .invalid(offset: index)
    }
}
