import Foundation
import MaiaCore

/// One left-to-right pass over the text that classifies it into `TextPiece`s.
struct ToolCallScanner {
    let bytes: [UInt8]
    let codeInterpreter: Bool
    private(set) var pieces: [TextPiece] = []
    private var index = 0
    private var textStart = 0
    private var fenceOpen = false
    /// Set after an unterminated `{` or truncated `[`: from there on everything is content (control tokens are
    /// still removed).
    private var proseTail = false

    static let pythonTag = Array("<|python_tag|>".utf8)
    static let controlTokens = [pythonTag, Array("<|eom_id|>".utf8), Array("<|eot_id|>".utf8)]
    private static let functionOpen = Array("<function=".utf8)
    private static let functionClose = Array("</function>".utf8)
    private static let toolCallOpen = Array("<tool_call>".utf8)
    private static let toolCallClose = Array("</tool_call>".utf8)
    private static let fence = Array("```".utf8)

    init(bytes: [UInt8], codeInterpreter: Bool) {
        self.bytes = bytes
        self.codeInterpreter = codeInterpreter
    }

    mutating func run() {
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "<"), let token = Self.controlTokens.first(where: { has($0, at: index) }) {
                emitText(upTo: index)
                pieces.append(.control)
                index += token.count
                textStart = index
                if token == Self.pythonTag, !proseTail { scanAfterPythonTag() }
                continue
            }
            if proseTail {
                index += 1
                continue
            }
            switch bytes[index] {
            case UInt8(ascii: "{"): scanBraceGroup()
            case UInt8(ascii: "["): scanArray()
            case UInt8(ascii: "<"): scanTag()
            case UInt8(ascii: "`"): scanFence()
            default: index += 1
            }
        }
        emitText(upTo: bytes.count)
    }

    private func has(_ literal: [UInt8], at position: Int) -> Bool {
        guard bytes.count - position >= literal.count else { return false }
        return bytes[position..<position + literal.count].elementsEqual(literal)
    }

    private mutating func emitText(upTo end: Int) {
        if textStart < end { pieces.append(.text(textStart..<end)) }
        textStart = max(textStart, end)
    }

    private mutating func emitCall(_ call: ParsedToolCalls.Call, from start: Int, to end: Int) {
        emitText(upTo: start)
        pieces.append(.call(call))
        index = end
        textStart = end
    }

    private func skipWhitespace(from position: Int) -> Int {
        var position = position
        while position < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[position]) { position += 1 }
        return position
    }

    private mutating func scanBraceGroup() {
        switch StrictJSONParser.parseValue(in: bytes, at: index) {
        case .success(let parsed):
            if let call = ToolCallShape.call(from: parsed.value) {
                emitCall(call, from: index, to: parsed.end)
            } else {
                index = parsed.end
            }
        case .failure:
            if let end = BraceGroupScanner.end(of: bytes, openingAt: index) {
                index = end
            } else {
                proseTail = true
                index += 1
            }
        }
    }

    private mutating func scanArray() {
        let parsed: (value: JSONValue, end: Int)
        switch StrictJSONParser.parseValue(in: bytes, at: index) {
        case .success(let value):
            parsed = value
        case .failure(.tooDeep):
            // Skip the whole group: retrying from each nested bracket would cost the depth limit per byte.
            if let end = BraceGroupScanner.end(
                of: bytes,
                openingAt: index,
                open: UInt8(ascii: "["),
                close: UInt8(ascii: "]")
            ) {
                index = end
            } else {
                proseTail = true
                index += 1
            }
            return
        case .failure(.unexpectedEnd):
            // Valid JSON up to the end of the text: a truncated array, nothing in it may become a call.
            proseTail = true
            index += 1
            return
        case .failure:
            index += 1
            return
        }
        let calls = parsed.value.arrayValue?.compactMap(ToolCallShape.call(from:)) ?? []
        guard !calls.isEmpty, calls.count == parsed.value.arrayValue?.count else {
            index = parsed.end
            return
        }
        emitText(upTo: index)
        pieces.append(contentsOf: calls.map { .call($0) })
        index = parsed.end
        textStart = parsed.end
    }

    private mutating func scanTag() {
        if has(Self.functionOpen, at: index) {
            if let (call, end) = functionTag() {
                emitCall(call, from: index, to: end)
            } else {
                index += 1
            }
        } else if has(Self.toolCallOpen, at: index) {
            let range = index..<index + Self.toolCallOpen.count
            emitWrapperRange(.open(.toolCallTag, range), range)
        } else if has(Self.toolCallClose, at: index) {
            let range = index..<index + Self.toolCallClose.count
            emitWrapperRange(.close(.toolCallTag, range), range)
        } else {
            index += 1
        }
    }

    private mutating func emitWrapperRange(_ piece: TextPiece, _ range: Range<Int>) {
        emitText(upTo: range.lowerBound)
        pieces.append(piece)
        index = range.upperBound
        textStart = range.upperBound
    }

    /// `<function=NAME>{json}` with an optional `</function>`; `nil` unless the JSON is a strict object.
    private func functionTag() -> (ParsedToolCalls.Call, Int)? {
        var position = index + Self.functionOpen.count
        let nameStart = position
        while position < bytes.count, ToolCallShape.isNameByte(bytes[position]) { position += 1 }
        guard position > nameStart, position < bytes.count, bytes[position] == UInt8(ascii: ">") else { return nil }
        let name = String(decoding: bytes[nameStart..<position], as: UTF8.self)
        position = skipWhitespace(from: position + 1)
        guard position < bytes.count, bytes[position] == UInt8(ascii: "{"),
            case .success(let parsed) = StrictJSONParser.parseValue(in: bytes, at: position),
            case .object = parsed.value
        else { return nil }
        var end = parsed.end
        let afterSpace = skipWhitespace(from: end)
        if has(Self.functionClose, at: afterSpace) { end = afterSpace + Self.functionClose.count }
        return (ParsedToolCalls.Call(name: name, arguments: parsed.value), end)
    }

    private mutating func scanFence() {
        guard has(Self.fence, at: index) else {
            index += 1
            return
        }
        if fenceOpen {
            fenceOpen = false
            emitWrapperRange(.close(.fence, index..<index + 3), index..<index + 3)
            return
        }
        var end = index + 3
        while end < bytes.count, ToolCallShape.isNameByte(bytes[end]) || bytes[end] == UInt8(ascii: "+") { end += 1 }
        fenceOpen = true
        emitWrapperRange(.open(.fence, index..<end), index..<end)
    }

    /// After `<|python_tag|>`: a `name.call(...)` call, or (code interpreter on) the code up to the next control
    /// token. JSON calls are left to the main loop.
    private mutating func scanAfterPythonTag() {
        let start = skipWhitespace(from: index)
        if let (call, end) = PythonicCallParser.parse(bytes, at: start) {
            emitCall(call, from: index, to: end)
            return
        }
        guard codeInterpreter, start < bytes.count else { return }
        if bytes[start] == UInt8(ascii: "{") || bytes[start] == UInt8(ascii: "["),
            case .success(let parsed) = StrictJSONParser.parseValue(in: bytes, at: start),
            ToolCallShape.call(from: parsed.value) != nil || parsed.value.arrayValue != nil
        {
            return
        }
        var end = start
        while end < bytes.count, !Self.controlTokens.contains(where: { has($0, at: end) }) { end += 1 }
        let code = String(decoding: bytes[start..<end], as: UTF8.self)
        let trimmed = code.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { return }
        emitCall(
            ParsedToolCalls.Call(name: "code_interpreter", arguments: ["code": .string(trimmed)]),
            from: index,
            to: end
        )
    }
}
