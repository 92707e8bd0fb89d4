/// One metric as `govpack metrics --explain` prints it: what it is called, its unit, its formula
/// in words and a worked example.
public struct MetricDefinition: Sendable, Equatable {
    /// The JSON key (or dotted path) the metric appears under.
    public var id: String
    public var name: String
    public var unit: String
    public var formula: String
    public var example: String

    public init(id: String, name: String, unit: String, formula: String, example: String) {
        self.id = id
        self.name = name
        self.unit = unit
        self.formula = formula
        self.example = example
    }

    /// Every metric, family by family; each family's list lives next to its computation.
    public static let all: [MetricDefinition] =
        portfolioCounts + earnedValue + rag + schedule + stageGates + risk + issues + resources + benefits + adoption
        + capability + knowledge + prioritisation

    /// The registry as readable text, one block per metric.
    public static func explainText() -> String {
        var out = ""
        for d in all {
            out += "\(d.id) — \(d.name) [\(d.unit)]\n"
            out += "  formula: \(d.formula)\n"
            out += "  example: \(d.example)\n\n"
        }
        return out
    }
}

/// The registry under the name the CLI uses.
public enum MetricDefinitions {
    public static var all: [MetricDefinition] { MetricDefinition.all }
    public static func explainText() -> String { MetricDefinition.explainText() }
}
