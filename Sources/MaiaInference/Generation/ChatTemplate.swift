import Foundation

/// The chat layout a model declares in `tokenizer.chat_template`, recognised and rendered natively (no Jinja):
/// ChatML (`<|im_start|>role\n…<|im_end|>\n`, SmolLM2) or Llama 3's header tokens.
public struct ChatTemplate: Sendable, Hashable {
    /// The recognised layouts.
    public enum Layout: String, Sendable, Hashable {
        /// `<|im_start|>role\ncontent<|im_end|>\n`, ending with `<|im_start|>assistant\n`.
        case chatML
        /// `<|start_header_id|>role<|end_header_id|>\n\ncontent<|eot_id|>` after `<|begin_of_text|>`.
        case llama3
    }

    /// One message of the conversation.
    public struct Message: Sendable, Hashable {
        /// `system`, `user`, `assistant` (or `ipython` for Llama 3 tool results).
        public var role: String
        /// The text.
        public var content: String

        /// Creates a message.
        public init(role: String, content: String) {
            self.role = role
            self.content = content
        }
    }

    /// The layout.
    public let layout: Layout
    /// The system message the template inserts when the conversation has none (ChatML templates may name one).
    public let defaultSystem: String?

    /// Creates a template.
    public init(layout: Layout, defaultSystem: String? = nil) {
        self.layout = layout
        self.defaultSystem = defaultSystem
    }

    /// The template `file` declares; ChatML when it declares none it recognises (llama.cpp's fallback).
    init(_ file: GGUFFile, tokenizer: BPETokenizer) {
        let source = file.metadata["tokenizer.chat_template"]?.stringValue ?? ""
        if source.contains("<|start_header_id|>") {
            self.init(layout: .llama3)
            return
        }
        // SmolLM2: `{% if loop.first and messages[0]['role'] != 'system' %}{{ '<|im_start|>system\nYou are …<|im_end|>\n' }}`.
        var defaultSystem: String?
        let marker = "'<|im_start|>system\n"
        if source.contains("messages[0]['role'] != 'system'"), let start = source.range(of: marker),
            let end = source[start.upperBound...].range(of: "<|im_end|>")
        {
            defaultSystem = String(source[start.upperBound..<end.lowerBound])
        }
        self.init(layout: .chatML, defaultSystem: defaultSystem)
    }

    /// The prompt text for `messages`, ending where the assistant's answer starts.
    public func render(_ messages: [Message]) -> String {
        var text = ""
        switch layout {
        case .chatML:
            if messages.first?.role != "system", let defaultSystem {
                text += "<|im_start|>system\n\(defaultSystem)<|im_end|>\n"
            }
            for message in messages { text += "<|im_start|>\(message.role)\n\(message.content)<|im_end|>\n" }
            text += "<|im_start|>assistant\n"
        case .llama3:
            text += "<|begin_of_text|>"
            for message in messages {
                text += "<|start_header_id|>\(message.role)<|end_header_id|>\n\n\(message.content)<|eot_id|>"
            }
            text += "<|start_header_id|>assistant<|end_header_id|>\n\n"
        }
        return text
    }
}
