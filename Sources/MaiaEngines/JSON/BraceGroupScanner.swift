/// Finds where a `{…}` (or `[…]`) group ends without validating it: brackets are counted outside JSON strings.
///
/// Used to tell a malformed but closed brace group (skipped as prose) from an unterminated one (which makes the
/// rest of the text prose), so that an object nested in a broken wrapper is never promoted to a call.
enum BraceGroupScanner {
    /// The index just past the `close` byte that closes the `open` byte at `start`, or `nil` when the group
    /// never closes.
    static func end(
        of bytes: [UInt8],
        openingAt start: Int,
        open: UInt8 = UInt8(ascii: "{"),
        close: UInt8 = UInt8(ascii: "}")
    ) -> Int? {
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
            } else if byte == open {
                depth += 1
            } else if byte == close {
                depth -= 1
                if depth == 0 { return index + 1 }
            }
            index += 1
        }
        return nil
    }
}
