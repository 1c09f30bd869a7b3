import Foundation

/// The generated text as it streams: bytes are turned into text only once they form whole UTF-8 characters, and
/// text that could still become a stop string is held back until it cannot.
struct StopSequenceText {
    let stops: [String]
    private var bytes: [UInt8] = []
    /// Decoded text not yet released.
    private var held = ""

    init(stops: [String]) {
        self.stops = stops.filter { !$0.isEmpty }
    }

    /// Adds a token's bytes; returns the text that is now safe to show, and whether a stop string was produced
    /// (the text before it is returned, the stop string and anything after it are dropped).
    mutating func append(_ token: [UInt8]) -> (String, stopped: Bool) {
        bytes += token
        let complete = Self.completePrefixLength(bytes)
        held += String(decoding: bytes[..<complete], as: UTF8.self)
        bytes.removeFirst(complete)
        for stop in stops {
            if let range = held.range(of: stop) {
                let before = String(held[..<range.lowerBound])
                held = ""
                return (before, true)
            }
        }
        // Keep back the longest suffix that is a prefix of some stop string.
        var keep = 0
        for stop in stops {
            var length = min(stop.count, held.count)
            while length > keep {
                if held.hasSuffix(stop.prefix(length)) {
                    keep = length
                    break
                }
                length -= 1
            }
        }
        let released = String(held.dropLast(keep))
        held = String(held.suffix(keep))
        return (released, false)
    }

    /// Whatever is held back, at the end of generation (an incomplete character is repaired).
    mutating func flush() -> String {
        let rest = held + String(decoding: bytes, as: UTF8.self)
        held = ""
        bytes = []
        return rest
    }

    /// The length of the longest prefix of `bytes` that does not end inside a UTF-8 character.
    static func completePrefixLength(_ bytes: [UInt8]) -> Int {
        var index = bytes.count
        var continuation = 0
        while index > 0, bytes[index - 1] & 0xC0 == 0x80, continuation < 3 {
            index -= 1
            continuation += 1
        }
        guard index > 0 else { return bytes.count }
        let lead = bytes[index - 1]
        let needed = lead >= 0xF0 ? 3 : lead >= 0xE0 ? 2 : lead >= 0xC0 ? 1 : 0
        return needed > continuation ? index - 1 : bytes.count
    }
}
