import Foundation
import Synchronization

/// A shadow log followed as it grows: each ``refresh()`` reads only the bytes appended since the last one and adds
/// their comparisons to what is held in memory, so that a page over a log of 100,000 comparisons parses nothing it
/// parsed before. A log that shrank or was replaced (another inode) is read again from its start.
///
/// Records are held without their texts (the user's message and both replies): those are most of a log's bytes and
/// only the side-by-side view needs them, for one comparison at a time, which ``record(at:)`` reads back from the
/// file at the offset it was found at. A last line without its newline is still being written: it waits for the next
/// refresh (`maia report` would list it as skipped). The seed's single-array format is read whole whenever the
/// file's size or modification time changes (seed logs are imported once, not appended to).
public final class ShadowLogTail: Sendable {
    /// What the log held at the last refresh.
    public struct Snapshot: Sendable {
        /// Every comparison, in log order, with empty texts.
        public let records: [ShadowRecord]
        public let skipped: [ShadowLogContents.SkippedLine]
        /// Grows with every refresh that found something new; a cache keyed by it stays valid while it is equal.
        public let version: Int
        /// Grows whenever the log is read again from its start (it shrank, was replaced or removed): while it is
        /// equal, ``records`` only grew at its end, so an aggregate of its first `n` records needs only the rest.
        public let generation: Int
    }

    private struct Location: Sendable {
        let offset: UInt64
        let length: Int
    }

    private struct State: Sendable {
        var records: [ShadowRecord] = []
        var locations: [Location] = []
        var skipped: [ShadowLogContents.SkippedLine] = []
        /// Bytes consumed (complete lines), and the number of the next line.
        var offset: UInt64 = 0
        var nextLine = 1
        var inode: UInt64?
        var seedStamp: String?
        var version = 0
        var generation = 0
        var isSeedArray = false

        /// A state that starts the log again from its beginning.
        func restarted() -> State {
            State(version: version + 1, generation: generation + 1)
        }

        var snapshot: Snapshot {
            Snapshot(records: records, skipped: skipped, version: version, generation: generation)
        }
    }

    /// The log's path.
    public let path: String
    private let state = Mutex(State())
    /// Reads block their thread; they run here, one at a time, never on the cooperative pool.
    private let disk = DispatchQueue(label: "maia.shadow-log-tail")

    /// Follows the log at `path` (which need not exist yet).
    public init(path: String) {
        self.path = path
    }

    /// Reads what was appended since the last refresh and returns everything held.
    public func refresh() async throws(ShadowLogError) -> Snapshot {
        let result: Result<Snapshot, ShadowLogError> = await withCheckedContinuation { continuation in
            disk.async {
                continuation.resume(returning: Result { () throws(ShadowLogError) in try self.readAppended() })
            }
        }
        return try result.get()
    }

    /// The comparison at `index` of the last snapshot, with its texts read back from the file; `nil` when there is
    /// no such comparison or the file no longer holds it as it was.
    public func record(at index: Int) async -> ShadowRecord? {
        let location: Location? = state.withLock { state in
            state.locations.indices.contains(index) ? state.locations[index] : nil
        }
        guard let location else { return nil }
        let isSeed = state.withLock { $0.isSeedArray }
        let path = path
        return await withCheckedContinuation { continuation in
            disk.async {
                if isSeed {
                    let contents = try? ShadowLogReader.read(path: path)
                    continuation.resume(
                        returning: contents.flatMap { $0.records.indices.contains(index) ? $0.records[index] : nil }
                    )
                    return
                }
                guard let handle = FileHandle(forReadingAtPath: path) else {
                    return continuation.resume(returning: nil)
                }
                defer { try? handle.close() }
                try? handle.seek(toOffset: location.offset)
                let data = (try? handle.read(upToCount: location.length)) ?? Data()
                continuation.resume(returning: try? ShadowLogReader.record(from: data))
            }
        }
    }

