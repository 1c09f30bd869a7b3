/// What ``ElementScorer`` read in a text: the element distribution, the dominant element, the Spiralogic phase
/// and facet, the evidence, any reframe, and a coherence level.
public struct ElementReading: Sendable, Hashable {
    /// Share of each element, summing to 1; `[.aether: 1]` (others 0) when nothing is evident.
    public var scores: [ArchetypeElement: Double]
    /// The element with the highest score (ties go to the earlier of Fire, Water, Earth, Air, Aether).
    public var dominant: ArchetypeElement
    /// The phase the text expresses; ``SpiralogicPhase/circle`` when no phase cue is found.
    public var phase: SpiralogicPhase
    /// The facet of `dominant` in `phase` ("Inner Transformation"); `nil` for Aether.
    public var facet: String?
    /// Up to five matched words with a little context, lower-cased, from the text first, then the history.
    public var evidence: [String]
    /// The reframes whose state words appear in the text (not the history), in reading order, without repeats.
    public var reframes: [ElementalReframe]
    /// 0…1: how clearly one element stands out, weighted by how much evidence there is (see ``ElementScorer``).
    public var coherence: Double
    /// The total matched weight (text matches count 1, history matches count the history weight); 0 means the
    /// reading is the Aether default.
    public var evidenceWeight: Double

    /// Creates a reading.
    public init(
        scores: [ArchetypeElement: Double],
        dominant: ArchetypeElement,
        phase: SpiralogicPhase,
        facet: String?,
        evidence: [String],
        reframes: [ElementalReframe],
        coherence: Double,
        evidenceWeight: Double
    ) {
        self.scores = scores
        self.dominant = dominant
        self.phase = phase
        self.facet = facet
        self.evidence = evidence
        self.reframes = reframes
        self.coherence = coherence
        self.evidenceWeight = evidenceWeight
    }

    /// The score of one element (0 when absent).
    public func score(_ element: ArchetypeElement) -> Double {
        scores[element] ?? 0
    }

    /// The first reframe found, for the persona's prompt.
    public var reframe: ElementalReframe? { reframes.first }
}
