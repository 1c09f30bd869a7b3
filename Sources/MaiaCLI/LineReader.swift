import Foundation

/// Reads a file line by line without loading it whole, so that imports of any size run in bounded memory.
struct LineReader: Sequence, IteratorProtocol {
    /// A line that is not valid UTF-8.
    struct InvalidLine: Error {}

    private let handle: FileHandle
    private var buffer: [UInt8] = []
    private var atEnd = false

    /// Opens `path`, or returns `nil` when it cannot be read.
    init?(path: String) {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        self.handle = handle
    }

    /// The next line without its `\n` (and `\r`), `.failure` for invalid UTF-8, `nil` at the end.
    mutating func next() -> Result<String, InvalidLine>? {
        while true {
            if let newline = buffer.firstIndex(of: 0x0A) {
                let line = Array(buffer[..<newline])
                buffer.removeSubrange(...newline)
                return decode(line)
            }
            if atEnd {
                guard !buffer.isEmpty else { return nil }
                defer { buffer.removeAll() }
                return decode(buffer)
            }
            let chunk = handle.readData(ofLength: 1 << 16)
            if chunk.isEmpty { atEnd = true } else { buffer += chunk }
        }
    }

    private func decode(_ bytes: [UInt8]) -> Result<String, InvalidLine> {
        let trimmed = bytes.last == 0x0D ? bytes.dropLast() : bytes[...]
        guard let text = String(validating: trimmed, as: UTF8.self) else { return .failure(InvalidLine()) }
        return .success(text)
    }
}
