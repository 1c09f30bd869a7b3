extension MaiaSettings {
    /// How `maia serve` listens, authenticates and limits (`MAIA_HOST`, `MAIA_PORT`, `MAIA_AUTH`, …).
    public struct Server: Sendable {
        /// Who may call the server (`MAIA_AUTH`).
        public enum Auth: String, Sendable, CaseIterable {
            /// No authentication: only on a loopback address; the caller names the user with `X-MAIA-User`.
            case none
            /// Keys from `MAIA_API_KEYS_FILE`, stored as hashes, each for one user or the service role.
            case apiKeys = "api-keys"
            /// Supabase access tokens (HS256 with `SUPABASE_JWT_SECRET`, or keys from `SUPABASE_JWKS_FILE`).
            case supabaseJWT = "supabase-jwt"
        }

        /// Whether `/dashboard` shows message and reply texts (`MAIA_DASHBOARD_TEXT`).
        public enum DashboardText: String, Sendable, CaseIterable {
            case show, hide
        }

        public var host: String
        public var port: Int
        public var auth: Auth
        public var apiKeysFile: String
        public var jwtSecret: String?
        public var jwksFile: String?
        public var jwtAudience: String
        /// Turns a user may start per minute (a token bucket of this size, refilled at this rate).
        public var turnsPerMinute: Int
        /// Largest request body accepted, in bytes (a memory import is streamed and bounded per line instead).
        public var maxBodyBytes: Int
        /// Whether the dashboard's side-by-side view shows what users wrote and what the engines replied.
        public var dashboardText: DashboardText = .show
    }

    /// Reads the server settings; bad values become problems of `reader`.
    static func server(_ reader: inout SettingsReader) -> Server {
        Server(
            host: reader.raw["MAIA_HOST"] ?? "127.0.0.1",
            port: reader.integer("MAIA_PORT", in: 0...65_535, default: 8080),
            auth: reader.choice("MAIA_AUTH", default: .none),
            apiKeysFile: reader.raw["MAIA_API_KEYS_FILE"] ?? "./maia-api-keys.json",
            jwtSecret: reader.raw["SUPABASE_JWT_SECRET"],
            jwksFile: reader.raw["SUPABASE_JWKS_FILE"],
            jwtAudience: reader.raw["SUPABASE_JWT_AUDIENCE"] ?? "authenticated",
            turnsPerMinute: reader.integer("MAIA_TURNS_PER_MINUTE", in: 1...100_000, default: 30),
            maxBodyBytes: reader.integer("MAIA_MAX_BODY_BYTES", in: 1024...1_073_741_824, default: 1_048_576),
            dashboardText: reader.choice("MAIA_DASHBOARD_TEXT", default: .show)
        )
    }
}
