/// The kind of crisis language ``SafetyScreen`` found.
public enum CrisisCategory: String, Sendable, Hashable, CaseIterable, Codable {
    /// Suicide named or described ("kill myself", "end my life", "me suicider").
    case suicide
    /// Self-harm or hurting oneself ("hurt myself", "cut myself", "me faire du mal").
    case selfHarm
    /// Wanting to die ("I want to die", "quiero morir", "อยากตาย").
    case wishToDie
    /// Not wanting to live, no reason to live ("I don't want to live anymore", "ne veux plus vivre").
    case noWillToLive
}

/// The outcome of screening one message for crisis language.
public struct SafetyAssessment: Sendable, Hashable {
    /// Whether the message contains crisis language; the agent then answers with ``CrisisReply`` before any
    /// model call.
    public var isCrisis: Bool
    /// The category of the first crisis cue found; `nil` when `isCrisis` is false.
    public var category: CrisisCategory?
    /// The lexicon entry that matched (never the user's text), for logs and tests; `nil` when not a crisis.
    public var cue: String?
    /// The language of the message: the detector's answer, or the language of the matched cue when the
    /// detector says `unknown` (short messages), so the helpline text can be given in it.
    public var language: DetectedLanguage

    /// Creates an assessment.
    public init(isCrisis: Bool, category: CrisisCategory?, cue: String?, language: DetectedLanguage) {
        self.isCrisis = isCrisis
        self.category = category
        self.cue = cue
        self.language = language
    }
}
