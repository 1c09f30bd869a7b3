import Foundation
import MaiaCore

/// The committed OpenAPI description (`openapi.json`, kept in step with the router by a test): served as it is, and
/// read for the methods each path accepts, so that a wrong method gets 405 with `Allow` instead of 404.
struct APISpec: Sendable {
    static let shared = APISpec()

    /// The file's bytes, or `nil` when the build lacks the resource.
    let data: Data?
    private let paths: [(segments: [Substring], methods: [String])]

    private init() {
        data = Bundle.module.url(forResource: "openapi", withExtension: "json").flatMap { try? Data(contentsOf: $0) }
        let spec = data.flatMap { JSONValue(parsing: String(decoding: $0, as: UTF8.self)) }
        // Literal paths first, so that `/v1/memories/search` is not taken for a `{id}` pattern of the same length.
        paths = (spec?["paths"]?.objectValue ?? [:]).sorted { !$0.key.contains("{") && $1.key.contains("{") }.map {
            path,
            item in
            (path.split(separator: "/"), (item.objectValue ?? [:]).keys.map { $0.uppercased() }.sorted())
        }
    }

    /// The methods the API accepts on `path` (`{parameter}` segments match any one segment), or `nil` for an
    /// unknown path.
    func methods(for path: String) -> [String]? {
        let segments = path.split(separator: "/")
        return paths.first { pattern in
            pattern.segments.count == segments.count
                && zip(pattern.segments, segments).allSatisfy { $0.first == "{" || $0 == $1 }
        }?.methods
    }
}
