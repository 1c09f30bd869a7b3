import MaiaCore
import MaiaEngines
import Testing

/// One row of the parser table: raw model text, the calls expected and the content expected.
struct ParserCase: Sendable, CustomTestStringConvertible {
    let label: String
    let text: String
    let calls: [ParsedToolCalls.Call]
    let content: String
    var testDescription: String { label }

    init(_ label: String, _ text: String, _ calls: [ParsedToolCalls.Call] = [], content: String = "") {
        self.label = label
        self.text = text
        self.calls = calls
        self.content = content
    }

    /// A case whose text is no call at all: the content is the text itself.
    static func noCall(_ label: String, _ text: String) -> ParserCase {
        ParserCase(label, text, [], content: text)
    }
}

/// PROTOCOLS.md §7 rule 4: content compares trimmed with every whitespace run collapsed to one space.
func normalized(_ text: String) -> String {
    text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
}

private func call(_ name: String, _ arguments: JSONValue = [:]) -> ParsedToolCalls.Call {
    ParsedToolCalls.Call(name: name, arguments: arguments)
}

private let weather = call("get_weather", ["city": "Paris"])
private let weatherJSON = #"{"name": "get_weather", "parameters": {"city": "Paris"}}"#

@Suite("Tool-call parser for raw model text (PROTOCOLS.md §7)")
struct ToolCallTextParserTests {
    static let recognised: [ParserCase] = [
        ParserCase("name + parameters", weatherJSON, [weather]),
        ParserCase("name + arguments", #"{"name": "get_weather", "arguments": {"city": "Paris"}}"#, [weather]),
        ParserCase("key order free", #"{"parameters": {"city": "Paris"}, "name": "get_weather"}"#, [weather]),
        ParserCase(
            "optional type function",
            #"{"type": "function", "name": "get_weather", "parameters": {"city": "Paris"}}"#,
            [weather]
        ),
        ParserCase(
            "function wrapper",
            #"{"function": {"name": "get_weather", "arguments": {"city": "Paris"}}}"#,
            [weather]
        ),
        ParserCase(
            "function wrapper mirroring the schema with type",
            #"{"type": "function", "function": {"name": "get_weather", "parameters": {"city": "Paris"}}}"#,
            [weather]
        ),
        ParserCase(
            "a call without arguments, marked type function (SmolLM2 writes these)",
            "```json\n{\n    \"type\": \"function\",\n    \"name\": \"get_enriched_context\"\n}\n```",
            [call("get_enriched_context")]
        ),
        ParserCase(
            "the wrapper without arguments",
            #"{"type": "function", "function": {"name": "lookup_supabase"}}"#,
            [call("lookup_supabase")]
        ),
        ParserCase("TGI grammar shape", #"{"function": {"_name": "get_weather", "city": "Paris"}}"#, [weather]),
        ParserCase("TGI grammar shape without arguments", #"{"function": {"_name": "no_tool"}}"#, [call("no_tool")]),
        ParserCase("python tag prefix and eom", "<|python_tag|>\(weatherJSON)<|eom_id|>", [weather]),
        ParserCase("python tag, eot", "<|python_tag|>\(weatherJSON)<|eot_id|>", [weather]),
        ParserCase("function tag with closing tag", #"<function=get_weather>{"city": "Paris"}</function>"#, [weather]),
        ParserCase("function tag without closing tag", #"<function=get_weather>{"city": "Paris"}"#, [weather]),
        ParserCase(
            "function tag between prose",
            #"Sure! <function=get_weather>{"city": "Paris"}</function> One moment."#,
            [weather],
            content: "Sure! One moment."
        ),
        ParserCase(
            "built-in call after python tag",
            #"<|python_tag|>brave_search.call(query="weather in Paris")<|eom_id|>"#,
            [call("brave_search", ["query": "weather in Paris"])]
        ),
        ParserCase(
            "built-in call with single quotes, numbers and booleans",
            "<|python_tag|>wolfram_alpha.call(query='2+2', limit=3, exact=True)",
            [call("wolfram_alpha", ["query": "2+2", "limit": 3, "exact": true])]
        ),
        ParserCase("seed's tool_call tags", "<tool_call>\(weatherJSON)</tool_call>", [weather]),
        ParserCase(
            "tool_call tags on their own lines after prose",
            "Let me look that up.\n<tool_call>\n\(weatherJSON)\n</tool_call>",
            [weather],
            content: "Let me look that up."
        ),
        ParserCase(
            "two calls joined by '; '",
            #"{"name": "a", "parameters": {}}; {"name": "b", "parameters": {"x": 1}}"#,
            [call("a"), call("b", ["x": 1])]
        ),
        ParserCase(
            "two calls joined by a bare ';'",
            #"{"name": "a", "parameters": {}};{"name": "b", "parameters": {}}"#,
            [call("a"), call("b")]
        ),
        ParserCase(
            "two calls joined by ';\\n'",
            "{\"name\": \"a\", \"parameters\": {}};\n{\"name\": \"b\", \"parameters\": {}}",
            [call("a"), call("b")]
        ),
        ParserCase(
            "two calls on separate lines",
            "{\"name\": \"a\", \"parameters\": {}}\n{\"name\": \"b\", \"parameters\": {}}",
            [call("a"), call("b")]
        ),
        ParserCase(
            "two calls separated by spaces",
            #"{"name": "a", "parameters": {}}   {"name": "b", "parameters": {}}"#,
            [call("a"), call("b")]
        ),
        ParserCase(
            "repeated python tags",
            #"<|python_tag|>{"name": "a", "parameters": {}}<|python_tag|>{"name": "b", "parameters": {}}<|eom_id|>"#,
            [call("a"), call("b")]
        ),
        ParserCase(
            "python tags with ';' between",
            #"<|python_tag|>{"name": "a", "parameters": {}}; <|python_tag|>{"name": "b", "parameters": {}}"#,
            [call("a"), call("b")]
        ),
        ParserCase("json fence", "```json\n\(weatherJSON)\n```", [weather]),
        ParserCase("bare fence", "```\n\(weatherJSON)\n```", [weather]),
        ParserCase(
            "fence with prose around",
            "Sure, here it is:\n```json\n\(weatherJSON)\n```\nAnything else?",
            [weather],
            content: "Sure, here it is: Anything else?"
        ),
        ParserCase(
            "fence holding two calls",
            "```json\n{\"name\": \"a\", \"parameters\": {}};\n{\"name\": \"b\", \"parameters\": {}}\n```",
            [call("a"), call("b")]
        ),
        ParserCase("fence cut off after the call", "```json\n\(weatherJSON)\n", [weather]),
        ParserCase(
            "fence around tool_call tags",
            "```\n<tool_call>\(weatherJSON)</tool_call>\n```",
            [weather]
        ),
        ParserCase(
            "prose before the call",
            "I'll check the weather for you. \(weatherJSON)",
            [weather],
            content: "I'll check the weather for you."
        ),
        ParserCase(
            "prose after the call",
            "\(weatherJSON)\nI hope that helps!",
            [weather],
            content: "I hope that helps!"
        ),
        ParserCase(
            "prose on both sides",
            "Checking now.\n\(weatherJSON)\nBack soon.",
            [weather],
            content: "Checking now. Back soon."
        ),
        ParserCase(
            "prose before a python-tagged call",
            "Let me search.<|python_tag|>\(weatherJSON)<|eom_id|>",
            [weather],
            content: "Let me search."
        ),
        ParserCase(
            "nested call-shaped object inside the arguments stays an argument",
            #"{"name": "outer", "parameters": {"inner": {"name": "x", "parameters": {}}}}"#,
            [call("outer", ["inner": ["name": "x", "parameters": [:]]])]
        ),
        ParserCase(
            "arguments as a JSON string",
            #"{"name": "a", "arguments": "{\"x\": 1}"}"#,
            [call("a", ["x": 1])]
        ),
        ParserCase(
            "values kept as written, no coercion",
            #"{"name": "a", "parameters": {"limit": "10", "ids": "[1, 2, 3]"}}"#,
            [call("a", ["limit": "10", "ids": "[1, 2, 3]"])]
        ),
        ParserCase(
            "pretty-printed multi-line JSON",
            "{\n    \"name\": \"get_weather\",\n    \"parameters\": {\n        \"city\": \"Paris\"\n    }\n}",
            [weather]
        ),
        ParserCase(
            "braces and quotes inside argument strings",
            #"{"name": "a", "parameters": {"q": "} { \" ;"}}"#,
            [call("a", ["q": "} { \" ;"])]
        ),
        ParserCase(
            "unicode and escapes in arguments",
            #"{"name": "a", "parameters": {"text": "caf\u00e9 ☕ \ud83d\ude00"}}"#,
            [call("a", ["text": "café ☕ 😀"])]
        ),
        ParserCase(
            "JSON array of calls",
            #"[{"name": "a", "parameters": {}}, {"name": "b", "parameters": {}}]"#,
            [call("a"), call("b")]
        ),
        ParserCase(
            "two built-in calls separated by a repeated python tag",
            #"<|python_tag|>brave_search.call(query="a"); <|python_tag|>wolfram_alpha.call(query="b")<|eom_id|>"#,
            [call("brave_search", ["query": "a"]), call("wolfram_alpha", ["query": "b"])]
        ),
        ParserCase(
            "function tag with spaces around the JSON and prose after",
            #"<function=get_weather> {"city": "Paris"} </function>Let me know."#,
            [weather],
            content: "Let me know."
        ),
        ParserCase(
            "a call after prose that contains balanced braces",
            "Sets like {a, b} are fine. \(weatherJSON)",
            [weather],
            content: "Sets like {a, b} are fine."
        ),
        ParserCase(
            "call with control tokens and trailing prose",
            "\(weatherJSON)<|eom_id|> thanks<|eot_id|>",
            [weather],
            content: "thanks"
        ),
    ]

    static let notCalls: [ParserCase] = [
        ParserCase("empty text", ""),
        ParserCase.noCall("plain prose", "Hello! How are you feeling today?"),
        ParserCase("control tokens are removed from prose", "Hello there!<|eot_id|>", content: "Hello there!"),
        ParserCase.noCall("trailing comma in object", #"{"name": "a", "parameters": {"x": 1,}}"#),
        ParserCase.noCall("trailing comma in array", #"{"name": "a", "parameters": {"x": [1,]}}"#),
        ParserCase.noCall("truncated JSON", #"{"name": "a", "parameters": {"x": 1}"#),
        ParserCase.noCall("single-quoted JSON", #"{'name': 'a', 'parameters': {}}"#),
        ParserCase.noCall("unquoted value", #"{"name": "a", "parameters": {"x": Paris}}"#),
        ParserCase.noCall(
            "unterminated wrapper hides a complete call",
            #"{"wrapper": {"name": "a", "parameters": {}}"#
        ),
        ParserCase.noCall(
            "wrapper missing its closing brace (vLLM #11786)",
            #"{"type": "function", "function": {"name": "a", "parameters": {}}"#
        ),
        ParserCase.noCall("call nested in another object", #"{"result": {"name": "a", "parameters": {}}}"#),
        ParserCase.noCall("JSON that is not call-shaped", #"{"a": 1}"#),
        ParserCase.noCall("name nested deeper", #"{"data": {"name": "x"}}"#),
        ParserCase.noCall("name that is not a string", #"{"name": 3, "parameters": {}}"#),
        ParserCase.noCall("empty name", #"{"name": "", "parameters": {}}"#),
        ParserCase.noCall("name that is prose", #"{"name": "Ana Lopez", "parameters": {}}"#),
        ParserCase.noCall("parameters that are not an object", #"{"name": "a", "parameters": [1]}"#),
        ParserCase.noCall("name without parameters", #"{"name": "a"}"#),
        ParserCase.noCall("wrapper without parameters or type", #"{"function": {"name": "a"}}"#),
        ParserCase.noCall("type other than function", #"{"type": "object", "name": "a", "parameters": {}}"#),
        ParserCase.noCall("function tag with malformed JSON", #"<function=a>{"x": Paris}</function>"#),
        ParserCase.noCall("prose with balanced braces", "Use {curly} braces, like {this}."),
        ParserCase.noCall(
            "an unterminated brace makes the rest content",
            #"Note {oops {"name": "a", "parameters": {}}"#
        ),
        ParserCase.noCall("a fence around prose stays", "```python\nprint('hi')\n```"),
        ParserCase.noCall("built-in call syntax without the python tag", #"brave_search.call(query="x")"#),
        ParserCase("python tag followed by prose", "<|python_tag|>just words", content: "just words"),
        ParserCase.noCall(
            "tool_call tags around malformed JSON stay",
            #"<tool_call>{"name": "a", "parameters": {"x": 1,}}</tool_call>"#
        ),
        ParserCase.noCall("truncated array of calls", #"[{"name": "a", "parameters": {}}, {"name": "b""#),
        ParserCase.noCall("array holding a call and a number", #"[{"name": "a", "parameters": {}}, 3]"#),
    ]

    @Test("recognises every call shape, separator and wrapper", arguments: recognised)
    func recognisesCalls(_ row: ParserCase) {
        let parsed = ToolCallTextParser().parse(row.text)
        #expect(parsed.calls == row.calls)
        #expect(normalized(parsed.content) == normalized(row.content))
    }

    @Test("leaves malformed, nested and non-call text as content", arguments: notCalls)
    func leavesContent(_ row: ParserCase) {
        let parsed = ToolCallTextParser().parse(row.text)
        #expect(parsed.calls.isEmpty)
        #expect(normalized(parsed.content) == normalized(row.content))
    }

    @Test("content is trimmed and never contains call text or control tokens")
    func contentIsClean() {
        let parsed = ToolCallTextParser().parse("  Hi.\n<|python_tag|>\(weatherJSON);<|eom_id|>\n  ")
        #expect(parsed.content == "Hi.")
        #expect(parsed.calls == [weather])
    }

    @Test("the code interpreter fallback is opt-in")
    func codeInterpreter() {
        let text = "<|python_tag|>print(1 + 1)<|eom_id|>"
        #expect(ToolCallTextParser().parse(text) == ParsedToolCalls(calls: [], content: "print(1 + 1)"))
        let enabled = ToolCallTextParser(codeInterpreter: true).parse(text)
        #expect(enabled.calls == [call("code_interpreter", ["code": "print(1 + 1)"])])
        #expect(enabled.content.isEmpty)
        #expect(ToolCallTextParser(codeInterpreter: true).parse("<|python_tag|>\(weatherJSON)").calls == [weather])
    }

    @Test("ids are assigned in order")
    func ids() {
        let parsed = ToolCallTextParser().parse(#"{"name": "a", "parameters": {}}; {"name": "b", "parameters": {}}"#)
        #expect(parsed.toolCalls(idPrefix: "llama_").map(\.id) == ["llama_0", "llama_1"])
    }

    @Test("hostile input neither crashes nor recurses without bound")
    func hostileInput() {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect(ToolCallTextParser().parse(deep).calls.isEmpty)
        let braces = String(repeating: "{\"a\":", count: 50_000)
        #expect(ToolCallTextParser().parse(braces).calls.isEmpty)
        let arrays = String(repeating: "[1,", count: 50_000)
        #expect(ToolCallTextParser().parse(arrays).calls.isEmpty)
        let openBrackets = String(repeating: "[x ", count: 50_000) + weatherJSON
        #expect(ToolCallTextParser().parse(openBrackets).calls == [weather])
        #expect(ToolCallTextParser().parse("\u{0}\u{FFFD}<|<function=>```").calls.isEmpty)
    }
}
