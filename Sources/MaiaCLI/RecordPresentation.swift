import Foundation
import MaiaApp
import MaiaCore
import MaiaMemory

/// One-line text rendering of records for people.
enum RecordText {
    static func line(_ record: MemoryRecord, score: Double? = nil) -> String {
        let time = ISO8601.format(record.createdAt).prefix(16).replacingOccurrences(of: "T", with: " ")
        let mark = record.isBreakthrough ? " *" : ""
        let session = record.sessionID.map { " [\($0.rawValue)]" } ?? ""
        let prefix = score.map { String(format: "%.4f  ", $0) } ?? ""
        return "\(prefix)\(time)  \(record.role.rawValue)\(session)\(mark)  \(record.content)"
    }

    static func print(_ records: [MemoryRecord], json: Bool) {
        if json {
            Swift.print(JSONValue.array(records.map(RecordJSON.full)).jsonText)
        } else {
            for record in records { Swift.print(line(record)) }
        }
    }
}
