import Foundation
import GovPackCore

/// Everything one monthly run leaves in the history: what it read, the figures it computed,
/// what the rules found and the files it published.
///
/// Lists are stored and read back in key order (code-point order of their ids, as the metrics
/// sort them); money is exact `Decimal`, ratios and percentages the `Double` the metrics gave.
/// Nothing here depends on the clock, so the same inputs give the same rows.
public struct RunSnapshot: Sendable, Equatable {
    public var period: Period
    public var govpackVersion: String
    /// A digest over the inputs' checksums (see `InputRecord.digest`), so two runs can tell
    /// whether they read the same files.
    public var inputDigest: String
    public var inputs: [InputRecord]
    /// The portfolio roll-up; its `id` is empty.
    public var portfolio: FigureRecord
    public var programs: [FigureRecord]
    public var projects: [ProjectRecord]
    public var risks: [RiskRecord]
    public var milestones: [MilestoneRecord]
    public var benefits: [BenefitRecord]
    public var findings: [FindingRecord]
    public var packFiles: [PackFileRecord]
    /// The metrics JSON document of the run, as written.
    public var metricsJSON: String

    public init(
        period: Period, govpackVersion: String, inputDigest: String, inputs: [InputRecord] = [],
        portfolio: FigureRecord, programs: [FigureRecord] = [], projects: [ProjectRecord] = [],
        risks: [RiskRecord] = [], milestones: [MilestoneRecord] = [], benefits: [BenefitRecord] = [],
        findings: [FindingRecord] = [], packFiles: [PackFileRecord] = [], metricsJSON: String = ""
    ) {
        self.period = period
        self.govpackVersion = govpackVersion
        self.inputDigest = inputDigest
        self.inputs = inputs
        self.portfolio = portfolio
        self.programs = programs
        self.projects = projects
        self.risks = risks
        self.milestones = milestones
        self.benefits = benefits
        self.findings = findings
        self.packFiles = packFiles
        self.metricsJSON = metricsJSON
    }
}

extension RunSnapshot {
    /// The part of a snapshot known only once the run's packs are rendered: the files it
    /// publishes and its metrics document (the monthly run writes the rest while they render).
    public struct Rendered: Sendable, Equatable {
        public var packFiles: [PackFileRecord]
        public var metricsJSON: String

        public init(packFiles: [PackFileRecord], metricsJSON: String) {
            self.packFiles = packFiles
            self.metricsJSON = metricsJSON
        }
    }

    public var rendered: Rendered {
        get { Rendered(packFiles: packFiles, metricsJSON: metricsJSON) }
        set {
            packFiles = newValue.packFiles
            metricsJSON = newValue.metricsJSON
        }
    }
}

/// The optional parts of a snapshot to read back; figures, risks, milestones and benefits are
/// always read.
public struct SnapshotParts: OptionSet, Sendable {
    public let rawValue: Int
    public init(rawValue: Int) { self.rawValue = rawValue }

    public static let inputs = SnapshotParts(rawValue: 1)
    public static let findings = SnapshotParts(rawValue: 2)
    public static let packFiles = SnapshotParts(rawValue: 4)
    public static let metricsJSON = SnapshotParts(rawValue: 8)

    public static let all: SnapshotParts = [.inputs, .findings, .packFiles, .metricsJSON]
    /// What the packs' trends read: the figures and the registers only.
    public static let trends: SnapshotParts = []
}

/// Whether a submission file made it into the run.
public enum InputStatus: String, Sendable, CaseIterable {
    case read
    /// Unreadable or failing its schema: left out of the metrics.
    case quarantined
    /// A file no reader could read (e.g. a reference file that is not CSV), outside any team.
    case rejected
}

/// One input file of a run.
public struct InputRecord: Sendable, Equatable {
    /// Relative to the input folder the configuration names.
    public var path: String
    public var team: String?
    /// Lower-case hex SHA-256 of the file's bytes.
    public var sha256: String
    public var bytes: Int
    public var status: InputStatus

