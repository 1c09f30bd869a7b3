/// GPT-2's byte-level alphabet: every byte is written as a printable character (`Ġ` for a space), so that a
/// byte-level BPE vocabulary is a list of ordinary strings.
enum ByteLevel {
    /// The character of each byte value.
    static let characters: [Character] = {
        var printable = Array(33...126) + Array(161...172) + Array(174...255)
        var scalars = printable
        var next = 256
        for byte in 0..<256 where !printable.contains(byte) {
            printable.append(byte)
            scalars.append(next)
            next += 1
        }
        var table = [Character](repeating: " ", count: 256)
        for (byte, scalar) in zip(printable, scalars) {
            table[byte] = Character(Unicode.Scalar(UInt32(scalar))!)
        }
        return table
    }()

    /// The byte of each character of the alphabet.
    static let bytes: [Character: UInt8] = {
        var table: [Character: UInt8] = [:]
        for (byte, character) in characters.enumerated() { table[character] = UInt8(byte) }
        return table
    }()

    /// `bytes` written in the alphabet.
    static func encode<Bytes: Sequence<UInt8>>(_ bytes: Bytes) -> String {
        var text = ""
        for byte in bytes { text.append(characters[Int(byte)]) }
        return text
    }

    /// The bytes a vocabulary string stands for; characters outside the alphabet are kept as their UTF-8.
    static func decode(_ text: String) -> [UInt8] {
        var out: [UInt8] = []
        for character in text {
            if let byte = bytes[character] {
                out.append(byte)
            } else {
                out.append(contentsOf: Array(String(character).utf8))
            }
        }
        return out
    }
}
