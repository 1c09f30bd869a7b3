public import Foundation

#if canImport(Glibc)
import Glibc
#endif

extension FileHandle {
    /// The next bytes of the pipe or file (blocking until there are some), or empty at its end.
    ///
    /// Foundation's `availableData` and `readDataToEndOfFile()` crash the process (`try!`) when a signal
    /// interrupts the read (EINTR), which happens in a test process that starts, kills and reaps children;
    /// this retries instead.
    public func nextChunk(maximum: Int = 65_536) -> Data {
        var buffer = [UInt8](repeating: 0, count: maximum)
        while true {
            let count = Glibc.read(fileDescriptor, &buffer, maximum)
            if count >= 0 { return Data(buffer[0..<count]) }
            if errno != EINTR { return Data() }
        }
    }

    /// Everything up to the end of the pipe or file, retrying interrupted reads.
    public func readToEndRetrying() -> Data {
        var data = Data()
        while case let chunk = nextChunk(), !chunk.isEmpty { data.append(chunk) }
        return data
    }
}
