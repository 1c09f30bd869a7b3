public import Foundation

/// Renders a request as a raw Llama 3.1 Instruct prompt (PROTOCOLS.md §4) for text-generation endpoints
/// (TGI `/generate`, the legacy HF API): custom JSON tool calling with the tools in the system message.
///
/// Layout: optional `<|begin_of_text|>`; a system turn with `Environment: ipython` (only when tools are offered),
/// `Cutting Knowledge Date: December 2023`, `Today Date: <d Mon yyyy>`, the tool instructions and JSON
/// definitions, then the system prompt; `user`, `assistant` and `ipython` turns; and an open assistant header.
/// Past calls are replayed as `{"name": ..., "parameters": ...}` (several joined by `; `), tool results are
/// written raw in `ipython` turns (a failed tool's result is prefixed `Error: `).
public struct Llama31PromptRenderer: Sendable {
    /// The stop strings every Llama 3.1 prompt needs: end of turn and end of message.
    public static let stopStrings = ["<|eot_id|>", "<|eom_id|>"]

    /// The date written in the `Today Date:` line.
    public var today: Date
    /// The time zone in which `today` is read.
    public var timeZone: TimeZone
    /// Whether to start with `<|begin_of_text|>`; turn off for servers that add BOS themselves.
    public var includeBeginOfText: Bool

    /// Creates a renderer; the date is injected so that prompts are reproducible.
    public init(
        today: Date,
        timeZone: TimeZone = TimeZone(identifier: "UTC") ?? .current,
        includeBeginOfText: Bool = true
    ) {
        self.today = today
        self.timeZone = timeZone
        self.includeBeginOfText = includeBeginOfText
    }

    /// The prompt text for `request`.
    public func render(_ request: EngineRequest) -> String {
        var prompt = includeBeginOfText ? "<|begin_of_text|>" : ""
        let tools = request.offeredTools
        var system = ""
        if !tools.isEmpty { system += "Environment: ipython\n" }
        system += "Cutting Knowledge Date: December 2023\nToday Date: \(Self.dateText(today, in: timeZone))\n\n"
        if !tools.isEmpty { system += ToolPromptText.block(tools: tools, choice: request.toolChoice) }
        system += request.system
        prompt += turn("system", system)
        for message in request.messages {
            switch message {
            case .user(let text):
                prompt += turn("user", text.trimmingCharacters(in: .whitespacesAndNewlines))
            case .assistant(let text, let calls):
                var body = text.trimmingCharacters(in: .whitespacesAndNewlines)
                if !calls.isEmpty {
                    if !body.isEmpty { body += "\n" }
                    body += calls.map(ToolPromptText.call).joined(separator: "; ")
                }
                prompt += turn("assistant", body)
            case .toolResult(let result):
                prompt += turn("ipython", result.isError ? "Error: \(result.content)" : result.content)
            }
        }
        return prompt + "<|start_header_id|>assistant<|end_header_id|>\n\n"
    }

    /// The stop strings for `request`: Llama's two end tokens plus the request's own.
    public func stopStrings(for request: EngineRequest) -> [String] {
        Self.stopStrings + request.parameters.stop.filter { !Self.stopStrings.contains($0) }
    }

    private func turn(_ role: String, _ body: String) -> String {
        "<|start_header_id|>\(role)<|end_header_id|>\n\n\(body)<|eot_id|>"
    }

    /// `date` as Llama's template writes it: day without padding, English month abbreviation, year (`26 Jul 2024`).
    public static func dateText(_ date: Date, in timeZone: TimeZone) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let parts = calendar.dateComponents([.day, .month, .year], from: date)
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        let month = months[max(0, min(11, (parts.month ?? 1) - 1))]
        return "\(parts.day ?? 1) \(month) \(parts.year ?? 1970)"
    }
}
