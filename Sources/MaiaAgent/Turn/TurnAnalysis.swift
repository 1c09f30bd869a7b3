/// What MAIA reads from a message before any model call: its language, crisis language, elements and
/// breakthrough cues (lexicon-based, see `docs/text-analysis.md`).
public struct TurnAnalysis: Sendable, Hashable {
    public let language: DetectedLanguage
    public let safety: SafetyAssessment
    public let elements: ElementReading
    public let breakthrough: BreakthroughSignal

    /// Analyses `text` (and `history`, the user's recent messages, for the elements).
    public static func of(_ text: String, history: [String] = []) -> TurnAnalysis {
        let language = LanguageDetector().detect(text)
        return TurnAnalysis(
            language: language,
            safety: SafetyScreen().assess(text),
            elements: ElementScorer().score(text, history: history),
            breakthrough: BreakthroughDetector().detect(text)
        )
    }

    /// ISO 639-1 code, `nil` when the language is unknown.
    public var languageCode: String? { language == .unknown ? nil : language.code }
    /// English name for the reply instruction, `nil` when unknown.
    public var languageName: String? { language == .unknown ? nil : language.name }
    /// Element scores keyed by element name, as stored with the message.
    public var elementScores: [String: Double] {
        Dictionary(uniqueKeysWithValues: elements.scores.map { ($0.key.name, $0.value) })
    }
    /// Coherence of the element reading, 0…1.
    public var coherence: Double { elements.coherence }
    public var isCrisis: Bool { safety.isCrisis }
    public var isBreakthrough: Bool { breakthrough.isBreakthrough }

    /// The gentle invitation given for an empty message, in the user's language when known.
    public var invitation: String {
        Self.invitations[language] ?? Self.invitations[.en]!
    }

    static let invitations: [DetectedLanguage: String] = [
        .en: "I'm here whenever you're ready. What's on your mind today?",
        .fr: "Je suis là quand tu veux. Qu'est-ce qui t'habite aujourd'hui ?",
        .de: "Ich bin da, wann immer du bereit bist. Was bewegt dich heute?",
        .es: "Aquí estoy cuando quieras. ¿Qué tienes en mente hoy?",
        .pt: "Estou aqui quando você quiser. O que está no seu coração hoje?",
        .it: "Sono qui quando vuoi. Cosa ti passa per la mente oggi?",
        .hi: "जब भी आप तैयार हों, मैं यहाँ हूँ। आज आपके मन में क्या है?",
        .th: "ฉันอยู่ตรงนี้เสมอเมื่อคุณพร้อม วันนี้คุณคิดอะไรอยู่บ้าง?",
    ]
}
