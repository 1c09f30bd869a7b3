import Foundation

/// Joins path components onto a configured base URL, tolerating a trailing slash and a base that already ends
/// with some of the components (`http://host:8000` and `http://host:8000/v1` both give `…/v1/chat/completions`).
enum EndpointPath {
    /// `base` followed by `components`, skipping a leading run of `components` that `base` already ends with.
    static func appending(_ components: [String], to base: URL) -> URL {
        let existing = base.path.split(separator: "/").map(String.init)
        var skip = 0
        for count in stride(from: min(existing.count, components.count), through: 1, by: -1)
        where Array(existing.suffix(count)) == Array(components.prefix(count)) {
            skip = count
            break
        }
        var text = base.absoluteString
        while text.hasSuffix("/") { text.removeLast() }
        for component in components.dropFirst(skip) { text += "/" + component }
        return URL(string: text) ?? base
    }
}
