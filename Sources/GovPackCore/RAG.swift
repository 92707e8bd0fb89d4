/// A red / amber / green status. `worst(of:)` is the default roll-up.
public enum RAG: String, Sendable, CaseIterable, Comparable, Codable {
    case green = "G"
    case amber = "A"
    case red = "R"

    /// Severity rank: green 0, amber 1, red 2.
    public var rank: Int {
        switch self {
        case .green: 0
        case .amber: 1
        case .red: 2
        }
    }

    public var name: String {
        switch self {
        case .green: "Green"
        case .amber: "Amber"
        case .red: "Red"
        }
    }

    /// `R`, `A`, `G`, `Red`, `Amber`, `Green`, any case.
    public init?(text: String) {
        switch text.lowercased() {
        case "r", "red": self = .red
        case "a", "amber": self = .amber
        case "g", "green": self = .green
        default: return nil
        }
    }

    /// Ordered by severity, so `max` is the worst.
    public static func < (a: RAG, b: RAG) -> Bool { a.rank < b.rank }

    public static func worst<S: Sequence>(of s: S) -> RAG? where S.Element == RAG { s.max() }
}
