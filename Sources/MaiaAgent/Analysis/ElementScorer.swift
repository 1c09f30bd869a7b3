import Foundation

/// Reads which of the five elements (Fire, Water, Earth, Air, Aether) and which Spiralogic phase a message — and,
/// with less weight, the recent history — expresses, for the `symbolic_archetype` tool and per-message storage.
///
/// Method: the text is matched against ``ElementLexicon`` in all eight languages at once (word-boundary-aware
/// for space-separated scripts, substring for Thai). Each match adds 1 to its element, each match in a history
/// text adds ``historyWeight``; reframe state words (stuck, anxiety, depression, confusion, numbness) count for
/// their element and are reported as reframes. Scores are the weights divided by their sum; with no match the
/// reading is the default, Aether = 1. The phase is the one with most cues in ``PhaseLexicon`` (text and history
/// weighted the same way; ties go to spiral, then vector), circle when there is none.
///
/// Coherence: `c = (1 − H(p) / ln 5) · min(1, W / 3)`, where `H(p) = −Σ pᵢ ln pᵢ` is the Shannon entropy of the
/// element distribution and `W` the total matched weight. One clear element with three or more cues gives 1; an
/// even spread gives 0; a single cue gives at most 1/3, since one word is thin evidence; no cue gives 0.
///
/// Limits: a symbolic reading, not a psychological measure. Word lists cannot see negation ("I'm not angry"
/// still counts for Fire), irony or context, and common words may belong to several themes. Cost: one pass over
/// the tokens per text.
public struct ElementScorer: Sendable {
    /// The weight of a match in a history text, relative to 1 for the current text.
    public var historyWeight: Double
    /// The most evidence snippets a reading carries.
    public var maximumEvidence: Int

    private enum Cue: Sendable, Hashable {
        case element(ArchetypeElement)
        case reframe(ElementalReframe)
    }

    private static let elementMatcher: PhraseMatcher<Cue> = {
        var source: [(String, Cue)] = []
        for element in ArchetypeElement.allCases {
            for language in DetectedLanguage.allCases {
                let list = ElementLexicon.elements[element]?[language] ?? ""
                source += ElementLexicon.entries(list).map { ($0, .element(element)) }
            }
        }
        for reframe in ElementalReframe.allCases {
            for language in DetectedLanguage.allCases {
                let list = ElementLexicon.reframes[reframe]?[language] ?? ""
                source += ElementLexicon.entries(list).map { ($0, .reframe(reframe)) }
            }
        }
        return PhraseMatcher(source)
    }()

    private static let phaseMatcher: PhraseMatcher<SpiralogicPhase> = {
        var source: [(String, SpiralogicPhase)] = []
        for phase in SpiralogicPhase.allCases {
            for language in DetectedLanguage.allCases {
                source += ElementLexicon.entries(PhaseLexicon.phases[phase]?[language] ?? "").map { ($0, phase) }
            }
        }
        return PhraseMatcher(source)
    }()

    /// Creates a scorer.
    public init(historyWeight: Double = 0.3, maximumEvidence: Int = 5) {
        self.historyWeight = historyWeight
        self.maximumEvidence = maximumEvidence
    }

    /// Reads `text`, with `history` (recent messages, any order) counting ``historyWeight`` per match.
    public func score(_ text: String, history: [String] = []) -> ElementReading {
        var weights: [ArchetypeElement: Double] = [:]
        var phaseWeights: [SpiralogicPhase: Double] = [:]
        var evidence: [String] = []
        var reframes: [ElementalReframe] = []
        let inputs = [(text, 1.0)] + history.map { ($0, historyWeight) }
        for (index, (input, weight)) in inputs.enumerated() where weight > 0 {
            let analysed = AnalysedText(input)
            for match in Self.distinct(Self.elementMatcher.matches(in: analysed)) {
                switch match.payload {
                case .element(let element):
                    weights[element, default: 0] += weight
                case .reframe(let reframe):
                    weights[reframe.element, default: 0] += weight
                    if index == 0, !reframes.contains(reframe) { reframes.append(reframe) }
                }
                if evidence.count < maximumEvidence, !evidence.contains(match.snippet) {
                    evidence.append(match.snippet)
                }
            }
            for match in Self.distinct(Self.phaseMatcher.matches(in: analysed)) {
                phaseWeights[match.payload, default: 0] += weight
            }
        }
        let total = weights.values.reduce(0, +)
        let scores: [ArchetypeElement: Double] =
            total > 0
            ? Dictionary(uniqueKeysWithValues: ArchetypeElement.allCases.map { ($0, (weights[$0] ?? 0) / total) })
            : Dictionary(uniqueKeysWithValues: ArchetypeElement.allCases.map { ($0, $0 == .aether ? 1 : 0) })
        var dominant = ArchetypeElement.aether
        var best = 0.0
        for element in ArchetypeElement.allCases where (scores[element] ?? 0) > best {
            dominant = element
            best = scores[element] ?? 0
        }
        var phase = SpiralogicPhase.circle
        var phaseBest = 0.0
        for candidate in [SpiralogicPhase.spiral, .vector, .circle] where (phaseWeights[candidate] ?? 0) > phaseBest {
            phase = candidate
            phaseBest = phaseWeights[candidate] ?? 0
        }
        return ElementReading(
            scores: scores,
            dominant: dominant,
            phase: phase,
            facet: dominant.facet(in: phase),
            evidence: evidence,
            reframes: reframes,
            coherence: total > 0 ? Self.coherence(of: scores, evidenceWeight: total) : 0,
            evidenceWeight: total
        )
    }

    /// One match per place and payload: a word listed in several languages ("passion*" in English, French and
    /// Italian) or matched by two entries ("emocion*", "emocionad*") counts once.
    private static func distinct<Payload: Hashable>(
        _ matches: [PhraseMatcher<Payload>.Match]
    ) -> [PhraseMatcher<Payload>.Match] {
        var seen: Set<String> = []
        return matches.filter { match in
            let place = match.tokens.map { "w\($0.lowerBound)" } ?? match.scalars.map { "t\($0.lowerBound)" } ?? ""
            return seen.insert("\(place)|\(match.payload)").inserted
        }
    }

    /// The coherence formula: `(1 − H(p) / ln 5) · min(1, evidenceWeight / 3)`, clamped to 0…1.
    public static func coherence(of scores: [ArchetypeElement: Double], evidenceWeight: Double) -> Double {
        let entropy = scores.values.filter { $0 > 0 }.reduce(0) { $0 - $1 * log($1) }
        let clarity = 1 - entropy / log(Double(ArchetypeElement.allCases.count))
        let support = min(1, max(0, evidenceWeight) / 3)
        return min(1, max(0, clarity * support))
    }
}
