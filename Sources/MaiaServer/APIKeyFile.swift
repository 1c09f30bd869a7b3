import Crypto
import Foundation
public import MaiaCore

/// The keys of `MAIA_AUTH=api-keys`: a JSON file `{"keys": [{"id", "sha256", "user"?, "role"?}]}` holding only
/// SHA-256 hashes, each key for one user or for the service role. A key itself is shown once, when created.
public struct APIKeyFile: Sendable {
    /// One key's entry.
    public struct Entry: Sendable, Hashable, Codable {
        /// A name for the key (not secret), to find and revoke it.
        public var id: String
        /// The SHA-256 of the key, lowercase hex.
        public var sha256: String
        /// The user the key acts for; absent for a service key.
        public var user: String?
        /// `service` for a service key; absent (or `user`) for a user key.
        public var role: String?
    }

    private struct Contents: Codable {
        var keys: [Entry]
    }

    public let path: String
    private let callers: [String: Caller]

    /// Reads and validates the file; an entry that is not well formed stops the server with its position named.
    public init(path: String) throws(AuthSetupError) {
        self.path = path
        let entries = try Self.read(path)
        var callers: [String: Caller] = [:]
        for (index, entry) in entries.enumerated() {
            let hash = entry.sha256.lowercased()
            guard hash.count == 64, hash.allSatisfy(\.isHexDigit) else {
                throw AuthSetupError("\(path): key \(index + 1) (\(entry.id)) needs a sha256 of 64 hex digits")
            }
            switch (entry.role ?? "user", entry.user) {
            case ("service", _):
                callers[hash] = Caller(user: nil, role: .service)
            case ("user", let user?):
                do {
                    callers[hash] = Caller(user: try UserID(validating: user), role: .user)
                } catch {
                    throw AuthSetupError("\(path): key \(index + 1) (\(entry.id)) has an invalid \"user\": \(error)")
                }
            default:
                throw AuthSetupError(
                    "\(path): key \(index + 1) (\(entry.id)) needs a valid \"user\" or \"role\": \"service\""
                )
            }
        }
        self.callers = callers
    }

    /// The caller a presented key belongs to, if any.
    public func caller(forKey key: String) -> Caller? {
        callers[Self.hash(key)]
    }

    /// The lowercase hex SHA-256 of a key.
    public static func hash(_ key: String) -> String {
        SHA256.hash(data: Data(key.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    /// Creates a new random key for `user` (or the service role when `nil`), adds its hash to the file at `path`
    /// (creating it with mode 0600), and returns the key — the only time it is ever shown.
    public static func createKey(user: UserID?, id: String, at path: String) throws(AuthSetupError) -> String {
        var entries = FileManager.default.fileExists(atPath: path) ? try read(path) : []
        guard !entries.contains(where: { $0.id == id }) else {
            throw AuthSetupError("\(path) already has a key named \(id); choose another --id")
        }
        var random = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: 0...255, using: &random) }
        let key =
            "maia_sk_"
            + Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
        entries.append(Entry(id: id, sha256: hash(key), user: user?.rawValue, role: user == nil ? "service" : nil))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        do {
            let data = try encoder.encode(Contents(keys: entries))
            let created = FileManager.default.createFile(
                atPath: path + ".tmp",
                contents: data,
                attributes: [.posixPermissions: 0o600]
            )
            // rename(2) replaces the file atomically: a crash leaves the old file or the new one, never half of one.
            guard created, rename(path + ".tmp", path) == 0 else { throw CocoaError(.fileWriteNoPermission) }
        } catch {
            throw AuthSetupError("cannot write \(path): \(error.localizedDescription)")
        }
        return key
    }

    private static func read(_ path: String) throws(AuthSetupError) -> [Entry] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw AuthSetupError(
                "cannot read the API key file \(path) (MAIA_API_KEYS_FILE): create keys with `maia keys create`"
            )
        }
        do {
            return try JSONDecoder().decode(Contents.self, from: data).keys
        } catch {
            throw AuthSetupError(
                "\(path) is not an API key file: expected {\"keys\": [{\"id\", \"sha256\", \"user\" or \"role\"}]}"
            )
        }
    }
}

/// Why authentication could not be set up (the key file, the JWT secret or key set): the server does not start.
public struct AuthSetupError: Error, CustomStringConvertible, Sendable {
    public let description: String
    init(_ description: String) { self.description = description }
}
