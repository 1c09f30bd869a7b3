extension PreTokenizer {
    /// Llama 3's pattern over `piece`, as llama.cpp's hand-written matcher (`unicode_regex_split_custom_llama3`)
    /// applies it, branch for branch.
    func splitLlama3(_ piece: ArraySlice<Unicode.Scalar>, into words: inout [String]) {
        let start = piece.startIndex
        let end = piece.endIndex
        func scalar(_ index: Int) -> Unicode.Scalar? { index >= start && index < end ? piece[index] : nil }
        func flags(_ index: Int) -> Flags { Flags(scalar(index)) }
        func isLineBreak(_ scalar: Unicode.Scalar?) -> Bool { scalar == "\r" || scalar == "\n" }
        var wordStart = start
        func emit(_ index: Int) {
            if index > wordStart { words.append(String(String.UnicodeScalarView(piece[wordStart..<index]))) }
            wordStart = index
        }
        var position = start
        while position < end {
            let current = piece[position]
            let here = flags(position)
            // (?i:'s|'t|'re|'ve|'m|'ll|'d)
            if let length = Self.contraction(at: position, in: piece, ignoringCase: true) {
                position += length
                emit(position)
                continue
            }
            // [^\r\n\p{L}\p{N}]?\p{L}+
            if !(isLineBreak(current) || here.isNumber), here.isLetter || flags(position + 1).isLetter {
                position += 1
                while flags(position).isLetter { position += 1 }
                emit(position)
                continue
            }
            // \p{N}{1,3}
            if here.isNumber {
                var runStart = position
                while flags(position).isNumber {
                    position += 1
                    if position - runStart >= 3 {
                        emit(position)
                        runStart = position
                    }
                }
                emit(position)
                continue
            }
            // ` ?[^\s\p{L}\p{N}]+[\r\n]*`
            var next = current == " " ? flags(position + 1) : here
            if !(next.isWhitespace || next.isLetter || next.isNumber) && here.isInRange {
                if current == " " { position += 1 }
                while !(next.isWhitespace || next.isLetter || next.isNumber) && next.isInRange {
                    position += 1
                    next = flags(position)
                }
                while isLineBreak(scalar(position)) { position += 1 }
                emit(position)
                continue
            }
            var spaces = 0
            var afterLastLineBreak: Int?
            while flags(position + spaces).isWhitespace {
                if isLineBreak(scalar(position + spaces)) { afterLastLineBreak = position + spaces + 1 }
                spaces += 1
            }
            // \s*[\r\n]+
            if let afterLastLineBreak {
                position = afterLastLineBreak
                emit(position)
                continue
            }
            position = Self.whitespaceEnd(position, spaces: spaces, followed: scalar(position + spaces) != nil)
            emit(position)
        }
    }
}
