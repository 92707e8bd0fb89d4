import Foundation

/// `projects.csv`: one project's status as its team reports it.
public struct Project: EntityRow, Hashable {
    public var projectID = ""
    public var name = ""
    public var programID: String?
    public var businessUnit: String?
    public var sponsor: String?
    /// A `person_id`.
    public var manager: String?
    public var stage = Stage.initiation
    public var methodology: Methodology?
    public var startDate = Day(daysSinceEpoch: 0)
    public var baselineEndDate = Day(daysSinceEpoch: 0)
    public var forecastEndDate: Day?
    /// Budget at completion (BAC).
    public var budget = Decimal(0)
    /// ISO 4217; when missing the run's configured currency applies.
    public var currency: String?
    public var ragOverall = RAG.green
    public var ragSchedule: RAG?
    public var ragCost: RAG?
    public var ragScope: RAG?
    public var percentComplete: Decimal?
    public var strategicScore: Int?
    /// 1 = highest.
    public var priority: Int?
    public var statusSummary: String?
    public var lastUpdated = Day(daysSinceEpoch: 0)
    public var origin = Origin(file: 0, line: 0)
    public var extras: [ExtraField] = []

    public init() {}
    public static let entity = Entity.projects
    public static let keyColumns = ["project_id"]
    public var key: RowKey { RowKey(projectID) }
    public var owningProject: String? { projectID }
    public static let columns: [Column<Project>] = [
        .text("project_id", required: true, { $0.projectID }, { $0.projectID = $1 }),
        .text("name", required: true, { $0.name }, { $0.name = $1 }),
        .text("program_id", { $0.programID }, { $0.programID = $1 }),
        .text("business_unit", { $0.businessUnit }, { $0.businessUnit = $1 }),
        .text("sponsor", { $0.sponsor }, { $0.sponsor = $1 }),
        .text("manager", { $0.manager }, { $0.manager = $1 }),
        .choice("stage", required: true, { $0.stage }, { $0.stage = $1 }),
        .choice("methodology", { $0.methodology }, { $0.methodology = $1 }),
        .date("start_date", required: true, { $0.startDate }, { $0.startDate = $1 }),
        .date("baseline_end_date", required: true, { $0.baselineEndDate }, { $0.baselineEndDate = $1 }),
        .date("forecast_end_date", { $0.forecastEndDate }, { $0.forecastEndDate = $1 }),
        .decimal("budget", required: true, { $0.budget }, { $0.budget = $1 }),
        .text("currency", { $0.currency }, { $0.currency = $1 }),
        .rag("rag_overall", required: true, { $0.ragOverall }, { $0.ragOverall = $1 }),
        .rag("rag_schedule", { $0.ragSchedule }, { $0.ragSchedule = $1 }),
        .rag("rag_cost", { $0.ragCost }, { $0.ragCost = $1 }),
        .rag("rag_scope", { $0.ragScope }, { $0.ragScope = $1 }),
        .decimal("percent_complete", range: 0...100, { $0.percentComplete }, { $0.percentComplete = $1 }),
        .int("strategic_score", range: 0...100, { $0.strategicScore }, { $0.strategicScore = $1 }),
        .int("priority", range: 1...1_000_000, { $0.priority }, { $0.priority = $1 }),
        .text("status_summary", { $0.statusSummary }, { $0.statusSummary = $1 }),
        .date("last_updated", required: true, { $0.lastUpdated }, { $0.lastUpdated = $1 }),
    ]
}
