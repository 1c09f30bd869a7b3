import Crypto
import Foundation
import Synchronization

/// The dashboard's browser sessions: a random id in an HttpOnly cookie, made when a person signs in with a
/// service credential, valid for 8 hours, held in this process's memory only (a restart signs everyone out; with
/// several replicas a browser signs in per replica it reaches, see docs/dashboard.md). Every form carries an
/// anti-forgery token derived from the session id with a per-process secret, so a page of another site cannot make
/// a signed-in browser change the experiment.
final class DashboardSessions: Sendable {
    /// A signed-in person.
    struct Session: Sendable {
        /// The name changes are recorded under (`dashboard:<name>`).
        let who: String
        let expires: Date
    }

    static let cookieName = "maia_dashboard"
    static let lifetime: TimeInterval = 8 * 3600
    /// Most sessions held; signing in past it drops the expired ones, then the oldest.
    static let capacity = 1000
    /// The pseudo-session of `MAIA_AUTH=none` (loopback, no sign-in), whose forms still carry a token.
    static let loopback = "loopback"

    private let secret = SymmetricKey(size: .bits256)
    private let sessions = Mutex([String: Session]())
    private let now: @Sendable () -> Date

    init(now: @escaping @Sendable () -> Date = Date.init) {
        self.now = now
    }

    /// Starts a session for `who` and returns its id (256 random bits, hex).
    func create(who: String) -> String {
        let id = SymmetricKey(size: .bits256).withUnsafeBytes { Data($0) }.map { String(format: "%02x", $0) }.joined()
        let current = now()
        sessions.withLock { sessions in
            if sessions.count >= Self.capacity {
                sessions = sessions.filter { $0.value.expires > current }
                if sessions.count >= Self.capacity,
                    let oldest = sessions.min(by: { $0.value.expires < $1.value.expires })?.key
                {
                    sessions[oldest] = nil
                }
            }
            sessions[id] = Session(who: who, expires: current.addingTimeInterval(Self.lifetime))
        }
        return id
    }

    /// The live session with `id`, or `nil` (unknown or expired).
    func session(_ id: String) -> Session? {
        let current = now()
        return sessions.withLock { sessions in
            guard let session = sessions[id] else { return nil }
            guard session.expires > current else {
                sessions[id] = nil
                return nil
            }
            return session
        }
    }

    /// Ends the session with `id`.
    func remove(_ id: String) {
        _ = sessions.withLock { $0.removeValue(forKey: id) }
    }

    /// The anti-forgery token of the forms of session `id`.
    func token(for id: String) -> String {
        let code = HMAC<SHA256>.authenticationCode(for: Data("csrf\u{0}\(id)".utf8), using: secret)
        return Data(code).map { String(format: "%02x", $0) }.joined()
    }

    /// Whether `token` is the anti-forgery token of session `id` (compared in constant time).
    func verify(_ token: String?, for id: String) -> Bool {
        guard let token, token.utf8.count == 64, let bytes = Self.bytes(hex: token) else { return false }
        return HMAC<SHA256>.isValidAuthenticationCode(bytes, authenticating: Data("csrf\u{0}\(id)".utf8), using: secret)
    }

    private static func bytes(hex: String) -> Data? {
        var data = Data()
        var iterator = hex.utf8.makeIterator()
        while let high = iterator.next(), let low = iterator.next() {
            guard let byte = UInt8(String(decoding: [high, low], as: UTF8.self), radix: 16) else { return nil }
            data.append(byte)
        }
        return data
    }
}
