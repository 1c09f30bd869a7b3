/// Removes configured secrets (API keys, tokens) from text that came from elsewhere, such as a provider's error
/// message, before it is printed or logged: a provider that echoes the key it received must not put it on screen.
///
/// Secrets shorter than `minimumLength` are ignored: replacing every occurrence of a short string would mangle
/// ordinary words and protects nothing a real key needs.
public struct SecretRedactor: Sendable, Hashable {
    /// What a secret becomes.
    public static let marker = "[redacted]"
    /// Shorter values are not treated as secrets.
    public static let minimumLength = 6

    private let secrets: [String]

    /// A redactor for `secrets` (empty and short values are skipped); the longest is replaced first so that a
    /// secret containing another is removed whole.
    public init(secrets: [String?]) {
        self.secrets = Set(secrets.compactMap { $0 }.filter { $0.count >= Self.minimumLength })
            .sorted { $0.count > $1.count }
    }

    /// A redactor that changes nothing.
    public static let none = SecretRedactor(secrets: [])

    /// `text` with every configured secret replaced by ``marker``.
    public func redact(_ text: String) -> String {
        var result = text
        for secret in secrets where result.contains(secret) {
            result = result.replacing(secret, with: Self.marker)
        }
        return result
    }
}
