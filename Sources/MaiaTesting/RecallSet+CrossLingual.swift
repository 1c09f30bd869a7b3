extension RecallSet {
    /// Cross-lingual pairs made from the same set: each language's messages asked with the English questions, and
    /// the English messages asked with each other language's questions. Every language tells the same ten facts
    /// under the same keys, so a question's evidence is the fact's message in the other language. 7 × 2 users of
    /// 20 messages, 140 questions; a user is named `<memories>-<questions>`, e.g. `fr-en`.
    public var crossLingual: RecallSet {
        guard let english = languages.first(where: { $0.language == "en" }) else { return RecallSet(languages: []) }
        return RecallSet(
            languages: languages.filter { $0.language != "en" }.flatMap { other in
                [
                    Language(
                        language: "\(other.language)-en",
                        messages: other.messages,
                        questions: english.questions
                    ),
                    Language(
                        language: "en-\(other.language)",
                        messages: english.messages,
                        questions: other.questions
                    ),
                ]
            }
        )
    }
}
