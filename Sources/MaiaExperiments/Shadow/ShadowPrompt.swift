import Foundation
public import MaiaCore

/// One message of a shadow prompt set, said by one of the test users.
public struct ShadowPrompt: Sendable, Hashable {
    public var user: UserID
    public var message: String

    /// Creates a prompt.
    public init(user: UserID, message: String) {
        self.user = user
        self.message = message
    }
}

/// Prompt sets for `maia shadow`: the seed's four scenarios, a multilingual set, and files.
public enum ShadowPromptSet {
    /// The seed's four test scenarios, said by the first test user.
    public static let scenarios: [String] = [
        "I feel stuck in my life. Nothing seems to be moving forward.",
        "I had a breakthrough today - I realized my anxiety has been protecting me from something deeper.",
        "What did we talk about last week? I want to build on that.",
        "Can you help me understand the pattern I keep repeating in relationships?",
    ]

    /// One message in each of the other seven languages MAIA detects, said by the second test user.
    public static let multilingual: [String] = [
        "Je me sens bloquée depuis des semaines, et je ne sais pas par où commencer pour avancer.",
        "Ich habe das Gefühl, dass ich immer wieder in dieselben Muster falle. Was habe ich dir letzte Woche erzählt?",
        "Hoy tuve un momento de claridad: me di cuenta de que tengo miedo de cambiar de trabajo.",
        "मुझे आजकल बहुत बेचैनी महसूस होती है और मैं समझ नहीं पा रहा हूँ कि क्यों।",
        "Sinto que estou sempre a repetir os mesmos erros nos meus relacionamentos. Você lembra do que falamos?",
        "Mi sento confusa e non riesco a capire quale strada prendere nella mia vita.",
        "ช่วงนี้ฉันรู้สึกเหมือนติดอยู่กับที่ ไม่รู้ว่าจะเริ่มต้นใหม่อย่างไรดี",
    ]

    /// The default set: the scenarios for the first test user, the multilingual set for the second.
    public static var defaults: [ShadowPrompt] {
        scenarios.map { ShadowPrompt(user: ShadowSeed.users[0], message: $0) }
            + multilingual.map { ShadowPrompt(user: ShadowSeed.users[1], message: $0) }
    }

    /// Parses a prompt file: per non-blank line either a JSON object with `"prompt"` or `"message"` (and optionally
    /// `"user"`), or plain text, which is the prompt itself. Prompts without a user go to the first test user.
    /// - Throws: ``ShadowPromptError`` naming the first bad line.
    public static func parse(_ lines: some Sequence<String>) throws(ShadowPromptError) -> [ShadowPrompt] {
        var prompts: [ShadowPrompt] = []
        for (index, raw) in lines.enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty { continue }
            prompts.append(try prompt(line, number: index + 1))
        }
        guard !prompts.isEmpty else {
            throw ShadowPromptError("the prompt file has no prompts (one per line, or JSON Lines with \"prompt\")")
        }
        return prompts
    }

    private static func prompt(_ line: String, number: Int) throws(ShadowPromptError) -> ShadowPrompt {
        guard line.hasPrefix("{") else { return ShadowPrompt(user: ShadowSeed.users[0], message: line) }
        guard case .object(let object)? = JSONValue(parsing: line) else {
            throw ShadowPromptError("line \(number) starts with \"{\" but is not a JSON object")
        }
        guard let message = (object["prompt"] ?? object["message"])?.stringValue,
            !message.allSatisfy(\.isWhitespace)
        else {
            throw ShadowPromptError("line \(number) needs a non-empty string \"prompt\" (or \"message\")")
        }
        guard let user = object["user"] else { return ShadowPrompt(user: ShadowSeed.users[0], message: message) }
        guard let name = user.stringValue else { throw ShadowPromptError("line \(number): \"user\" must be a string") }
        do {
            return ShadowPrompt(user: try UserID(validating: name), message: message)
        } catch {
            throw ShadowPromptError("line \(number): \"user\": \(error)")
        }
    }
}

/// A prompt file that cannot be used; says which line and what is accepted.
public struct ShadowPromptError: Error, CustomStringConvertible, Sendable {
    public let description: String

    init(_ description: String) {
        self.description = description
    }
}
