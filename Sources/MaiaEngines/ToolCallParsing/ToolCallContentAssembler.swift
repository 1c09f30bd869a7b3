import Foundation

/// Turns scanned pieces into the result: pairs wrappers, drops those that wrap only calls, removes separators
/// next to calls, and joins the remaining text (PROTOCOLS.md §7 rule 3).
struct ToolCallContentAssembler {
    let bytes: [UInt8]
    let pieces: [TextPiece]

    func result() -> ParsedToolCalls {
        let removed = removedWrappers()
        var content: [UInt8] = []
        var calls: [ParsedToolCalls.Call] = []
        for (position, piece) in pieces.enumerated() {
            switch piece {
            case .call(let call):
                calls.append(call)
            case .control:
                break
            case .open(_, let range), .close(_, let range):
                if !removed.contains(position) { content.append(contentsOf: bytes[range]) }
            case .text(let range):
                content.append(contentsOf: separatorsStripped(range, at: position, removed: removed))
            }
        }
        let text = String(decoding: content, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return ParsedToolCalls(calls: calls, content: text)
    }

    /// Indexes of wrapper pieces that are matched and enclose only calls, separators and control tokens.
    private func removedWrappers() -> Set<Int> {
        var pairs: [(open: Int, close: Int)] = []
        var stacks: [TextWrapper: [Int]] = [:]
        for (position, piece) in pieces.enumerated() {
            switch piece {
            case .open(let kind, _):
                stacks[kind, default: []].append(position)
            case .close(let kind, _):
                if let open = stacks[kind]?.popLast() { pairs.append((open, position)) }
            default:
                break
            }
        }
        // A fence still open at the end (output cut off after the call) wraps everything after it.
        for open in stacks[.fence] ?? [] { pairs.append((open, pieces.count)) }
        var removed = Set<Int>()
        // Inner pairs close first, so a fence around `<tool_call>` tags sees them already removed.
        for pair in pairs.sorted(by: { $0.close < $1.close }) {
            var sawCall = false
            var onlyCalls = true
            for position in (pair.open + 1)..<pair.close {
                switch pieces[position] {
                case .call: sawCall = true
                case .control: break
                case .open, .close: onlyCalls = onlyCalls && removed.contains(position)
                case .text(let range): onlyCalls = onlyCalls && bytes[range].allSatisfy(isSeparator)
                }
            }
            if sawCall, onlyCalls {
                removed.insert(pair.open)
                if pair.close < pieces.count { removed.insert(pair.close) }
            }
        }
        return removed
    }

    /// The text of `range` without the `;` separators in its leading run (after a call) and trailing run
    /// (before a call); whitespace is kept so words never run together.
    private func separatorsStripped(_ range: Range<Int>, at position: Int, removed: Set<Int>) -> [UInt8] {
        var text = Array(bytes[range])
        if neighbourIsCall(of: position, step: -1, removed: removed) {
            var end = 0
            while end < text.count, isSeparator(text[end]) { end += 1 }
            text = text[..<end].filter { $0 != UInt8(ascii: ";") } + text[end...]
        }
        if neighbourIsCall(of: position, step: 1, removed: removed) {
            var start = text.count
            while start > 0, isSeparator(text[start - 1]) { start -= 1 }
            text = Array(text[..<start]) + text[start...].filter { $0 != UInt8(ascii: ";") }
        }
        return text
    }

    /// Whether the nearest piece in direction `step`, skipping control tokens and removed wrappers, is a call.
    private func neighbourIsCall(of position: Int, step: Int, removed: Set<Int>) -> Bool {
        var next = position + step
        while next >= 0, next < pieces.count {
            switch pieces[next] {
            case .call: return true
            case .control: break
            case .open, .close: if !removed.contains(next) { return false }
            case .text: return false
            }
            next += step
        }
        return false
    }

    private func isSeparator(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: ";") || byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }
}
