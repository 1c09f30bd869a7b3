/// Splits text into the words that BPE merges within, as llama.cpp does for GPT-2-style pre-tokenizers.
///
/// SmolLM2 (`tokenizer.ggml.pre` = `smollm`) first isolates every number character (`\p{N}`), then applies GPT-2's
/// pattern `'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+` inside each piece.
/// Llama 3 (`llama-bpe`) uses `(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}|
/// ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+`. Both follow llama.cpp's hand-written matchers for these
/// patterns. Character classes come from the Unicode general category; whitespace is the `White_Space` property.
struct PreTokenizer: Sendable {
    enum Pattern: Sendable {
        /// GPT-2's pattern, with every number character a word of its own first when `splitsDigits`.
        case gpt2(splitsDigits: Bool)
        case llama3
    }

    let pattern: Pattern

    /// The `tokenizer.ggml.pre` names this splitter reproduces, and the pattern of each.
    static let supported: [String: Pattern] = [
        "smollm": .gpt2(splitsDigits: true), "starcoder": .gpt2(splitsDigits: true),
        "refact": .gpt2(splitsDigits: true), "command-r": .gpt2(splitsDigits: true),
        "codeshell": .gpt2(splitsDigits: true), "exaone": .gpt2(splitsDigits: true),
        "minerva-7b": .gpt2(splitsDigits: true), "gpt-2": .gpt2(splitsDigits: false),
        "gpt2": .gpt2(splitsDigits: false), "default": .gpt2(splitsDigits: false),
        "llama3": .llama3, "llama-v3": .llama3, "llama-bpe": .llama3,
    ]

    /// The splitter for `name`, or `nil` when the runtime does not reproduce that pre-tokenizer.
    init?(name: String) {
        guard let pattern = Self.supported[name] else { return nil }
        self.pattern = pattern
    }

    /// Whether a word that is a token as a whole becomes that token without merging (llama.cpp's `ignore_merges`,
    /// set for the Llama 3 family).
    var ignoresMerges: Bool {
        if case .llama3 = pattern { return true }
        return false
    }

    /// Whether the family adds a beginning-of-sequence token when the file does not say.
    var addsBOSByDefault: Bool { ignoresMerges }

    /// Character classes of the GPT-2 pattern.
    struct Flags {
        var isLetter = false
        var isNumber = false
        var isWhitespace = false
        var isInRange = false

        init(_ scalar: Unicode.Scalar?) {
            guard let scalar else { return }
            isInRange = true
            isWhitespace = scalar.properties.isWhitespace
            switch scalar.properties.generalCategory {
            case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter:
                isLetter = true
            case .decimalNumber, .letterNumber, .otherNumber:
                isNumber = true
            default: break
            }
        }
    }

    /// The words of `text`, in order; joined they give `text` back.
    func split(_ text: String) -> [String] {
        let scalars = Array(text.unicodeScalars)
        var words: [String] = []
        guard case .gpt2(let splitsDigits) = pattern else {
            splitLlama3(scalars[...], into: &words)
            return words
        }
        var pieceStart = 0
        func emitPiece(_ end: Int) {
            if end > pieceStart { splitGPT2(scalars[pieceStart..<end], into: &words) }
        }
        if splitsDigits {
            for index in scalars.indices where Flags(scalars[index]).isNumber {
                emitPiece(index)
                words.append(String(String.UnicodeScalarView(scalars[index...index])))
                pieceStart = index + 1
            }
        }
        emitPiece(scalars.count)
        return words
    }

    /// The length of the contraction (`'s`, `'t`, `'re`, `'ve`, `'m`, `'ll`, `'d`) starting at `position`, if any.
    static func contraction(
        at position: Int,
        in piece: ArraySlice<Unicode.Scalar>,
        ignoringCase: Bool
    ) -> Int? {
        guard piece[position] == "'", position + 1 < piece.endIndex else { return nil }
        func letter(_ index: Int) -> Unicode.Scalar {
            let scalar = piece[index]
            guard ignoringCase, scalar.properties.changesWhenLowercased else { return scalar }
            return scalar.properties.lowercaseMapping.unicodeScalars.first ?? scalar
        }
        let next = letter(position + 1)
        if next == "s" || next == "t" || next == "m" || next == "d" { return 2 }
        guard position + 2 < piece.endIndex else { return nil }
        let third = letter(position + 2)
        return (next == "r" && third == "e") || (next == "v" && third == "e") || (next == "l" && third == "l") ? 3 : nil
    }

    /// Where the last branches of both patterns end a word that starts at `position` with `spaces` whitespace
    /// characters: `\s+(?!\S)` leaves the last of several spaces to the word that `followed` them, `\s+` takes them
    /// all, and without whitespace one character is a word of its own.
    static func whitespaceEnd(_ position: Int, spaces: Int, followed: Bool) -> Int {
        if spaces > 1, followed { return position + spaces - 1 }
        return position + max(spaces, 1)
    }

    /// GPT-2's pattern over one piece, as llama.cpp's hand-written matcher applies it.
    private func splitGPT2(_ piece: ArraySlice<Unicode.Scalar>, into words: inout [String]) {
        var cut = WordCutter(piece)
        let end = piece.endIndex
        var position = piece.startIndex
        while position < end {
            let current = piece[position]
            // 's|'t|'re|'ve|'m|'ll|'d
            if let length = Self.contraction(at: position, in: piece, ignoringCase: false) {
                position += length
                cut.emit(position)
                continue
            }
            let isSpace = current == " "
            var lookahead = isSpace ? cut.flags(position + 1) : cut.flags(position)
            // ` ?\p{L}+`
            if lookahead.isLetter {
                if isSpace { position += 1 }
                while cut.flags(position).isLetter { position += 1 }
                cut.emit(position)
                continue
            }
            // ` ?\p{N}+`
            if lookahead.isNumber {
                if isSpace { position += 1 }
                while cut.flags(position).isNumber { position += 1 }
                cut.emit(position)
                continue
            }
            // ` ?[^\s\p{L}\p{N}]+`
            if !(lookahead.isWhitespace || lookahead.isLetter || lookahead.isNumber) && lookahead.isInRange {
                if isSpace { position += 1 }
                while !(lookahead.isWhitespace || lookahead.isLetter || lookahead.isNumber) && lookahead.isInRange {
                    position += 1
                    lookahead = cut.flags(position)
                }
                cut.emit(position)
                continue
            }
            var spaces = 0
            while cut.flags(position + spaces).isWhitespace { spaces += 1 }
            position = Self.whitespaceEnd(position, spaces: spaces, followed: cut.scalar(position + spaces) != nil)
            cut.emit(position)
        }
        words += cut.words
    }
}

/// What both matchers share while they cut one piece: its characters' classes, and the words cut so far.
struct WordCutter {
    let piece: ArraySlice<Unicode.Scalar>
    private(set) var words: [String] = []
    private var wordStart: Int

    init(_ piece: ArraySlice<Unicode.Scalar>) {
        self.piece = piece
        wordStart = piece.startIndex
    }

    /// The character at `index`, `nil` outside the piece.
    func scalar(_ index: Int) -> Unicode.Scalar? { piece.indices.contains(index) ? piece[index] : nil }

    func flags(_ index: Int) -> PreTokenizer.Flags { PreTokenizer.Flags(scalar(index)) }

    /// Ends the current word at `index` (nothing when it is empty); the next one starts there.
    mutating func emit(_ index: Int) {
        if index > wordStart { words.append(String(String.UnicodeScalarView(piece[wordStart..<index]))) }
        wordStart = index
    }
}
