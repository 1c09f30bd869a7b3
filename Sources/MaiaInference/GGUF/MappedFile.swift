#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file mapped read-only into memory: tensors are read in place, so loading costs page faults, not copies, and
/// the pages are shared with every other process that maps the same file.
final class MappedFile: Sendable {
    /// The first byte of the mapping; valid until the object is released. Only read, never written.
    nonisolated(unsafe) let base: UnsafeRawPointer
    /// The file's length in bytes.
    let count: Int
    /// The file's path, for messages.
    let path: String

    /// Maps the file at `path`.
    init(path: String) throws(InferenceError) {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else {
            throw InferenceError(.missingFile, "cannot open the model file \(path) (errno \(errno))")
        }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            throw InferenceError(.missingFile, "cannot read the size of the model file \(path) (errno \(errno))")
        }
        let count = Int(status.st_size)
        guard count > 0 else { throw InferenceError(.corruptFile, "the model file \(path) is empty") }
        guard let mapping = mmap(nil, count, PROT_READ, MAP_PRIVATE, descriptor, 0), mapping != MAP_FAILED else {
            throw InferenceError(.missingFile, "cannot map the model file \(path) into memory (errno \(errno))")
        }
        self.base = UnsafeRawPointer(mapping)
        self.count = count
        self.path = path
    }

    deinit {
        munmap(UnsafeMutableRawPointer(mutating: base), count)
    }
}
