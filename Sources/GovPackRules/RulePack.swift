import GovPackCore
import Yams

/// What a rule runs over: one entity's rows, or the portfolio once.
public enum RuleScope: Hashable, Sendable, CustomStringConvertible {
    case entity(Entity)
    case portfolio

    /// The scope's name in a pack (`project`, `risk`, `stage_gate`, ..., `portfolio`), which is also
    /// the name of the variable that holds the row in the rule's expressions.
    public var name: String {
        switch self {
        case .entity(let e): e.xmlElement
        case .portfolio: "portfolio"
        }
    }

    public init?(name: String) {
        if name == "portfolio" {
            self = .portfolio
        } else if let e = Entity(xmlElement: name) {
            self = .entity(e)
        } else {
            return nil
        }
    }

    public static var allNames: [String] { Entity.allCases.map(\.xmlElement) + ["portfolio"] }
    public var description: String { name }
}

/// The PMO roles a rule can be owned by (`../shared/domain/pmo-roles.txt`).
public enum PMORole: String, CaseIterable, Sendable {
    case pmoDirector = "PMO Director"
    case portfolioManager = "Portfolio Manager"
    case programManager = "Program Manager"
    case seniorProjectManager = "Senior Project Manager"
    case projectManager = "Project Manager"
    case pmoAnalyst = "PMO Analyst"
    case resourceManager = "Resource Manager"
    case changeManager = "Change Manager"
    case governanceOfficer = "Governance Officer"
    case riskManager = "Risk Manager"
    case benefitsRealization = "Benefits Realization"
    case trainingCoordinator = "Training and Development Coordinator"
    case knowledgeManager = "Knowledge Manager"
}

/// A rule's examples: rows on which it must pass, and rows on which it must fail.
public struct RuleExample: Sendable {
    /// Entity name (`project`, `risks`, ...) to rows, each a column-to-text map.
    public var rows: [String: [[String: String]]]
    /// Figures handed to the rule as if computed by the metrics stage (`cpi`, `spi`, ...).
    public var figures: [String: String]
    public var period: String?
    public var location: SourceLocation
}

/// One PMO standard, as written in a rule pack.
public struct Rule: Sendable {
    public var id: String
    public var title: String
    public var role: PMORole
    public var scope: RuleScope
    public var when: String?
    public var assert: String
    public var severity: Severity
    public var message: String
    public var rationale: String?
    public var passExamples: [RuleExample]
    public var failExamples: [RuleExample]
    /// Where the rule is written (the `- id:` line).
    public var location: SourceLocation
    /// Where the text of `when`, `assert` and `message` starts in the file, so that an error
    /// inside an expression points at the right line and column.
    public var textOrigins: [String: SourceLocation] = [:]

    /// The diagnostic id of this rule's findings: `rule.<id>`.
    public var diagnosticID: String { "rule." + id }
}

/// A file of rules.
public struct RulePack: Sendable {
    public var id: String
    public var title: String
    public var path: String
    public var rules: [Rule]
    /// The pack's text, for showing the line of an expression error.
    public var source: String
}
