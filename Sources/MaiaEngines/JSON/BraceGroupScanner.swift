/// Finds where a `{…}` group ends without validating it: braces are counted outside JSON strings.
///
/// Used to tell a malformed but closed brace group (skipped as prose) from an unterminated one (which makes the
/// rest of the text prose), so that an object nested in a broken wrapper is never promoted to a call.
enum BraceGroupScanner {
    /// The index just past the `}` that closes the `{` at `start`, or `nil` when the group never closes.
    static func end(of bytes: [UInt8], openingAt start: Int) -> Int? {
        var depth = 0
        var inString = false
        var index = start
        while index < bytes.count {
            let byte = bytes[index]
            if inString {
                if byte == UInt8(ascii: "\\") {
                    index += 1
                } else if byte == UInt8(ascii: "\"") {
                    inString = false
                }
            } else if byte == UInt8(ascii: "\"") {
                inString = true
            } else if byte == UInt8(ascii: "{") {
                depth += 1
            } else if byte == UInt8(ascii: "}") {
                depth -= 1
                if depth == 0 { return index + 1 }
            }
            index += 1
        }
        return nil
    }
}
