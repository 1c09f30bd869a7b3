/// The byte-level BPE tokenizer of a GGUF file (`tokenizer.ggml.model` = `gpt2`), built from the file's own
/// vocabulary, token types and merges, producing the same ids as llama.cpp.
///
/// Encoding: special tokens are cut out first (longest first); the text between them is split into words by the
/// file's pre-tokenizer, each word is written in the byte-level alphabet and merged pair by pair, always the
/// lowest-ranked adjacent pair (leftmost on ties), as llama.cpp does.
public struct BPETokenizer: Sendable {
    /// llama.cpp's token types (`tokenizer.ggml.token_type`).
    public enum TokenType: Int, Sendable {
        case undefined = 0
        case normal, unknown, control, userDefined, unused, byte
    }

    /// Every token's text, in the byte-level alphabet for ordinary tokens.
    public let tokens: [String]
    /// Every token's type.
    public let types: [TokenType]
    /// The beginning-of-sequence token, if the file names one.
    public let bos: Int?
    /// The end-of-sequence token, if the file names one.
    public let eos: Int?
    /// The end-of-turn token (`tokenizer.ggml.eot_token_id`), if the file names one.
    public let eot: Int?
    /// Whether `encode(_:addSpecial:)` prepends `bos` (`tokenizer.ggml.add_bos_token`).
    public let addsBOS: Bool
    let ids: [String: Int]
    let ranks: [String: Int]
    let preTokenizer: PreTokenizer
    /// Tokens matched as whole pieces of text, longest first: control and user-defined tokens.
    let specials: [(text: String, id: Int, type: TokenType)]

    /// Reads the tokenizer of `file`.
    public init(_ file: GGUFFile) throws(InferenceError) {
        let model = file.metadata["tokenizer.ggml.model"]?.stringValue ?? "(none)"
        guard model == "gpt2" else {
            throw InferenceError(
                .unsupportedModel,
                "\(file.path) has a `\(model)` tokenizer; the in-process runtime reads byte-level BPE (`gpt2`)"
            )
        }
        let pre = file.metadata["tokenizer.ggml.pre"]?.stringValue ?? "default"
        guard let preTokenizer = PreTokenizer(name: pre) else {
            let accepted = PreTokenizer.supported.keys.sorted().joined(separator: ", ")
            throw InferenceError(
                .unsupportedModel,
                "\(file.path) uses the `\(pre)` pre-tokenizer; the in-process runtime reproduces \(accepted)"
            )
        }
        guard let tokenValues = file.metadata["tokenizer.ggml.tokens"]?.arrayValue, !tokenValues.isEmpty else {
            throw InferenceError(.corruptFile, "\(file.path) has no tokenizer.ggml.tokens")
        }
        let tokens = tokenValues.map { $0.stringValue ?? "" }
        let typeValues = file.metadata["tokenizer.ggml.token_type"]?.arrayValue ?? []
        let types = tokens.indices.map { index in
            index < typeValues.count ? TokenType(rawValue: typeValues[index].intValue ?? 1) ?? .normal : .normal
        }
        var ids: [String: Int] = [:]
        // Later duplicates win, as in llama.cpp's token map.
        for (id, text) in tokens.enumerated() { ids[text] = id }
        var ranks: [String: Int] = [:]
        for (rank, merge) in (file.metadata["tokenizer.ggml.merges"]?.arrayValue ?? []).enumerated() {
            if let text = merge.stringValue, ranks[text] == nil { ranks[text] = rank }
        }
        func tokenID(_ key: String) -> Int? {
            guard let id = file.metadata["tokenizer.ggml.\(key)"]?.intValue, id >= 0, id < tokens.count else {
                return nil
            }
            return id
        }
        self.tokens = tokens
        self.types = types
        self.ids = ids
        self.ranks = ranks
        self.preTokenizer = preTokenizer
        bos = tokenID("bos_token_id")
        eos = tokenID("eos_token_id")
        eot = tokenID("eot_token_id")
        addsBOS = file.metadata["tokenizer.ggml.add_bos_token"]?.boolValue ?? preTokenizer.addsBOSByDefault
        specials = tokens.indices
            .filter { types[$0] == .control || types[$0] == .userDefined || types[$0] == .unknown }
            .filter { !tokens[$0].isEmpty }
            .map { (tokens[$0], $0, types[$0]) }
            .sorted { $0.text.utf8.count > $1.text.utf8.count }
    }

    /// The id of the token spelled `text` exactly, if there is one.
    public func id(of text: String) -> Int? { ids[text] }

    /// Control tokens that end a generation besides `eos` and `eot`, by text (llama.cpp's end-of-generation list:
    /// files often name only one of a template's end markers).
    static let endOfGenerationTexts: Set<String> = [
        "<|eot_id|>", "<|eom_id|>", "<|im_end|>", "<|end|>", "<end_of_turn>", "<|endoftext|>", "<EOT>",
        "<|end_of_text|>",
    ]

