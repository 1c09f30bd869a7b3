public import MaiaCore

extension MaiaSettings {
    /// A redactor for every configured secret, applied to provider messages before they are printed or logged.
    public var secretRedactor: SecretRedactor {
        SecretRedactor(secrets: [claude.apiKey, llama.huggingFaceAPIKey, mem0.apiKey, server.jwtSecret])
    }
}
