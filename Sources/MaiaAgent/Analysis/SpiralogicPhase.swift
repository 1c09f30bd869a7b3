/// The Spiralogic phase a text expresses: starting, processing, or integrating.
public enum SpiralogicPhase: String, Sendable, Hashable, CaseIterable, Codable {
    /// Initiating: beginning, wanting to start, deciding, trying something new.
    case vector
    /// Processing: repeating, relating, noticing patterns and cycles; the default when no phase cue is found.
    case circle
    /// Integrating: transcending, mastery, lessons learned, acceptance, letting go.
    case spiral
}
