import MaiaAgent
public import MaiaCore
import MaiaEngines

/// The lines of a training export, split by person, deduplicated, with their summary.
public struct TrainingSet: Sendable {
    public private(set) var train: [String] = []
    public private(set) var validation: [String] = []
    public var summary: TrainingExportSummary

    let format: TrainingFormat
    let tools: [ToolDefinition]
    let validationShare: Double
    private var seen: Set<String> = []

    /// Creates an empty set; `validationShare` of the people (not of the lines) go to validation.
    public init(kind: String, format: TrainingFormat, tools: [ToolDefinition], validationShare: Double) {
        self.summary = TrainingExportSummary(kind: kind, format: format)
        self.format = format
        self.tools = tools
        self.validationShare = validationShare
    }

    /// Adds an example unless an identical one (same system prompt and messages) was added before.
    public mutating func add(_ conversation: TrainingConversation) {
        // The key ignores the person: the same words from two people are one example.
        let key = TrainingFormat.messages.line(conversation, tools: [])
        guard seen.insert(key).inserted else {
            summary.excluded[.duplicates, default: 0] += 1
            return
        }
        let line = format.line(conversation, tools: tools)
        let tokens = ContextBudget.estimate(TrainingFormat.llama3Text(conversation, tools: tools))
        if Self.isValidation(conversation.userID, share: validationShare) {
            validation.append(line)
            summary.validation.add(conversation, tokens: tokens)
        } else {
            train.append(line)
            summary.train.add(conversation, tokens: tokens)
        }
    }

    /// Whether `userID` falls in the validation share: a stable hash of the id (64-bit FNV-1a), so that a person is
    /// in the same split in every export and never in both.
    public static func isValidation(_ userID: String, share: Double) -> Bool {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in userID.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        return Double(hash >> 11) / Double(UInt64(1) << 53) < share
    }
}

extension TrainingExportSummary.Split {
    fileprivate mutating func add(_ conversation: TrainingConversation, tokens: Int) {
        conversations += 1
        turns += conversation.turns
        self.tokens += tokens
        users.insert(conversation.userID)
    }
}
