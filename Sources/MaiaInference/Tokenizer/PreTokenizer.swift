/// Splits text into the words that BPE merges within, as llama.cpp does for GPT-2-style pre-tokenizers.
///
/// SmolLM2 (`tokenizer.ggml.pre` = `smollm`) first isolates every number character (`\p{N}`), then applies GPT-2's
/// pattern `'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+` inside each piece.
/// Character classes come from the Unicode general category; whitespace is the `White_Space` property.
struct PreTokenizer: Sendable {
    /// Whether every number character is a word of its own before the GPT-2 pattern runs.
    let splitsDigits: Bool

    /// The `tokenizer.ggml.pre` names this splitter reproduces, and whether each isolates digits.
    static let supported: [String: Bool] = [
        "smollm": true, "starcoder": true, "refact": true, "command-r": true, "codeshell": true,
        "exaone": true, "minerva-7b": true, "gpt-2": false, "gpt2": false, "default": false,
    ]

    /// The splitter for `name`, or `nil` when the runtime does not reproduce that pre-tokenizer.
    init?(name: String) {
        guard let splitsDigits = Self.supported[name] else { return nil }
        self.splitsDigits = splitsDigits
    }

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

    /// GPT-2's pattern over one piece, as llama.cpp's hand-written matcher applies it.
    private func splitGPT2(_ piece: ArraySlice<Unicode.Scalar>, into words: inout [String]) {
        let start = piece.startIndex
        let end = piece.endIndex
        func scalar(_ index: Int) -> Unicode.Scalar? { index >= start && index < end ? piece[index] : nil }
        func flags(_ index: Int) -> Flags { Flags(scalar(index)) }
        var wordStart = start
        func emit(_ index: Int) {
            if index > wordStart { words.append(String(String.UnicodeScalarView(piece[wordStart..<index]))) }
            wordStart = index
        }
        var position = start
        while position < end {
            let current = piece[position]
            // 's|'t|'re|'ve|'m|'ll|'d
            if current == "'", position + 1 < end {
                let next = piece[position + 1]
                if next == "s" || next == "t" || next == "m" || next == "d" {
                    position += 2
                    emit(position)
                    continue
                }
                if position + 2 < end {
                    let third = piece[position + 2]
                    if (next == "r" && third == "e") || (next == "v" && third == "e") || (next == "l" && third == "l") {
                        position += 3
                        emit(position)
                        continue
                    }
                }
            }
            let isSpace = current == " "
            var lookahead = isSpace ? flags(position + 1) : flags(position)
            // ` ?\p{L}+`
            if lookahead.isLetter {
                if isSpace { position += 1 }
                while flags(position).isLetter { position += 1 }
                emit(position)
                continue
            }
            // ` ?\p{N}+`
            if lookahead.isNumber {
                if isSpace { position += 1 }
                while flags(position).isNumber { position += 1 }
                emit(position)
                continue
            }
            // ` ?[^\s\p{L}\p{N}]+`
            if !(lookahead.isWhitespace || lookahead.isLetter || lookahead.isNumber) && lookahead.isInRange {
                if isSpace { position += 1 }
                while !(lookahead.isWhitespace || lookahead.isLetter || lookahead.isNumber) && lookahead.isInRange {
                    position += 1
                    lookahead = flags(position)
                }
                emit(position)
                continue
            }
            var spaces = 0
            while flags(position + spaces).isWhitespace { spaces += 1 }
            // `\s+(?!\S)`: a run of spaces before a non-space leaves its last space to the next word.
            if spaces > 1, scalar(position + spaces) != nil {
                position += spaces - 1
                emit(position)
                continue
            }
            if spaces > 0 {
                position += spaces
                emit(position)
                continue
            }
            position += 1
            emit(position)
        }
    }
}
