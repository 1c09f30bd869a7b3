import Crypto
import Foundation
import HTTPTypes
import Hummingbird
import MaiaExperiments

/// The HTTP details of the dashboard: form bodies, cookies, the same-origin check and the security headers.
enum DashboardForm {
    /// The fields of an `application/x-www-form-urlencoded` body (the first of a repeated name wins).
    static func read(_ request: Request, limit: Int) async throws(APIError) -> [String: String] {
        parse(try await JSONBody.text(request, limit: limit))
    }

    static func parse(_ body: String) -> [String: String] {
        var fields: [String: String] = [:]
        for pair in body.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ text: Substring) -> String? {
                String(text).replacingOccurrences(of: "+", with: " ").removingPercentEncoding
            }
            guard let name = parts.first.flatMap(decode), fields[name] == nil else { continue }
            fields[name] = parts.count == 2 ? decode(parts[1]) ?? "" : ""
        }
        return fields
    }

    /// The name a person signs in under, or `nil` when it is not 1 to 64 letters, digits, spaces or `._@-`.
    static func name(_ text: String) -> String? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard (1...64).contains(trimmed.count),
            trimmed.unicodeScalars.allSatisfy({
                $0.isASCII && (CharacterSet.alphanumerics.contains($0) || " ._@-".unicodeScalars.contains($0))
            })
        else { return nil }
        return trimmed
    }

    /// The value of cookie `name` among the `Cookie` header values.
    static func cookie(_ name: String, in headers: [String]) -> String? {
        for header in headers {
            for pair in header.split(separator: ";") {
                let parts = pair.trimmingCharacters(in: .whitespaces).split(separator: "=", maxSplits: 1)
                if parts.count == 2, parts[0] == name { return String(parts[1]) }
            }
        }
        return nil
    }

    /// Whether a form post came from a page of this server: a browser's `Sec-Fetch-Site` must say same-origin, and
    /// an `Origin` must name the host the request was sent to. A client that sends neither (not a browser) passes;
    /// the anti-forgery token is checked regardless.
    static func isSameOrigin(_ request: Request) -> Bool {
        if let site = request.headers[HTTPField.Name("Sec-Fetch-Site")!], site != "same-origin" { return false }
        guard let origin = request.headers[HTTPField.Name("Origin")!] else { return true }
        guard let host = request.head.authority ?? request.headers[HTTPField.Name("Host")!],
            let originHost = URLComponents(string: origin).map({ components in
                (components.host ?? "") + (components.port.map { ":\($0)" } ?? "")
            })
        else { return false }
        return originHost == host
    }

    /// Sent with every dashboard response: nothing may load but the page's own style block, forms post only here,
    /// no framing, no referrer, no caching of pages that show user data.
    static let securityHeaders: HTTPFields = {
        let digest = Data(SHA256.hash(data: Data(DashboardPage.style.utf8))).base64EncodedString()
        return [
            HTTPField.Name("Content-Security-Policy")!:
                "default-src 'none'; style-src 'sha256-\(digest)'; form-action 'self'; frame-ancestors 'none'; "
                + "base-uri 'none'",
            HTTPField.Name("X-Content-Type-Options")!: "nosniff",
            HTTPField.Name("X-Frame-Options")!: "DENY",
            HTTPField.Name("Referrer-Policy")!: "no-referrer",
            .cacheControl: "no-store",
        ]
    }()
}
