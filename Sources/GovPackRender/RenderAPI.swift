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
    /// Which teams submitted, were quarantined or are missing, and the projects left without a
    /// report; nil outside a monthly run (`report`), and the packs then say nothing about it.
    public var submissions: SubmissionStatus?

    public init(portfolio: Portfolio, metrics: PortfolioMetrics, findings: [Diagnostic], period: Period,
                generatedBy: String, history: [HistoryPoint] = [], waivers: [WaiverInfo] = [],
                submissions: SubmissionStatus? = nil) {
        self.portfolio = portfolio
        self.metrics = metrics
        self.findings = findings
        self.period = period
        self.generatedBy = generatedBy
        self.history = history
        self.waivers = waivers
        self.submissions = submissions
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

/// One earlier period's figures, for trends and "change since last period". Keys: project and
/// programme ids; risks, milestones and benefits as `PROJECT/ID` (`PRJ-001/R-3`).
public struct HistoryPoint: Sendable, Equatable {
    public var period: Period
    public var rag: RAG?
    public var cpi: Double?
    public var spi: Double?
    public var riskExposure: Int
    public var complianceScore: Double?
    public var benefitRealisationPct: Double?
    /// Derived RAG by project id; `projects[id].ragDerived` wins where both are given.
    public var projectRAG: [String: RAG]
    public var projects: [String: ProjectPoint]
    public var programs: [String: ProgramPoint]
    public var risks: [String: RiskPoint]
    public var milestones: [String: MilestonePoint]
    /// Realisation % by `PROJECT/BENEFIT`; nil when the benefit was registered but not measured.
    public var benefits: [String: Double?]

    public init(period: Period, rag: RAG?, cpi: Double?, spi: Double?, riskExposure: Int,
                complianceScore: Double?, projectRAG: [String: RAG] = [:], benefitRealisationPct: Double? = nil,
                projects: [String: ProjectPoint] = [:], programs: [String: ProgramPoint] = [:],
                risks: [String: RiskPoint] = [:], milestones: [String: MilestonePoint] = [:],
                benefits: [String: Double?] = [:]) {
        self.period = period
        self.rag = rag
        self.cpi = cpi
        self.spi = spi
        self.riskExposure = riskExposure
        self.complianceScore = complianceScore
        self.benefitRealisationPct = benefitRealisationPct
        self.projectRAG = projectRAG
        self.projects = projects
        self.programs = programs
        self.risks = risks
        self.milestones = milestones
        self.benefits = benefits
    }

    /// The project's derived RAG that period, if it was recorded.
    public func ragDerived(_ projectID: String) -> RAG? { projects[projectID]?.ragDerived ?? projectRAG[projectID] }

    /// One project's figures in an earlier period.
    public struct ProjectPoint: Sendable, Equatable {
        public var ragDerived: RAG
        public var ragReported: RAG
        public var cpi: Double?
        public var spi: Double?
        public var complianceScore: Double?
        public var stage: Stage
        public var endSlipDays: Int?

        public init(ragDerived: RAG, ragReported: RAG, cpi: Double?, spi: Double?, complianceScore: Double?,
                    stage: Stage, endSlipDays: Int?) {
            self.ragDerived = ragDerived
            self.ragReported = ragReported
            self.cpi = cpi
            self.spi = spi
            self.complianceScore = complianceScore
            self.stage = stage
            self.endSlipDays = endSlipDays
        }
    }

    /// One programme's roll-up in an earlier period.
    public struct ProgramPoint: Sendable, Equatable {
        public var rag: RAG?
        public var cpi: Double?
        public var spi: Double?
        public var exposure: Int

        public init(rag: RAG?, cpi: Double?, spi: Double?, exposure: Int) {
            self.rag = rag
            self.cpi = cpi
            self.spi = spi
            self.exposure = exposure
        }
    }

    /// One risk as it stood in an earlier period.
    public struct RiskPoint: Sendable, Equatable {
        public var score: Int
        public var status: OpenClosed
        public var title: String

        public init(score: Int, status: OpenClosed, title: String) {
            self.score = score
            self.status = status
            self.title = title
        }
    }

    /// One milestone's dates as they stood in an earlier period.
    public struct MilestonePoint: Sendable, Equatable {
        public var forecastDate: Day?
        public var actualDate: Day?
        public var baselineDate: Day

        public init(forecastDate: Day?, actualDate: Day?, baselineDate: Day) {
            self.forecastDate = forecastDate
            self.actualDate = actualDate
            self.baselineDate = baselineDate
        }
    }
}

/// What the monthly run received: one entry per expected team, and the projects of teams whose
/// submission is missing or quarantined, which the packs list in grey rather than drop.
public struct SubmissionStatus: Sendable, Equatable {
    public var teams: [TeamStatus]
    public var notReported: [NotReportedProject]

    public init(teams: [TeamStatus], notReported: [NotReportedProject]) {
        self.teams = teams
        self.notReported = notReported
    }
}

/// One expected team's submission this period.
public struct TeamStatus: Sendable, Equatable {
    public enum State: String, Sendable, CaseIterable {
        case submitted, quarantined, missing
    }

    public var name: String
    public var state: State
    /// When the submission was due, if the configuration says.
    public var due: Day?
    /// Files read from the team's folder (0 when missing).
    public var files: Int
    /// Why a submission was quarantined, each as `file:line: message`.
    public var reasons: [String]

    public init(name: String, state: State, due: Day? = nil, files: Int = 0, reasons: [String] = []) {
        self.name = name
        self.state = state
        self.due = due
        self.files = files
        self.reasons = reasons
    }
}

/// A project the run has no report for (its team is missing or quarantined), with what the
/// history last knew of it.
public struct NotReportedProject: Sendable, Equatable {
    public var projectID: String
    public var name: String?
    public var programID: String?
    public var team: String
    public var lastPeriod: Period?
    public var lastRAG: RAG?

    public init(projectID: String, name: String? = nil, programID: String? = nil, team: String,
                lastPeriod: Period? = nil, lastRAG: RAG? = nil) {
        self.projectID = projectID
        self.name = name
        self.programID = programID
        self.team = team
        self.lastPeriod = lastPeriod
        self.lastRAG = lastRAG
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
    /// The file's bytes (UTF-8), as the renderer made them: writing them needs no String.
    public let data: Data

    /// The file as text.
    public var contents: String { String(decoding: data, as: UTF8.self) }

    public init(path: String, contents: String) {
        self.path = path
        data = Data(contents.utf8)
    }

    public init(path: String, data: Data) {
        self.path = path
        self.data = data
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
