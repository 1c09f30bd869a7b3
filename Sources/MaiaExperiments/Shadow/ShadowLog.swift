import Foundation
import MaiaCore

/// The shadow log: JSON Lines, one ``ShadowRecord`` per line, each appended with a single `write` and an `fsync`,
/// so a crash loses at most the comparison being written. The file is created (mode 0600: it holds what users
/// said) together with its folder.
public actor ShadowLog {
    /// The log's path.
    public nonisolated let path: String
    private let descriptor: Int32
    /// `write` and `fsync` block their thread for milliseconds; they run on this serial queue (in the order the
    /// actor hands them over) so that they never hold one of the few cooperative threads live turns run on.
    private let disk = DispatchQueue(label: "maia.shadow-log")

    /// Opens (or creates) the log at `path` for appending.
    public init(path: String) throws(ShadowLogError) {
        self.path = path
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw ShadowLogError("cannot create the shadow log's folder \(folder.path): \(error.localizedDescription)")
        }
        let descriptor = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw ShadowLogError("cannot open the shadow log \(path): \(String(cString: strerror(errno)))")
        }
        self.descriptor = descriptor
    }

    deinit {
        close(descriptor)
    }

    /// Appends `record` as one line and waits until it is on disk.
    public func append(_ record: ShadowRecord) async throws(ShadowLogError) {
        var encoded = ShadowLogCoding.encode(record)
        encoded.append(UInt8(ascii: "\n"))
        let (line, descriptor, path) = (encoded, descriptor, path)
        let result: Result<Void, ShadowLogError> = await withCheckedContinuation { continuation in
            disk.async { continuation.resume(returning: Self.write(line, to: descriptor, path: path)) }
        }
        try result.get()
    }

    private static func write(_ line: Data, to descriptor: Int32, path: String) -> Result<Void, ShadowLogError> {
        let written = line.withUnsafeBytes { Foundation.write(descriptor, $0.baseAddress, $0.count) }
        guard written == line.count else {
            return .failure(
                ShadowLogError("cannot write to the shadow log \(path): \(String(cString: strerror(errno)))")
            )
        }
        guard fsync(descriptor) == 0 else {
            return .failure(ShadowLogError("cannot sync the shadow log \(path): \(String(cString: strerror(errno)))"))
        }
        return .success(())
    }
}

/// A shadow log that could not be opened, written or read.
public struct ShadowLogError: Error, CustomStringConvertible, Sendable {
    public let description: String

    init(_ description: String) {
        self.description = description
    }
}

/// The one JSON encoding of shadow records: sorted keys, ISO 8601 timestamps with milliseconds.
enum ShadowLogCoding {
    static func encode(_ record: ShadowRecord) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(ISO8601.format(date))
        }
        // Every field is a plain value type, so encoding cannot fail.
        return (try? encoder.encode(record)) ?? Data()
    }

    static let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let container = try decoder.singleValueContainer()
            if let milliseconds = try? container.decode(Double.self) {
                return Date(timeIntervalSince1970: milliseconds / 1000)
            }
            let text = try container.decode(String.self)
            guard let date = ISO8601.parse(text) else {
                throw DecodingError.dataCorruptedError(
                    in: container,
                    debugDescription: "timestamp \"\(text)\" is not ISO 8601"
                )
            }
            return date
        }
        return decoder
    }()
}
