/// The reply MAIA gives instead of a model answer when ``SafetyScreen`` finds crisis language: warm, short, and
/// pointing to real help, in the user's language.
///
/// The texts are configurable (a deployment outside the US will want its own helplines); the defaults mention 988
/// (the US Suicide & Crisis Lifeline) and findahelpline.com for other countries. A language without a text falls
/// back to English.
public struct CrisisReply: Sendable, Hashable {
    /// The reply text per language.
    public private(set) var texts: [DetectedLanguage: String]

    /// Creates a reply set: `texts` replaces the defaults for the languages it names and keeps the others.
    /// Pass `useDefaults: false` to start from nothing but `texts` (English is then required for the fallback).
    public init(texts: [DetectedLanguage: String] = [:], useDefaults: Bool = true) {
        self.texts = useDefaults ? Self.defaultTexts.merging(texts) { _, custom in custom } : texts
    }

    /// The reply for `language`, or the English one when there is none for it; empty only if the caller removed
    /// the defaults and gave no English text.
    public func text(for language: DetectedLanguage) -> String {
        texts[language] ?? texts[.en] ?? ""
    }
}
