/// A difficult state the persona reframes elementally (ARCHITECTURE.md §7): stuck → Earth fallow, anxiety →
/// Water frozen, depression → Fire dampened, confusion → Air stifled, numbness → Aether veiled.
public enum ElementalReframe: String, Sendable, Hashable, CaseIterable, Codable {
    /// Stuck, blocked, in a rut.
    case stuck
    /// Anxiety, worry, panic.
    case anxiety
    /// Depression, hopelessness, no drive.
    case depression
    /// Confusion, being lost in one's thoughts.
    case confusion
    /// Numbness, feeling nothing, emptiness.
    case numbness

    /// The element the state belongs to.
    public var element: ArchetypeElement {
        switch self {
        case .stuck: .earth
        case .anxiety: .water
        case .depression: .fire
        case .confusion: .air
        case .numbness: .aether
        }
    }

    /// The persona's reframe ("Earth fallow").
    public var label: String {
        switch self {
        case .stuck: "Earth fallow"
        case .anxiety: "Water frozen"
        case .depression: "Fire dampened"
        case .confusion: "Air stifled"
        case .numbness: "Aether veiled"
        }
    }
}
