import Foundation
import NIOSSL
public import PostgresNIO

/// Where and how the Postgres store connects, parsed from a connection URL such as `DATABASE_URL`.
///
/// Accepted: `postgres://` or `postgresql://user:password@host:port/database?sslmode=MODE`, the form Supabase
/// prints. The password may be percent-encoded. `sslmode` is `disable`, `allow`, `prefer`, `require`,
/// `verify-ca` or `verify-full`; without it, loopback hosts connect in plain text and others prefer TLS.
/// As in libpq, `require` encrypts without checking the certificate; `verify-full` checks it against the
/// system's trust store and the host name. A `host=/folder` query item connects to a unix socket in that folder.
public struct PostgresStoreConfiguration: Sendable, CustomStringConvertible {
    /// How the connection is encrypted.
    public enum TLSMode: String, Sendable, CaseIterable {
        case disable
        case allow
        case prefer
        case require
        case verifyCA = "verify-ca"
        case verifyFull = "verify-full"
    }

    public var host: String
    public var port: Int
    /// A unix socket file to connect to instead of `host:port`.
    public var unixSocketPath: String?
    public var username: String
    public var password: String?
    public var database: String
    public var tlsMode: TLSMode
    /// The most connections the store's pool opens.
    public var maximumConnections: Int = 10
    /// How long to wait for a connection before failing.
    public var connectTimeout: Duration = .seconds(10)

    /// Parses a connection URL. Errors name what is accepted and never repeat the URL (it holds a password).
    public init(url: String) throws(MemoryError) {
        let accepted = "expected postgresql://user:password@host:5432/database?sslmode=require"
        guard let components = URLComponents(string: url),
            let scheme = components.scheme?.lowercased(),
            ["postgres", "postgresql"].contains(scheme)
        else {
            throw MemoryError(.invalidInput, "the database URL is not a PostgreSQL URL: \(accepted)")
        }
        let items = Dictionary(
            (components.queryItems ?? []).map { ($0.name.lowercased(), $0.value ?? "") },
            uniquingKeysWith: { _, last in last }
        )
        let socketFolder = items["host"].flatMap { $0.hasPrefix("/") ? $0 : nil }
        guard let host = components.host.map({ $0.removingPercentEncoding ?? $0 }), !host.isEmpty || socketFolder != nil
        else {
            throw MemoryError(.invalidInput, "the database URL has no host: \(accepted)")
        }
        guard let user = components.user.map({ $0.removingPercentEncoding ?? $0 }), !user.isEmpty else {
            throw MemoryError(.invalidInput, "the database URL has no user name: \(accepted)")
        }
        let port = components.port ?? 5432
        guard (1...65535).contains(port) else {
            throw MemoryError(.invalidInput, "the database URL's port must be 1 to 65535: \(accepted)")
        }
        let path = components.path.hasPrefix("/") ? String(components.path.dropFirst()) : components.path
        let mode: TLSMode
        if let raw = items["sslmode"] {
            guard let parsed = TLSMode(rawValue: raw.lowercased()) else {
                let modes = TLSMode.allCases.map(\.rawValue).joined(separator: ", ")
                throw MemoryError(.invalidInput, "the database URL's sslmode '\(raw)' is not one of: \(modes)")
            }
            mode = parsed
        } else {
            mode = socketFolder != nil || Self.isLoopback(host) ? .disable : .prefer
        }
        self.host = host
        self.port = port
        self.unixSocketPath = socketFolder.map { "\($0)/.s.PGSQL.\(port)" }
        self.username = user
        self.password = components.password.map { $0.removingPercentEncoding ?? $0 }
        self.database = path.isEmpty ? user : (path.removingPercentEncoding ?? path)
        self.tlsMode = mode
    }

    /// The same server and credentials with another database.
    public func with(database: String) -> Self {
        var copy = self
        copy.database = database
        return copy
    }

    /// The postgres-nio client configuration.
    public var clientConfiguration: PostgresClient.Configuration {
        var configuration: PostgresClient.Configuration
        if let unixSocketPath {
            configuration = .init(
                unixSocketPath: unixSocketPath,
                username: username,
                password: password,
                database: database
            )
        } else {
            configuration = .init(
                host: host,
                port: port,
                username: username,
                password: password,
                database: database,
                tls: tls.client
            )
        }
        configuration.options.maximumConnections = maximumConnections
        configuration.options.connectTimeout = connectTimeout
        return configuration
    }

    /// A single connection's configuration with the same settings, to check the server before pooling.
    public func connectionConfiguration() throws -> PostgresConnection.Configuration {
        var configuration: PostgresConnection.Configuration
        if let unixSocketPath {
            configuration = .init(
                unixSocketPath: unixSocketPath,
                username: username,
                password: password,
                database: database
            )
        } else {
            let tls: PostgresConnection.Configuration.TLS =
                switch self.tls.mode {
                case .none: .disable
                case .prefer(let settings): .prefer(try NIOSSLContext(configuration: settings))
                case .require(let settings): .require(try NIOSSLContext(configuration: settings))
                }
            configuration = .init(
                host: host,
                port: port,
                username: username,
                password: password,
                database: database,
                tls: tls
            )
        }
        configuration.options.connectTimeout = .nanoseconds(
            connectTimeout.components.seconds * 1_000_000_000 + connectTimeout.components.attoseconds / 1_000_000_000
        )
        return configuration
    }

    /// The TLS settings of `tlsMode`, for both configurations.
    private var tls: (client: PostgresClient.Configuration.TLS, mode: TLSSettings) {
        let settings = tlsSettings
        switch settings {
        case .none: return (.disable, settings)
        case .prefer(let configuration): return (.prefer(configuration), settings)
        case .require(let configuration): return (.require(configuration), settings)
        }
    }

    private enum TLSSettings {
        case none
        case prefer(TLSConfiguration)
        case require(TLSConfiguration)
    }

    private var tlsSettings: TLSSettings {
        var unverified = TLSConfiguration.makeClientConfiguration()
        unverified.certificateVerification = .none
        switch tlsMode {
        case .disable: return .none
        case .allow, .prefer: return .prefer(unverified)
        case .require: return .require(unverified)
        case .verifyCA:
            var configuration = TLSConfiguration.makeClientConfiguration()
            configuration.certificateVerification = .noHostnameVerification
            return .require(configuration)
        case .verifyFull: return .require(.makeClientConfiguration())
        }
    }

    /// Where the store connects, without the password.
    public var description: String {
        "postgresql://\(username)@\(unixSocketPath ?? "\(host):\(port)")/\(database) (sslmode \(tlsMode.rawValue))"
    }

    private static func isLoopback(_ host: String) -> Bool {
        ["localhost", "127.0.0.1", "::1", "[::1]"].contains(host.lowercased()) || host.hasPrefix("127.")
    }
}
