/// An incremental parser for the `text/event-stream` format, fed byte chunks split anywhere.
///
/// Follows the WHATWG algorithm: lines end with CRLF, LF or CR (a CRLF split across chunks counts once); lines
/// starting with `:` are comments; `data:` with or without the space; multi-line data joined by `\n`; a blank
/// line dispatches. Deviations, for real servers: an event still pending at the end of the stream is dispatched
/// (llama.cpp may end with `data: [DONE]` and no blank line), and unknown fields are kept in `otherFields`
/// (an event with only such fields is dispatched too).
public struct ServerSentEventParser: Sendable {
    private var line: [UInt8] = []
    private var sawCarriageReturn = false
    private var atStart = true
    private var eventType = ""
    private var data = ""
    private var hasData = false
    private var lastEventID: String?
    private var retry: Int?
    private var otherFields: [String: String] = [:]

    /// Creates a parser at the start of a stream.
    public init() {}

    /// Consumes `bytes` and appends every event they complete to `events`.
    public mutating func feed(_ bytes: some Sequence<UInt8>, into events: inout [ServerSentEvent]) {
        for byte in bytes {
            if sawCarriageReturn {
                sawCarriageReturn = false
                if byte == 0x0A { continue }
            }
            switch byte {
            case 0x0A:
                endLine(into: &events)
            case 0x0D:
                sawCarriageReturn = true
                endLine(into: &events)
            default:
                line.append(byte)
            }
        }
    }

    /// Ends the stream: a last unterminated line is processed and a pending event is dispatched.
    public mutating func finish(into events: inout [ServerSentEvent]) {
        if !line.isEmpty { endLine(into: &events) }
        dispatch(into: &events)
    }

    private mutating func endLine(into events: inout [ServerSentEvent]) {
        var bytes = line[...]
        line.removeAll(keepingCapacity: true)
        if atStart {
            atStart = false
            if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        }
        guard let first = bytes.first else {
            dispatch(into: &events)
            return
        }
        if first == UInt8(ascii: ":") { return }
        let name: String
        let text: String
        if let colon = bytes.firstIndex(of: UInt8(ascii: ":")) {
            name = String(decoding: bytes[..<colon], as: UTF8.self)
            var valueBytes = bytes[(colon + 1)...]
            if valueBytes.first == UInt8(ascii: " ") { valueBytes = valueBytes.dropFirst() }
            text = String(decoding: valueBytes, as: UTF8.self)
        } else {
            name = String(decoding: bytes, as: UTF8.self)
            text = ""
        }
        switch name {
        case "event":
            eventType = text
        case "data":
            if hasData { data += "\n" }
            data += text
            hasData = true
        case "id":
            if !text.utf8.contains(0) { lastEventID = text }
        case "retry":
            if !text.isEmpty, text.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) {
                retry = Int(text)
            }
        default:
            otherFields[name] = text
        }
    }

    private mutating func dispatch(into events: inout [ServerSentEvent]) {
        defer {
            eventType = ""
            data = ""
            hasData = false
            retry = nil
            otherFields = [:]
        }
        guard hasData || !otherFields.isEmpty else { return }
        events.append(
            ServerSentEvent(
                event: eventType.isEmpty ? nil : eventType,
                data: data,
                id: lastEventID,
                retry: retry,
                otherFields: otherFields
            )
        )
    }
}