    private func readAppended() throws(ShadowLogError) -> Snapshot {
        var attributes: [FileAttributeKey: Any] = [:]
        do {
            attributes = try FileManager.default.attributesOfItem(atPath: path)
        } catch {
            // No log yet: nothing compared so far.
            return state.withLock { state in
                if state.offset > 0 || !state.records.isEmpty { state = state.restarted() }
                return state.snapshot
            }
        }
        let size = (attributes[.size] as? NSNumber)?.uint64Value ?? 0
        let inode = (attributes[.systemFileNumber] as? NSNumber)?.uint64Value
        let modified = (attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
        // The records leave the lock while new ones are appended, so that the array is not copied whole on each
        // refresh; only this serial queue reads or writes them (``record(at:)`` reads the locations).
        var current = state.withLock { state in
            let taken = state
            state.records = []
            return taken
        }
        do throws(ShadowLogError) {
            if current.inode != inode || size < current.offset {
                current = current.restarted()
                current.inode = inode
            }
            if current.offset == 0 && !current.isSeedArray, try startsWithBracket() {
                current.isSeedArray = true
            }
            if current.isSeedArray {
                let stamp = "\(size) \(modified)"
                if stamp != current.seedStamp {
                    let contents = try ShadowLogReader.read(path: path)
                    current.records = contents.records.map(Self.withoutTexts)
                    current.locations = contents.records.indices.map { _ in Location(offset: 0, length: 0) }
                    current.skipped = contents.skipped
                    current.seedStamp = stamp
                    current.version += 1
                    current.generation += 1
                }
            } else if size > current.offset {
                try append(from: &current, upTo: size)
            }
        } catch {
            // What was read so far stays consistent (a restarted state reads the log again from its start).
            let partial = current
            state.withLock { $0 = partial }
            throw error
        }
        let final = current
        state.withLock { $0 = final }
        return final.snapshot
    }

    /// Parses the complete lines between the consumed offset and `size`.
    private func append(from current: inout State, upTo size: UInt64) throws(ShadowLogError) {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw ShadowLogError("cannot read the shadow log \(path): no such file or not readable")
        }
        defer { try? handle.close() }
        let data: Data
        do {
            try handle.seek(toOffset: current.offset)
            data = try handle.read(upToCount: Int(size - current.offset)) ?? Data()
        } catch {
            throw ShadowLogError("cannot read the shadow log \(path): \(error.localizedDescription)")
        }
        guard let lastNewline = data.lastIndex(of: UInt8(ascii: "\n")) else { return }
        var start = data.startIndex
        let before = current.records.count + current.skipped.count
        while start <= lastNewline {
            let end = data[start...lastNewline].firstIndex(of: UInt8(ascii: "\n")) ?? lastNewline
            let line = data[start..<end]
            if !line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) {
                do {
                    current.records.append(Self.withoutTexts(try ShadowLogReader.record(from: Data(line))))
                    current.locations.append(
                        Location(offset: current.offset + UInt64(start - data.startIndex), length: line.count)
                    )
                } catch {
                    current.skipped.append(.init(line: current.nextLine, reason: "\(error)"))
                }
            }
            current.nextLine += 1
            start = end + 1
        }
        current.offset += UInt64(lastNewline - data.startIndex + 1)
        if current.records.count + current.skipped.count != before { current.version += 1 }
    }

    private func startsWithBracket() throws(ShadowLogError) -> Bool {
        guard let handle = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? handle.close() }
        let head = (try? handle.read(upToCount: 4096)) ?? Data()
        return head.first { ![0x20, 0x09, 0x0A, 0x0D].contains($0) } == UInt8(ascii: "[")
    }

    /// The record without the texts that only the side-by-side view reads.
    private static func withoutTexts(_ record: ShadowRecord) -> ShadowRecord {
        var slim = record
        slim.userMessage = ""
        slim.primary.response = ""
        slim.candidate.response = ""
        return slim
    }
}