    public init(path: String, team: String? = nil, sha256: String, bytes: Int, status: InputStatus = .read) {
        self.path = path
        self.team = team
        self.sha256 = sha256
        self.bytes = bytes
        self.status = status
    }
}

/// The figures of a programme or of the whole portfolio.
public struct FigureRecord: Sendable, Equatable {
    /// The programme id; empty for the portfolio.
    public var id: String
    /// The rolled-up derived RAG; nil without projects.
    public var rag: RAG?
    public var projects: Int
    public var activeProjects: Int
    public var bac: Decimal
    public var pv: Decimal
    public var ev: Decimal
    public var ac: Decimal
    public var eac: Decimal?
    public var cpi: Double?
    public var spi: Double?
    /// Sum of the open risks' scores.
    public var riskExposure: Int
    public var openRisks: Int
    public var criticalRisks: Int
    /// Mean of the projects' compliance scores that are present.
    public var complianceScore: Double?
    public var benefitRealisationPct: Double?
    public var errors: Int
    public var warnings: Int

    public init(
        id: String = "", rag: RAG? = nil, projects: Int = 0, activeProjects: Int = 0, bac: Decimal = 0,
        pv: Decimal = 0, ev: Decimal = 0, ac: Decimal = 0, eac: Decimal? = nil, cpi: Double? = nil,
        spi: Double? = nil, riskExposure: Int = 0, openRisks: Int = 0, criticalRisks: Int = 0,
        complianceScore: Double? = nil, benefitRealisationPct: Double? = nil, errors: Int = 0, warnings: Int = 0
    ) {
        self.id = id
        self.rag = rag
        self.projects = projects
        self.activeProjects = activeProjects
        self.bac = bac
        self.pv = pv
        self.ev = ev
        self.ac = ac
        self.eac = eac
        self.cpi = cpi
        self.spi = spi
        self.riskExposure = riskExposure
        self.openRisks = openRisks
        self.criticalRisks = criticalRisks
        self.complianceScore = complianceScore
        self.benefitRealisationPct = benefitRealisationPct
        self.errors = errors
        self.warnings = warnings
    }
}

/// One project's figures for the period.
public struct ProjectRecord: Sendable, Equatable {
    public var id: String
    public var name: String
    public var programID: String?
    public var team: String?
    public var stage: Stage
    /// Nil when the project was not reported this period (its team did not submit).
    public var ragReported: RAG?
    public var ragDerived: RAG?
    public var bac: Decimal
    public var pv: Decimal
    public var ev: Decimal
    public var ac: Decimal
    public var eac: Decimal?
    public var cpi: Double?
    public var spi: Double?
    public var riskExposure: Int
    public var openRisks: Int
    public var criticalRisks: Int
    public var complianceScore: Double?
    public var errors: Int
    public var warnings: Int
    /// Forecast end minus baseline end, in days.
    public var endSlipDays: Int?
    public var benefitRealisationPct: Double?

    public init(
        id: String, name: String, programID: String? = nil, team: String? = nil, stage: Stage,
        ragReported: RAG? = nil, ragDerived: RAG? = nil, bac: Decimal = 0, pv: Decimal = 0, ev: Decimal = 0,
        ac: Decimal = 0, eac: Decimal? = nil, cpi: Double? = nil, spi: Double? = nil, riskExposure: Int = 0,
        openRisks: Int = 0, criticalRisks: Int = 0, complianceScore: Double? = nil, errors: Int = 0,
        warnings: Int = 0, endSlipDays: Int? = nil, benefitRealisationPct: Double? = nil
    ) {
        self.id = id
        self.name = name
        self.programID = programID
        self.team = team
        self.stage = stage
        self.ragReported = ragReported
        self.ragDerived = ragDerived
        self.bac = bac
        self.pv = pv
        self.ev = ev
        self.ac = ac
        self.eac = eac
        self.cpi = cpi
        self.spi = spi
        self.riskExposure = riskExposure
        self.openRisks = openRisks
        self.criticalRisks = criticalRisks
        self.complianceScore = complianceScore
        self.errors = errors
        self.warnings = warnings
        self.endSlipDays = endSlipDays
        self.benefitRealisationPct = benefitRealisationPct
    }
}

