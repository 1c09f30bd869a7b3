import CFullTextRank
import CSQLite
import Foundation

/// One SQLite connection with prepared-statement helpers. Not thread-safe: it is owned by an actor.
final class SQLiteConnection {
    private let handle: OpaquePointer
    private var statements: [String: OpaquePointer] = [:]

    /// Opens (creating if needed) the database at `path`, with WAL journaling and foreign keys on.
    init(path: String) throws(MemoryError) {
        var db: OpaquePointer?
        let flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX
        let status = sqlite3_open_v2(path, &db, flags, nil)
        guard status == SQLITE_OK, let db else {
            let reason = db.map { String(cString: sqlite3_errmsg($0)) } ?? "out of memory"
            if let db { sqlite3_close_v2(db) }
            throw MemoryError(.storage, "cannot open the SQLite database at \(path)", underlying: reason)
        }
        handle = db
        sqlite3_busy_timeout(db, 5000)
        try execute("PRAGMA journal_mode = WAL")
        try execute("PRAGMA synchronous = NORMAL")
        try execute("PRAGMA foreign_keys = ON")
        // Keyword search ranks with it (SQLiteStore+Search.swift); it exists only on this connection.
        let registered = maia_register_fts_rank(db)
        guard registered == SQLITE_OK else {
            throw MemoryError(.storage, "cannot register the keyword ranking function (SQLite code \(registered))")
        }
    }

    deinit {
        for statement in statements.values { sqlite3_finalize(statement) }
        sqlite3_close_v2(handle)
    }

    /// Runs SQL without parameters or results (DDL, pragmas; may hold several statements).
    func execute(_ sql: String) throws(MemoryError) {
        var error: UnsafeMutablePointer<CChar>?
        if sqlite3_exec(handle, sql, nil, nil, &error) != SQLITE_OK {
            let reason = error.map { String(cString: $0) } ?? "unknown"
            sqlite3_free(error)
            throw MemoryError(.storage, "a database statement failed", underlying: reason)
        }
    }

    /// Runs one statement with bound parameters, calling `row` for each result row.
    func query(
        _ sql: String,
        _ parameters: [SQLiteValue] = [],
        row: (SQLiteRow) throws -> Void = { _ in }
    )
        throws
    {
        let statement = try prepared(sql)
        defer {
            sqlite3_reset(statement)
            sqlite3_clear_bindings(statement)
        }
        for (index, parameter) in parameters.enumerated() {
            try bind(parameter, at: Int32(index + 1), in: statement)
        }
        while true {
            let status = sqlite3_step(statement)
            if status == SQLITE_DONE { return }
            guard status == SQLITE_ROW else { throw failure("a database query failed") }
            try row(SQLiteRow(statement: statement))
        }
    }

    /// Runs `body` in one transaction: committed when it returns, rolled back when it throws.
    func transaction<T>(_ body: () throws -> T) throws -> T {
        try execute("BEGIN IMMEDIATE")
        do {
            let result = try body()
            try execute("COMMIT")
            return result
        } catch {
            try? execute("ROLLBACK")
            throw error
        }
    }

    /// Rows changed by the last statement.
    var changes: Int { Int(sqlite3_changes(handle)) }

    /// Rows changed since the connection opened.
    var totalChanges: Int { Int(sqlite3_total_changes(handle)) }

    private func prepared(_ sql: String) throws(MemoryError) -> OpaquePointer {
        if let cached = statements[sql] { return cached }
        var statement: OpaquePointer?
        guard sqlite3_prepare_v3(handle, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &statement, nil) == SQLITE_OK,
            let statement
        else { throw failure("a database statement could not be prepared") }
        statements[sql] = statement
        return statement
    }

    private func bind(_ value: SQLiteValue, at index: Int32, in statement: OpaquePointer) throws(MemoryError) {
        let status: Int32
        switch value {
        case .null: status = sqlite3_bind_null(statement, index)
        case .integer(let number): status = sqlite3_bind_int64(statement, index, number)
        case .real(let number): status = sqlite3_bind_double(statement, index, number)
        case .text(let text): status = sqlite3_bind_text(statement, index, text, -1, maia_sqlite_transient)
        case .blob(let bytes):
            status = bytes.withUnsafeBytes { buffer in
                sqlite3_bind_blob(statement, index, buffer.baseAddress, Int32(buffer.count), maia_sqlite_transient)
            }
        }
        guard status == SQLITE_OK else { throw failure("a database parameter could not be bound") }
    }

    private func failure(_ message: String) -> MemoryError {
        MemoryError(.storage, message, underlying: String(cString: sqlite3_errmsg(handle)))
    }
}

/// A value bound to or read from SQLite.
enum SQLiteValue {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
    case blob([UInt8])
}

extension SQLiteValue {
    /// `.text` for a value, `.null` for `nil`.
    static func optional(_ text: String?) -> SQLiteValue { text.map { .text($0) } ?? .null }
}

/// The current row of a stepping statement.
struct SQLiteRow {
    fileprivate let statement: OpaquePointer

    func text(_ column: Int32) -> String {
        guard let pointer = sqlite3_column_text(statement, column) else { return "" }
        return String(cString: pointer)
    }

    func optionalText(_ column: Int32) -> String? {
        sqlite3_column_type(statement, column) == SQLITE_NULL ? nil : text(column)
    }

    func integer(_ column: Int32) -> Int64 { sqlite3_column_int64(statement, column) }

    func optionalReal(_ column: Int32) -> Double? {
        sqlite3_column_type(statement, column) == SQLITE_NULL ? nil : sqlite3_column_double(statement, column)
    }

    func real(_ column: Int32) -> Double { sqlite3_column_double(statement, column) }

    func blob(_ column: Int32) -> [UInt8] {
        let count = Int(sqlite3_column_bytes(statement, column))
        guard count > 0, let pointer = sqlite3_column_blob(statement, column) else { return [] }
        return Array(UnsafeRawBufferPointer(start: pointer, count: count))
    }

    /// Calls `body` with the column's blob in SQLite's own buffer (valid only during the call), so that a caller
    /// appending it somewhere copies it once.
    func withBlob<T>(_ column: Int32, _ body: (UnsafeRawBufferPointer) throws -> T) rethrows -> T {
        let count = Int(sqlite3_column_bytes(statement, column))
        return try body(UnsafeRawBufferPointer(start: sqlite3_column_blob(statement, column), count: count))
    }

    /// The column's blob decoded as little-endian IEEE 754 floats (the on-disk vector format) straight from
    /// SQLite's buffer; a trailing partial float is ignored.
    func floats(_ column: Int32) -> [Float] {
        let count = Int(sqlite3_column_bytes(statement, column)) / 4
        guard count > 0, let pointer = sqlite3_column_blob(statement, column) else { return [] }
        let bytes = UnsafeRawBufferPointer(start: pointer, count: count * 4)
        return [Float](unsafeUninitializedCapacity: count) { buffer, initialized in
            for index in 0..<count {
                let bits = bytes.loadUnaligned(fromByteOffset: index * 4, as: UInt32.self)
                buffer[index] = Float(bitPattern: UInt32(littleEndian: bits))
            }
            initialized = count
        }
    }
}