    /// Whether generation ends at `token` (end of sequence, end of turn, or another end marker).
    public func isEndOfGeneration(_ token: Int) -> Bool {
        if token == eos || token == eot { return true }
        guard token >= 0, token < tokens.count, types[token] == .control else { return false }
        return Self.endOfGenerationTexts.contains(tokens[token])
    }

    /// The ids of `text`. With `parseSpecial`, control tokens written in the text (`<|im_start|>`) become their ids,
    /// as llama.cpp's `/tokenize` does; user-defined tokens always do. With `addSpecial`, `bos` is prepended when
    /// the file asks for it.
    public func encode(_ text: String, addSpecial: Bool = false, parseSpecial: Bool = true) -> [Int] {
        var out: [Int] = []
        if addSpecial, addsBOS, let bos { out.append(bos) }
        for fragment in partition(text, parseSpecial: parseSpecial) {
            switch fragment {
            case .token(let id): out.append(id)
            case .text(let text):
                for word in preTokenizer.split(text) {
                    let symbols = ByteLevel.encode(word.utf8)
                    if preTokenizer.ignoresMerges, let id = ids[symbols] {
                        out.append(id)
                    } else {
                        merge(symbols, into: &out)
                    }
                }
            }
        }
        return out
    }

    /// The bytes `token` stands for: byte-level tokens decoded, special tokens as their text only when
    /// `renderSpecial` (generation hides them).
    public func bytes(of token: Int, renderSpecial: Bool = false) -> [UInt8] {
        guard token >= 0, token < tokens.count else { return [] }
        switch types[token] {
        case .normal, .undefined, .byte: return ByteLevel.decode(tokens[token])
        case .userDefined: return Array(tokens[token].utf8)
        case .control, .unknown, .unused: return renderSpecial ? Array(tokens[token].utf8) : []
        }
    }

    /// The text of `tokens` (invalid UTF-8 repaired).
    public func decode(_ tokens: [Int], renderSpecial: Bool = false) -> String {
        String(decoding: tokens.flatMap { bytes(of: $0, renderSpecial: renderSpecial) }, as: UTF8.self)
    }

    enum Fragment {
        case text(String)
        case token(Int)
    }

    /// `text` cut at every occurrence of a special token, longest tokens first (matched on UTF-8 bytes, so that a
    /// token followed by a combining mark is still found).
    func partition(_ text: String, parseSpecial: Bool) -> [Fragment] {
        var fragments: [ByteFragment] = [.text(Array(text.utf8)[...])]
        for special in specials {
            if !parseSpecial && special.type != .userDefined { continue }
            let needle = Array(special.text.utf8)
            var next: [ByteFragment] = []
            for fragment in fragments {
                guard case .text(let piece) = fragment, piece.count >= needle.count else {
                    next.append(fragment)
                    continue
                }
                var start = piece.startIndex
                var index = piece.startIndex
                while index + needle.count <= piece.endIndex {
                    if piece[index] == needle[0], piece[index..<index + needle.count].elementsEqual(needle) {
                        if index > start { next.append(.text(piece[start..<index])) }
                        next.append(.token(special.id))
                        index += needle.count
                        start = index
                    } else {
                        index += 1
                    }
                }
                if start < piece.endIndex { next.append(.text(piece[start...])) }
            }
            fragments = next
        }
        return fragments.map { fragment in
            switch fragment {
            case .text(let bytes): return .text(String(decoding: bytes, as: UTF8.self))
            case .token(let id): return .token(id)
            }
        }
    }

    private enum ByteFragment {
        case text(ArraySlice<UInt8>)
        case token(Int)
    }

    /// BPE over one word written in the byte-level alphabet.
    func merge(_ word: String, into out: inout [Int]) {
        var symbols = word.unicodeScalars.map { String($0) }
        while symbols.count > 1 {
            var best: (rank: Int, index: Int)?
            for index in 0..<symbols.count - 1 {
                if let rank = ranks[symbols[index] + " " + symbols[index + 1]], rank < (best?.rank ?? .max) {
                    best = (rank, index)
                }
            }
            guard let best else { break }
            symbols[best.index] += symbols[best.index + 1]
            symbols.remove(at: best.index + 1)
        }
        for symbol in symbols {
            if let id = ids[symbol] {
                out.append(id)
            } else {
                // llama.cpp's fallback: each byte of the symbol's text that is itself a token.
                for byte in symbol.utf8 {
                    if let id = ids[String(decoding: [byte], as: UTF8.self)] { out.append(id) }
                }
            }
        }
    }
}
