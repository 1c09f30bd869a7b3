extension PreTokenizer {
    /// Llama 3's pattern over `piece`, as llama.cpp's hand-written matcher (`unicode_regex_split_custom_llama3`)
    /// applies it, branch for branch.
    func splitLlama3(_ piece: ArraySlice<Unicode.Scalar>, into words: inout [String]) {
        var cut = WordCutter(piece)
        let end = piece.endIndex
        func isLineBreak(_ scalar: Unicode.Scalar?) -> Bool { scalar == "\r" || scalar == "\n" }
        var position = piece.startIndex
        while position < end {
            let current = piece[position]
            let here = cut.flags(position)
            // (?i:'s|'t|'re|'ve|'m|'ll|'d)
            if let length = Self.contraction(at: position, in: piece, ignoringCase: true) {
                position += length
                cut.emit(position)
                continue
            }
            // [^\r\n\p{L}\p{N}]?\p{L}+
            if !(isLineBreak(current) || here.isNumber), here.isLetter || cut.flags(position + 1).isLetter {
                position += 1
                while cut.flags(position).isLetter { position += 1 }
                cut.emit(position)
                continue
            }
            // \p{N}{1,3}
            if here.isNumber {
                var runStart = position
                while cut.flags(position).isNumber {
                    position += 1
                    if position - runStart >= 3 {
                        cut.emit(position)
                        runStart = position
                    }
                }
                cut.emit(position)
                continue
            }
            // ` ?[^\s\p{L}\p{N}]+[\r\n]*`
            var next = current == " " ? cut.flags(position + 1) : here
            if !(next.isWhitespace || next.isLetter || next.isNumber) && here.isInRange {
                if current == " " { position += 1 }
                while !(next.isWhitespace || next.isLetter || next.isNumber) && next.isInRange {
                    position += 1
                    next = cut.flags(position)
                }
                while isLineBreak(cut.scalar(position)) { position += 1 }
                cut.emit(position)
                continue
            }
            var spaces = 0
            var afterLastLineBreak: Int?
            while cut.flags(position + spaces).isWhitespace {
                if isLineBreak(cut.scalar(position + spaces)) { afterLastLineBreak = position + spaces + 1 }
                spaces += 1
            }
            // \s*[\r\n]+
            if let afterLastLineBreak {
                position = afterLastLineBreak
                cut.emit(position)
                continue
            }
            position = Self.whitespaceEnd(position, spaces: spaces, followed: cut.scalar(position + spaces) != nil)
            cut.emit(position)
        }
        words += cut.words
    }
}
