/// The five elements of MAIA's symbolic archetype (ARCHITECTURE.md §7).
public enum ArchetypeElement: String, Sendable, Hashable, CaseIterable, Codable {
    /// Vision and catalyst: passion, drive, anger, courage, creation.
    case fire
    /// Emotion and flow: feelings, grief, tears, love, longing.
    case water
    /// Embodiment and manifestation: body, work, money, home, routines, plans.
    case earth
    /// Connection and integration: relationships, ideas, communication, thinking.
    case air
    /// Transcendence and unity: meaning, spirit, the sacred; the default when nothing else is evident.
    case aether

    /// The element's display name ("Fire").
    public var name: String {
        switch self {
        case .fire: "Fire"
        case .water: "Water"
        case .earth: "Earth"
        case .air: "Air"
        case .aether: "Aether"
        }
    }

    /// The Spiralogic facet of this element in `phase` ("Fire" × vector = "Self-Awareness"); `nil` for Aether,
    /// which has no facet.
    public func facet(in phase: SpiralogicPhase) -> String? {
        switch (self, phase) {
        case (.fire, .vector): "Self-Awareness"
        case (.fire, .circle): "Self-In-World"
        case (.fire, .spiral): "Transcendent Self"
        case (.water, .vector): "Emotional Intelligence"
        case (.water, .circle): "Inner Transformation"
        case (.water, .spiral): "Deep Self-Awareness"
        case (.earth, .vector): "Purpose & Mission"
        case (.earth, .circle): "Resources & Plans"
        case (.earth, .spiral): "Refined Medicine"
        case (.air, .vector): "Interpersonal"
        case (.air, .circle): "Collective Dynamics"
        case (.air, .spiral): "Codified Systems"
        case (.aether, _): nil
        }
    }
}
