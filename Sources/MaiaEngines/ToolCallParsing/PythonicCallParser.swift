import MaiaCore

/// Parses Llama 3.1's built-in tool call form `name.call(key="value", n=3)` (after `<|python_tag|>`).
///
/// Values may be double- or single-quoted strings (with backslash escapes), numbers, `True`/`False`/`None`
/// (or their JSON spellings). Anything else makes the text not a call.
enum PythonicCallParser {
    /// The call starting at `start` and the index just past its closing parenthesis, or `nil`.
    static func parse(_ bytes: [UInt8], at start: Int) -> (call: ParsedToolCalls.Call, end: Int)? {
        var index = start
        guard let name = identifier(bytes, &index) else { return nil }
        let marker = Array(".call(".utf8)
        guard bytes.count - index >= marker.count, Array(bytes[index..<index + marker.count]) == marker else {
            return nil
        }
        index += marker.count
        var arguments: [String: JSONValue] = [:]
        skipSpaces(bytes, &index)
        if index < bytes.count, bytes[index] == UInt8(ascii: ")") {
            return (ParsedToolCalls.Call(name: name, arguments: .object(arguments)), index + 1)
        }
        while true {
            skipSpaces(bytes, &index)
            guard let key = identifier(bytes, &index) else { return nil }
            skipSpaces(bytes, &index)
            guard index < bytes.count, bytes[index] == UInt8(ascii: "=") else { return nil }
            index += 1
            skipSpaces(bytes, &index)
            guard let value = value(bytes, &index) else { return nil }
            arguments[key] = value
            skipSpaces(bytes, &index)
            guard index < bytes.count else { return nil }
            if bytes[index] == UInt8(ascii: ",") {
                index += 1
            } else if bytes[index] == UInt8(ascii: ")") {
                return (ParsedToolCalls.Call(name: name, arguments: .object(arguments)), index + 1)
            } else {
                return nil
            }
        }
    }

    private static func identifier(_ bytes: [UInt8], _ index: inout Int) -> String? {
        let start = index
        while index < bytes.count {
            let byte = bytes[index]
            let isLetter =
                (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
                || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z")) || byte == UInt8(ascii: "_")
            let isDigit = byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
            guard isLetter || (isDigit && index > start) else { break }
            index += 1
        }
        return index > start ? String(decoding: bytes[start..<index], as: UTF8.self) : nil
    }

    private static func skipSpaces(_ bytes: [UInt8], _ index: inout Int) {
        while index < bytes.count,
            bytes[index] == 0x20 || bytes[index] == 0x09 || bytes[index] == 0x0A
                || bytes[index] == 0x0D
        {
            index += 1
        }
    }

    private static func value(_ bytes: [UInt8], _ index: inout Int) -> JSONValue? {
        guard index < bytes.count else { return nil }
        let byte = bytes[index]
        if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") { return quoted(bytes, &index, quote: byte) }
        for (word, value) in [
            ("True", JSONValue.bool(true)), ("False", .bool(false)), ("None", .null),
            ("true", .bool(true)), ("false", .bool(false)), ("null", .null),
        ] {
            let literal = Array(word.utf8)
            if bytes.count - index >= literal.count, Array(bytes[index..<index + literal.count]) == literal {
                index += literal.count
                return value
            }
        }
        let start = index
        while index < bytes.count,
            bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: ".")
                || bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E")
                || bytes[index] == UInt8(ascii: "+")
                || (bytes[index] >= UInt8(ascii: "0") && bytes[index] <= UInt8(ascii: "9"))
        {
            index += 1
        }
        guard index > start, let number = Double(String(decoding: bytes[start..<index], as: UTF8.self)) else {
            return nil
        }
        return .number(number)
    }

    private static func quoted(_ bytes: [UInt8], _ index: inout Int, quote: UInt8) -> JSONValue? {
        index += 1
        var out: [UInt8] = []
        while index < bytes.count {
            let byte = bytes[index]
            // A plain Python string never spans lines; stopping here also keeps hostile input linear.
            if byte == 0x0A { return nil }
            if byte == quote {
                index += 1
                return .string(String(decoding: out, as: UTF8.self))
            }
            if byte == UInt8(ascii: "\\"), index + 1 < bytes.count {
                let next = bytes[index + 1]
                switch next {
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "t"): out.append(0x09)
                default: out.append(next)
                }
                index += 2
                continue
            }
            out.append(byte)
            index += 1
        }
        return nil
    }
}
