import Foundation
public import MaiaAgent
import MaiaEngines

/// A deterministic check a reply can fail; its raw value is what ``ShadowAnswer/checks`` holds.
public enum ReplyCheck: String, Sendable, Hashable, CaseIterable, Codable {
    /// The engine failed or timed out.
    case error
    /// Nothing to show (and no error).
    case empty
    /// Tool-call syntax or Llama control tokens reached the text the person would read.
    case leakedToolCall = "leaked_tool_call"
    /// Both languages are known and differ ("unknown" never counts).
    case languageMismatch = "language_mismatch"
    /// Longer than the persona's 2–4 sentences, ~150 words (see ``ReplyChecks``).
    case overLength = "over_length"
    /// A refusal or an "as an AI" disclaimer, in any of the eight languages.
    case refusal
}

/// Runs every ``ReplyCheck`` on a reply. The limits: more than 150 words, more than 5 sentences (one of slack for
/// the persona's four, since sentence splitting is approximate), or more than 1,000 characters (scripts without
/// spaces, where words cannot be counted) is over length.
public enum ReplyChecks {
    public static let maximumWords = 150
    public static let maximumSentences = 5
    public static let maximumCharacters = 1000

    /// The checks `reply` fails, in ``ReplyCheck`` order; `language` is the user's message's.
    public static func failed(reply: String, error: String?, language: DetectedLanguage) -> [ReplyCheck] {
        if error != nil { return [.error] }
        let text = reply.trimmingCharacters(in: .whitespacesAndNewlines)
        if text.isEmpty { return [.empty] }
        var failed: [ReplyCheck] = []
        if leaksToolCall(text) { failed.append(.leakedToolCall) }
        let replyLanguage = LanguageDetector().detect(text)
        if language != .unknown, replyLanguage != .unknown, replyLanguage != language {
            failed.append(.languageMismatch)
        }
        if isOverLength(text) { failed.append(.overLength) }
        if isRefusal(text) { failed.append(.refusal) }
        return failed
    }

    /// Whether the text holds a call the in-prompt parser recognises, or a Llama control token.
    static func leaksToolCall(_ text: String) -> Bool {
        if !ToolCallTextParser().parse(text).calls.isEmpty { return true }
        return controlTokens.contains { text.contains($0) }
    }

    static func isOverLength(_ text: String) -> Bool {
        let words = text.split(whereSeparator: \.isWhitespace).count
        return words > maximumWords || sentenceCount(text) > maximumSentences || text.count > maximumCharacters
    }

    /// Runs of text ended by `.`, `!`, `?`, `।` or `。` (a run of them counts once, so "..." is one end).
    static func sentenceCount(_ text: String) -> Int {
        var count = 0
        var inSentence = false
        for character in text {
            if sentenceEnds.contains(character) {
                if inSentence { count += 1 }
                inSentence = false
            } else if character.isLetter || character.isNumber {
                inSentence = true
            }
        }
        return count + (inSentence ? 1 : 0)
    }

    static func isRefusal(_ text: String) -> Bool {
        let folded = text.lowercased().replacingOccurrences(of: "’", with: "'")
        return refusalPhrases.contains { containsWord(folded, $0) }
    }

    /// Whether `phrase` occurs in `text` not glued to other Latin letters ("als ki" is not "als kind"); Thai has no
    /// spaces between words, so only Latin neighbours count.
    static func containsWord(_ text: String, _ phrase: String) -> Bool {
        var searchStart = text.startIndex
        while let range = text.range(of: phrase, range: searchStart..<text.endIndex) {
            let before = range.lowerBound == text.startIndex ? nil : text[text.index(before: range.lowerBound)]
            let after = range.upperBound == text.endIndex ? nil : text[range.upperBound]
            if !isLatinLetter(before), !isLatinLetter(after) { return true }
            searchStart = text.index(after: range.lowerBound)
        }
        return false
    }

    private static func isLatinLetter(_ character: Character?) -> Bool {
        guard let character, character.isLetter, let scalar = character.unicodeScalars.first else { return false }
        return scalar.value < 0x0250
    }

    private static let sentenceEnds: Set<Character> = [".", "!", "?", "।", "。", "…"]
    private static let controlTokens = [
        "<|python_tag|>", "<|eom_id|>", "<|eot_id|>", "<|start_header_id|>", "<function=",
    ]

    /// Lower-cased phrases of refusal and AI disclaimers; a companion should neither refuse to listen nor hide
    /// behind being a model.
    static let refusalPhrases: [String] = [
        // English
        "i can't help with", "i cannot help with", "i can't assist", "i cannot assist", "i'm unable to help",
        "i am unable to help", "i'm not able to help", "i won't be able to help", "as an ai", "as a language model",
        "i'm just an ai", "i can't provide", "i cannot provide",
        // French
        "je ne peux pas t'aider", "je ne peux pas vous aider", "en tant qu'ia", "en tant qu'intelligence artificielle",
        "je ne suis pas en mesure de",
        // German
        "ich kann dir nicht helfen", "ich kann ihnen nicht helfen", "als ki", "als sprachmodell",
        "dabei kann ich nicht helfen",
        // Spanish
        "no puedo ayudarte", "no puedo ayudar", "como ia", "como una ia", "como modelo de lenguaje",
        // Portuguese
        "não posso ajudar", "nao posso ajudar", "como uma ia", "como um modelo de linguagem",
        // Italian
        "non posso aiutarti", "non posso aiutare", "in quanto ia", "come ia", "come modello linguistico",
        // Hindi
        "मैं मदद नहीं कर सकता", "मैं मदद नहीं कर सकती", "मैं इसमें मदद नहीं कर", "एक एआई के रूप में",
        // Thai
        "ฉันไม่สามารถช่วย", "ในฐานะ ai", "ในฐานะเอไอ",
    ]
}
