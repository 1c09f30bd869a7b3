import ArgumentParser
import Foundation
import MaiaApp
import MaiaCore
import MaiaMemory

extension MemoryCommand {
    /// `maia memory consent`: whether a person's conversations may train MAIA's own model (default: no).
    struct Consent: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Record whether a user agrees to training use of their conversations (default: no).",
            discussion: """
                Without --training, prints the stored answer. Names given with --hide (repeatable) are replaced by \
                [NAME] in every export; --clear-names removes them; otherwise the stored names are kept.
                """
        )

        @OptionGroup var user: UserOption
        @Option(name: .long, help: "yes or no.")
        var training: Answer?
        @Option(name: .long, help: "A name to hide in exports (repeatable).")
        var hide: [String] = []
        @Flag(name: .long, help: "Remove the stored names to hide.")
        var clearNames = false
        @OptionGroup var output: OutputOption

        enum Answer: String, ExpressibleByArgument, CaseIterable {
            case yes, no
        }

        func validate() throws {
            if clearNames && !hide.isEmpty {
                throw ValidationError("--clear-names and --hide cannot be combined: give the names to keep with --hide")
            }
            if training == nil && (clearNames || !hide.isEmpty) {
                throw ValidationError(
                    "--hide and --clear-names need --training yes|no (the answer is stored with them)"
                )
            }
            if let empty = hide.first(where: { $0.allSatisfy(\.isWhitespace) }) {
                throw ValidationError("--hide needs a name (got \"\(empty)\")")
            }
        }

        func run() async throws {
            let id = try user.id
            try await Runtime.with { runtime in
                let consent: TrainingConsent?
                if let training {
                    let names: [String]? = clearNames ? [] : (hide.isEmpty ? nil : hide)
                    consent = try await runtime.store.setTrainingConsent(
                        training == .yes,
                        hiddenNames: names,
                        at: Date(),
                        for: id
                    )
                } else {
                    consent = try await runtime.store.trainingConsent(for: id)
                }
                if output.json {
                    print(Self.json(consent, user: id).jsonText)
                } else if let consent {
                    let names = consent.hiddenNames.isEmpty ? "none" : consent.hiddenNames.joined(separator: ", ")
                    print(
                        """
                        user \(id.rawValue): training \(consent.training ? "yes" : "no") since \
                        \(consent.changedAt.formatted(.iso8601)); names hidden in exports: \(names)
                        """
                    )
                } else {
                    print("user \(id.rawValue): training no (never asked)")
                }
            }
        }

        static func json(_ consent: TrainingConsent?, user: UserID) -> JSONValue {
            [
                "user_id": .string(user.rawValue),
                "training": .bool(consent?.training ?? false),
                "hidden_names": .array((consent?.hiddenNames ?? []).map(JSONValue.string)),
                "changed_at": consent.map { .string($0.changedAt.formatted(.iso8601)) } ?? .null,
            ]
        }
    }
}
