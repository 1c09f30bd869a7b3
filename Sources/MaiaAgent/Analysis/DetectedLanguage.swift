/// A language the analysers recognise, or `unknown` when the evidence is too thin to say.
public enum DetectedLanguage: String, Sendable, Hashable, CaseIterable, Codable {
    /// English.
    case en
    /// French.
    case fr
    /// German.
    case de
    /// Spanish.
    case es
    /// Hindi, written in Devanagari.
    case hi
    /// Portuguese.
    case pt
    /// Italian.
    case it
    /// Thai.
    case th
    /// Not enough evidence, a near tie, or a script/language we do not detect.
    case unknown

    /// The ISO 639-1 code (`"en"`, `"fr"`…); `"und"` (BCP 47 "undetermined") for `unknown`.
    public var code: String { self == .unknown ? "und" : rawValue }

    /// The English name, for prompt instructions such as "Reply in French."; `"Unknown"` for `unknown`.
    public var name: String {
        switch self {
        case .en: "English"
        case .fr: "French"
        case .de: "German"
        case .es: "Spanish"
        case .hi: "Hindi"
        case .pt: "Portuguese"
        case .it: "Italian"
        case .th: "Thai"
        case .unknown: "Unknown"
        }
    }

    /// The prompt line asking the model to answer in this language ("Reply in French."); `nil` for `unknown`, when
    /// the model should follow the user's message.
    public var replyInstruction: String? {
        self == .unknown ? nil : "Reply in \(name)."
    }

    /// The languages written in the Latin script, which the detector tells apart by their words.
    static let latinLanguages: [DetectedLanguage] = [.en, .fr, .de, .es, .pt, .it]
}