/// One risk as the register stood this period.
public struct RiskRecord: Sendable, Equatable {
    public var projectID: String
    public var riskID: String
    public var title: String
    public var category: RiskCategory?
    public var probability: Int
    public var impact: Int
    /// Probability x impact.
    public var score: Int
    public var status: OpenClosed

    public init(
        projectID: String, riskID: String, title: String, category: RiskCategory? = nil, probability: Int,
        impact: Int, status: OpenClosed
    ) {
        self.projectID = projectID
        self.riskID = riskID
        self.title = title
        self.category = category
        self.probability = probability
        self.impact = impact
        score = probability * impact
        self.status = status
    }
}

/// One milestone's dates this period (for "slipped since last month").
public struct MilestoneRecord: Sendable, Equatable {
    public var projectID: String
    public var milestoneID: String
    public var name: String
    public var baselineDate: Day
    public var forecastDate: Day?
    public var actualDate: Day?
    public var status: MilestoneStatus?

    public init(
        projectID: String, milestoneID: String, name: String, baselineDate: Day, forecastDate: Day? = nil,
        actualDate: Day? = nil, status: MilestoneStatus? = nil
    ) {
        self.projectID = projectID
        self.milestoneID = milestoneID
        self.name = name
        self.baselineDate = baselineDate
        self.forecastDate = forecastDate
        self.actualDate = actualDate
        self.status = status
    }
}

/// One benefit's realisation this period.
public struct BenefitRecord: Sendable, Equatable {
    public var projectID: String
    public var benefitID: String
    /// The benefit's description.
    public var name: String
    public var category: BenefitCategory?
    /// Nil when never measured (or the target equals the baseline).
    public var realisationPct: Double?

    public init(
        projectID: String, benefitID: String, name: String, category: BenefitCategory? = nil,
        realisationPct: Double? = nil
    ) {
        self.projectID = projectID
        self.benefitID = benefitID
        self.name = name
        self.category = category
        self.realisationPct = realisationPct
    }
}

/// How many times one rule failed for one project, with one severity, waived or not.
public struct FindingRecord: Sendable, Equatable {
    public var ruleID: String
    /// Nil for portfolio-wide rules.
    public var projectID: String?
    public var severity: Severity
    /// True when an approved, unexpired waiver covered the failures.
    public var waived: Bool
    public var count: Int

    public init(ruleID: String, projectID: String? = nil, severity: Severity, waived: Bool = false, count: Int) {
        self.ruleID = ruleID
        self.projectID = projectID
        self.severity = severity
        self.waived = waived
        self.count = count
    }
}

/// One file of the published packs.
public struct PackFileRecord: Sendable, Equatable {
    /// Relative to the period's output folder.
    public var path: String
    public var sha256: String
    public var bytes: Int

    public init(path: String, sha256: String, bytes: Int) {
        self.path = path
        self.sha256 = sha256
        self.bytes = bytes
    }
}

/// One line of `HistoryStore.runs()`: a run's identity, its counts and the portfolio figures.
public struct RunInfo: Sendable, Equatable {
    public var period: Period
    public var govpackVersion: String
    public var inputDigest: String
    public var inputs: Int
    public var quarantinedInputs: Int
    public var projects: Int
    /// Sum of the finding counts, waived ones included.
    public var findings: Int
    public var packFiles: Int
    public var portfolio: FigureRecord

    public init(
        period: Period, govpackVersion: String, inputDigest: String, inputs: Int, quarantinedInputs: Int,
        projects: Int, findings: Int, packFiles: Int, portfolio: FigureRecord
    ) {
        self.period = period
        self.govpackVersion = govpackVersion
        self.inputDigest = inputDigest
        self.inputs = inputs
        self.quarantinedInputs = quarantinedInputs
        self.projects = projects
        self.findings = findings
        self.packFiles = packFiles
        self.portfolio = portfolio
    }
}
