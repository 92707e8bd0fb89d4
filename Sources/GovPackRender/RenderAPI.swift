import Foundation
import GovPackCore
import GovPackMetrics

/// Everything a pack is rendered from. Rule results arrive as plain diagnostics (their ids start
/// with `rule.`) and the per-project compliance figures already applied to `metrics`
/// (`PortfolioMetrics.applyCompliance`), so rendering does not depend on the rules engine.
public struct RenderInput: Sendable {
    public var portfolio: Portfolio
    public var metrics: PortfolioMetrics
    public var findings: [Diagnostic]
    public var period: Period
    /// Printed in every footer, e.g. "govpack 0.1.0". Never a clock reading: output is reproducible.
    public var generatedBy: String
    /// Earlier periods' portfolio figures, oldest first, when a run history exists; empty means
    /// "no earlier periods recorded" and the packs say so instead of drawing empty trends.
    public var history: [HistoryPoint]
    /// The approved exceptions of the run, for the compliance report.
    public var waivers: [WaiverInfo]

    public init(portfolio: Portfolio, metrics: PortfolioMetrics, findings: [Diagnostic], period: Period,
                generatedBy: String, history: [HistoryPoint] = [], waivers: [WaiverInfo] = []) {
        self.portfolio = portfolio
        self.metrics = metrics
        self.findings = findings
        self.period = period
        self.generatedBy = generatedBy
        self.history = history
        self.waivers = waivers
    }
}

/// An approved exception to a rule, as the compliance report lists it.
public struct WaiverInfo: Sendable, Equatable {
    public var rule: String
    public var project: String?
    public var key: String?
    public var reason: String
    public var approvedBy: String
    public var expires: Day
    /// Failures it waived in this run.
    public var waivedFindings: Int

    public init(rule: String, project: String?, key: String?, reason: String, approvedBy: String, expires: Day,
                waivedFindings: Int) {
        self.rule = rule
        self.project = project
        self.key = key
        self.reason = reason
        self.approvedBy = approvedBy
        self.expires = expires
        self.waivedFindings = waivedFindings
    }
}

/// One earlier period's headline figures, for trends and "change since last period".
public struct HistoryPoint: Sendable, Equatable {
    public var period: Period
    public var rag: RAG?
    public var cpi: Double?
    public var spi: Double?
    public var riskExposure: Int
    public var complianceScore: Double?
    /// Derived RAG by project id, for project trends.
    public var projectRAG: [String: RAG]

    public init(period: Period, rag: RAG?, cpi: Double?, spi: Double?, riskExposure: Int,
                complianceScore: Double?, projectRAG: [String: RAG] = [:]) {
        self.period = period
        self.rag = rag
        self.cpi = cpi
        self.spi = spi
        self.riskExposure = riskExposure
        self.complianceScore = complianceScore
        self.projectRAG = projectRAG
    }
}

/// The packs, each for the roles of `pmo-roles.txt`. `steering` renders one file per programme,
/// `project` one one-pager per project.
public enum PackKind: String, CaseIterable, Sendable {
    case board, steering, portfolio, risk, resource, benefits, compliance, capability, project

    public var title: String {
        switch self {
        case .board: "Board pack"
        case .steering: "Steering committee pack"
        case .portfolio: "Portfolio dashboard"
        case .risk: "Risk report"
        case .resource: "Resource report"
        case .benefits: "Benefits and change report"
        case .compliance: "Compliance report"
        case .capability: "Capability and knowledge"
        case .project: "Project one-pager"
        }
    }

    public var audience: String {
        switch self {
        case .board: "PMO Director and the board"
        case .steering: "Programme Manager and steering committee"
        case .portfolio: "Portfolio Manager, PMO Analyst"
        case .risk: "Risk Manager"
        case .resource: "Resource Manager"
        case .benefits: "Benefits Realisation Manager, Change Manager"
        case .compliance: "Governance Officer"
        case .capability: "Training Coordinator, Knowledge Manager"
        case .project: "Project Manager, Senior Project Manager"
        }
    }
}

public enum OutputFormat: String, CaseIterable, Sendable {
    case html, md
}

/// One output file; `path` is relative to the output folder and uses `/`.
public struct RenderedFile: Sendable, Equatable {
    public let path: String
    public let contents: String

    public init(path: String, contents: String) {
        self.path = path
        self.contents = contents
    }
}

/// A template that cannot be parsed, or that names a value the view model does not have.
/// `line` and `column` are 1-based and point into `file` (the template's name, e.g.
/// `board/board.html.mustache`, or its path when it came from an override folder).
public struct TemplateError: Error, CustomStringConvertible, Equatable {
    public var file: String
    public var line: Int
    public var column: Int
    public var message: String

    public init(file: String, line: Int, column: Int, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    public var description: String { "\(file):\(line):\(column): error: \(message)" }
}
