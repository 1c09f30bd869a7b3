extension JSONCursor {
    typealias Failure = StrictJSONParser.Failure

    mutating func parseValue(depth: Int) -> Result<JSONValue, Failure> {
        guard depth < StrictJSONParser.maximumDepth else { return .failure(.tooDeep) }
        guard let byte = current else { return .failure(.unexpectedEnd) }
        switch byte {
        case UInt8(ascii: "{"): return parseObject(depth: depth)
        case UInt8(ascii: "["): return parseArray(depth: depth)
        case UInt8(ascii: "\""): return parseString().map { .string($0) }
        case UInt8(ascii: "t"): return parseLiteral("true", .bool(true))
        case UInt8(ascii: "f"): return parseLiteral("false", .bool(false))
        case UInt8(ascii: "n"): return parseLiteral("null", .null)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return parseNumber()
        default: return .failure(.invalid(offset: index))
        }
    }

    private mutating func parseObject(depth: Int) -> Result<JSONValue, Failure> {
        index += 1
        var members: [String: JSONValue] = [:]
        skipWhitespace()
        if current == UInt8(ascii: "}") {
            index += 1
            return .success(.object(members))
        }
        while true {
            skipWhitespace()
            guard current == UInt8(ascii: "\"") else { return .failure(failureHere) }
            let key: String
            switch parseString() {
            case .success(let value): key = value
            case .failure(let failure): return .failure(failure)
            }
            skipWhitespace()
            guard current == UInt8(ascii: ":") else { return .failure(failureHere) }
            index += 1
            skipWhitespace()
            switch parseValue(depth: depth + 1) {
            case .success(let value): members[key] = value
            case .failure(let failure): return .failure(failure)
            }
            skipWhitespace()
            switch current {
            case UInt8(ascii: ","): index += 1
            case UInt8(ascii: "}"):
                index += 1
                return .success(.object(members))
            default: return .failure(failureHere)
            }
        }
    }

    private mutating func parseArray(depth: Int) -> Result<JSONValue, Failure> {
        index += 1
        var elements: [JSONValue] = []
        skipWhitespace()
        if current == UInt8(ascii: "]") {
            index += 1
            return .success(.array(elements))
        }
        while true {
            skipWhitespace()
            switch parseValue(depth: depth + 1) {
            case .success(let value): elements.append(value)
            case .failure(let failure): return .failure(failure)
            }
            skipWhitespace()
            switch current {
            case UInt8(ascii: ","): index += 1
            case UInt8(ascii: "]"):
                index += 1
                return .success(.array(elements))
            default: return .failure(failureHere)
            }
        }
    }

    private mutating func parseLiteral(_ word: StaticString, _ value: JSONValue) -> Result<JSONValue, Failure> {
        let count = word.utf8CodeUnitCount
        let expected = UnsafeBufferPointer(start: word.utf8Start, count: count)
        for offset in 0..<count {
            guard index + offset < bytes.count else { return .failure(.unexpectedEnd) }
            guard bytes[index + offset] == expected[offset] else { return .failure(.invalid(offset: index + offset)) }
        }
        index += count
        return .success(value)
    }

    private mutating func parseNumber() -> Result<JSONValue, Failure> {
        let start = index
        if current == UInt8(ascii: "-") { index += 1 }
        guard let first = current else { return .failure(.unexpectedEnd) }
        if first == UInt8(ascii: "0") {
            index += 1
        } else if isDigit(first) {
            while let byte = current, isDigit(byte) { index += 1 }
        } else {
            return .failure(.invalid(offset: index))
        }
        if current == UInt8(ascii: ".") {
            index += 1
            guard let byte = current else { return .failure(.unexpectedEnd) }
            guard isDigit(byte) else { return .failure(.invalid(offset: index)) }
            while let byte = current, isDigit(byte) { index += 1 }
        }
        if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
            index += 1
            if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") { index += 1 }
            guard let byte = current else { return .failure(.unexpectedEnd) }
            guard isDigit(byte) else { return .failure(.invalid(offset: index)) }
            while let byte = current, isDigit(byte) { index += 1 }
        }
        let text = String(decoding: bytes[start..<index], as: UTF8.self)
        // A number beyond the range of a double (`1e999999`) parses as infinity, which JSON cannot write back: it
        // is refused (failing at the number's first byte) instead of turning into `null` when stored.
        guard let number = Double(text), number.isFinite else { return .failure(.invalid(offset: start)) }
        return .success(.number(number))
    }

    private func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }

    /// Parses a string starting at its opening quote.
    mutating func parseString() -> Result<String, Failure> {
        index += 1
        var scalars: [UInt8] = []
        while true {
            guard let byte = current else { return .failure(.unexpectedEnd) }
            switch byte {
            case UInt8(ascii: "\""):
                index += 1
                return .success(String(decoding: scalars, as: UTF8.self))
            case UInt8(ascii: "\\"):
                index += 1
                guard let escape = current else { return .failure(.unexpectedEnd) }
                index += 1
                switch escape {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): scalars.append(escape)
                case UInt8(ascii: "b"): scalars.append(0x08)
                case UInt8(ascii: "f"): scalars.append(0x0C)
                case UInt8(ascii: "n"): scalars.append(0x0A)
                case UInt8(ascii: "r"): scalars.append(0x0D)
                case UInt8(ascii: "t"): scalars.append(0x09)
                case UInt8(ascii: "u"):
                    switch parseUnicodeEscape() {
                    case .success(let scalar): scalars.append(contentsOf: Array(String(Character(scalar)).utf8))
                    case .failure(let failure): return .failure(failure)
                    }
                default: return .failure(.invalid(offset: index - 1))
                }
            case 0x00..<0x20:
                return .failure(.invalid(offset: index))
            default:
                scalars.append(byte)
                index += 1
            }
        }
    }

    /// Parses the four hex digits after `\u` (and a following low surrogate); lone surrogates become U+FFFD.
    private mutating func parseUnicodeEscape() -> Result<Unicode.Scalar, Failure> {
        let high: UInt32
        switch readHex4() {
        case .success(let value): high = value
        case .failure(let failure): return .failure(failure)
        }
        let replacement = Unicode.Scalar(0xFFFD as UInt32) ?? "?"
        guard (0xD800...0xDBFF).contains(high) else {
            return .success(Unicode.Scalar(high) ?? replacement)
        }
        guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u")
        else { return .success(replacement) }
        let save = index
        index += 2
        switch readHex4() {
        case .success(let low) where (0xDC00...0xDFFF).contains(low):
            let combined = 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)
            return .success(Unicode.Scalar(combined) ?? replacement)
        case .success:
            index = save
            return .success(replacement)
        case .failure(let failure):
            return .failure(failure)
        }
    }

    private mutating func readHex4() -> Result<UInt32, Failure> {
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard let byte = current else { return .failure(.unexpectedEnd) }
            let digit: UInt32
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(byte - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(byte - UInt8(ascii: "A") + 10)
            default: return .failure(.invalid(offset: index))
            }
            value = value * 16 + digit
            index += 1
        }
        return .success(value)
    }
}
