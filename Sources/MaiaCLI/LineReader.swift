import Foundation
import MaiaApp

/// Reads a file, or standard input for `-`, line by line without loading it whole, so that inputs of any size run
/// in bounded memory. A line longer than ``maximumLineBytes`` ends the reading with an error instead of being
/// buffered without bound (`/dev/zero` has no newline). A UTF-8 byte order mark at the very start is dropped.
struct LineReader: Sequence, IteratorProtocol {
    /// Why a line could not be read; reading stops after the first one.
    enum LineError: Error, CustomStringConvertible {
        case notUTF8
        case tooLong
        case unreadable(String)

        var description: String {
            switch self {
            case .notUTF8: "the line is not valid UTF-8 text"
            case .tooLong:
                "the line is longer than \(LineReader.maximumLineBytes / (1 << 20)) MiB, the longest line accepted "
                    + "(is this a text file with one item a line?)"
            case .unreadable(let reason): "the input could not be read (\(reason))"
            }
        }
    }

    /// The longest line accepted, in bytes: room for the longest message (100,000 characters) fully escaped.
    static let maximumLineBytes = 4 << 20
    private static let chunkSize = 1 << 16

    private let descriptor: Int32
    private let ownsDescriptor: Bool
    private var buffer: [UInt8] = []
    /// Where the unread part of `buffer` starts, and how far past it no newline was found (so that a long line
    /// arriving in many chunks is scanned once, not once per chunk).
    private var start = 0
    private var scanned = 0
    private var atEnd = false
    private var finished = false
    private var firstLine = true

    /// Opens `path` (`-` for standard input), or throws a message naming `option` that says what was wrong.
    init(path: String, option: String) throws(CLIError) {
        if path == "-" {
            descriptor = FileHandle.standardInput.fileDescriptor
            ownsDescriptor = false
            return
        }
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
            throw CLIError("\(option): \(path) does not exist; give a file, or - for standard input")
        }
        guard !isFolder.boolValue else {
            throw CLIError("\(option): \(path) is a folder; give a file, or - for standard input")
        }
        let opened = open(path, O_RDONLY)
        guard opened >= 0 else {
            throw CLIError("\(option): cannot read \(path) (\(String(cString: strerror(errno))))")
        }
        descriptor = opened
        ownsDescriptor = true
    }

    /// Closes the file (standard input stays open).
    func close() {
        if ownsDescriptor { _ = Foundation.close(descriptor) }
    }

    /// The next line without its `\n` (and `\r`), a failure that ends the reading, or `nil` at the end.
    mutating func next() -> Result<String, LineError>? {
        guard !finished else { return nil }
        while true {
            if let newline = buffer[scanned...].firstIndex(of: 0x0A) {
                let line = buffer[start..<newline]
                start = newline + 1
                scanned = start
                return decode(line)
            }
            scanned = buffer.count
            if buffer.count - start > Self.maximumLineBytes { return fail(.tooLong) }
            if atEnd {
                finished = true
                return start < buffer.count ? decode(buffer[start...]) : nil
            }
            if let error = fill() { return fail(error) }
        }
    }

    /// Reads the next chunk, retrying reads a signal interrupted (Foundation's `readData` crashes on errors).
    private mutating func fill() -> LineError? {
        if start > 0 {
            buffer.removeSubrange(..<start)
            scanned -= start
            start = 0
        }
        let old = buffer.count
        buffer.append(contentsOf: repeatElement(0, count: Self.chunkSize))
        while true {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress! + old, Self.chunkSize) }
            if count >= 0 {
                buffer.removeSubrange((old + count)...)
                if count == 0 { atEnd = true }
                return nil
            }
            if errno != EINTR {
                buffer.removeSubrange(old...)
                return .unreadable(String(cString: strerror(errno)))
            }
        }
    }

    private mutating func fail(_ error: LineError) -> Result<String, LineError> {
        finished = true
        buffer = []
        return .failure(error)
    }

    private mutating func decode(_ bytes: ArraySlice<UInt8>) -> Result<String, LineError> {
        var bytes = bytes.last == 0x0D ? bytes.dropLast() : bytes
        if firstLine {
            firstLine = false
            if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        }
        guard let text = String(validating: bytes, as: UTF8.self) else { return fail(.notUTF8) }
        return .success(text)
    }
}
