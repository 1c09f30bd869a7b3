extension SettingSpec {
    static let server: [SettingSpec] = [
        .init(
            "MAIA_HOST",
            default: "127.0.0.1",
            group: "HTTP service (maia serve)",
            purpose: "The address `maia serve` listens on.",
            accepted: "an IP address or host name (0.0.0.0 for every interface; needs MAIA_AUTH other than none)"
        ),
        .init(
            "MAIA_PORT",
            default: "8080",
            group: "HTTP service (maia serve)",
            purpose: "The port `maia serve` listens on (0: any free port, printed at start).",
            accepted: "an integer from 0 to 65535"
        ),
        .init(
            "MAIA_AUTH",
            default: "none",
            group: "HTTP service (maia serve)",
            purpose: "How callers authenticate: none (loopback only, user from X-MAIA-User), api-keys or supabase-jwt.",
            accepted: "none, api-keys, supabase-jwt"
        ),
        .init(
            "MAIA_API_KEYS_FILE",
            default: "./maia-api-keys.json",
            group: "HTTP service (maia serve)",
            purpose: "The API key file of MAIA_AUTH=api-keys (hashes only; `maia keys create` adds keys).",
            accepted: "a file path"
        ),
        .init(
            "SUPABASE_JWT_SECRET",
            default: nil,
            group: "HTTP service (maia serve)",
            purpose: "The Supabase project's JWT secret (HS256) for MAIA_AUTH=supabase-jwt.",
            accepted: "the secret from the Supabase dashboard (API settings)",
            secret: true
        ),
        .init(
            "SUPABASE_JWKS_FILE",
            default: nil,
            group: "HTTP service (maia serve)",
            purpose: "A JWKS file with the project's public signing keys, for MAIA_AUTH=supabase-jwt.",
            accepted: "a file path to a JSON Web Key Set"
        ),
        .init(
            "SUPABASE_JWT_AUDIENCE",
            default: "authenticated",
            group: "HTTP service (maia serve)",
            purpose: "The audience (`aud`) a Supabase access token must carry.",
            accepted: "a string"
        ),
        .init(
            "MAIA_TURNS_PER_MINUTE",
            default: "30",
            group: "HTTP service (maia serve)",
            purpose: "Turns one user may start per minute (token bucket); more get 429 with Retry-After.",
            accepted: "an integer from 1 to 100000"
        ),
        .init(
            "MAIA_MAX_BODY_BYTES",
            default: "1048576",
            group: "HTTP service (maia serve)",
            purpose: "Largest request body accepted; memory imports are streamed and bounded per line instead.",
            accepted: "an integer from 1024 to 1073741824"
        ),
        .init(
            "MAIA_DASHBOARD_TEXT",
            default: "show",
            group: "HTTP service (maia serve)",
            purpose: "Whether /dashboard shows users' messages and the replies (to the service role) or hides them.",
            accepted: "show or hide"
        ),
    ]
}
