/// Recovers tool calls from raw model text, following PROTOCOLS.md §7, so that one parser serves every
/// Llama-style server and prompt format.
///
/// Recognised: top-level JSON objects `{"name", "parameters"|"arguments"}` (key order free, optional
/// `"type": "function"`), `{"function": {...}}` wrappers and TGI's `{"function": {"_name": ...}}`, a JSON array of
/// such objects, `<function=NAME>{json}</function>` (closing tag optional), `<|python_tag|>name.call(k="v")`,
/// and, when `codeInterpreter` is on, `<|python_tag|>` followed by code matching nothing else. Calls may be
/// separated by `;`, whitespace or repeated python tags, and wrapped in markdown fences or `<tool_call>` tags.
///
/// Malformed JSON is never a call and stays in the content; objects nested in another brace group are never
/// promoted; an unterminated `{` makes the rest of the text content. JSON strictness comes from
/// `StrictJSONParser`, not Foundation.
public struct ToolCallTextParser: Sendable {
    /// Whether `<|python_tag|>` followed by unrecognised text is a `code_interpreter` call with `{"code": …}`.
    public var codeInterpreter: Bool

    /// Creates a parser; the code interpreter fallback is off unless that built-in tool is enabled.
    public init(codeInterpreter: Bool = false) {
        self.codeInterpreter = codeInterpreter
    }

    /// Splits `text` into the calls it contains and the content left for the user.
    public func parse(_ text: String) -> ParsedToolCalls {
        var scanner = ToolCallScanner(bytes: Array(text.utf8), codeInterpreter: codeInterpreter)
        scanner.run()
        return ToolCallContentAssembler(bytes: scanner.bytes, pieces: scanner.pieces).result()
    }
}

/// A span of the raw text, classified by the scanner.
enum TextPiece {
    /// Plain text, kept in the content.
    case text(Range<Int>)
    /// A recognised call; its span is removed.
    case call(ParsedToolCalls.Call)
    /// A Llama control token; removed.
    case control
    /// An opening fence or `<tool_call>` tag; removed only when it wraps nothing but calls.
    case open(TextWrapper, Range<Int>)
    /// A closing fence or `</tool_call>` tag.
    case close(TextWrapper, Range<Int>)
}

/// Markup that may wrap calls.
enum TextWrapper: Hashable {
    case fence
    case toolCallTag
}
