import Foundation

/// `financials.csv`: one period's earned-value amounts (not cumulative).
public struct Financial: EntityRow, Hashable {
    public var projectID = ""
    public var period = Period(index: 0)
    public var plannedValue = Decimal(0)
    public var earnedValue = Decimal(0)
    public var actualCost = Decimal(0)
    /// The team's own estimate at completion.
    public var forecastAtCompletion: Decimal?
    public var origin = Origin(file: 0, line: 0)
    public var extras: [ExtraField] = []

    public init() {}
    public static let entity = Entity.financials
    public static let keyColumns = ["project_id", "period"]
    public var key: RowKey { RowKey(projectID, "", Int64(period.index)) }
    public var owningProject: String? { projectID }
    public static let columns: [Column<Financial>] = [
        .text("project_id", required: true, { $0.projectID }, { $0.projectID = $1 }),
        .period("period", required: true, { $0.period }, { $0.period = $1 }),
        .decimal("planned_value", required: true, { $0.plannedValue }, { $0.plannedValue = $1 }),
        .decimal("earned_value", required: true, { $0.earnedValue }, { $0.earnedValue = $1 }),
        .decimal("actual_cost", required: true, { $0.actualCost }, { $0.actualCost = $1 }),
        .decimal("forecast_at_completion", { $0.forecastAtCompletion }, { $0.forecastAtCompletion = $1 }),
    ]
}

/// `milestones.csv`.
public struct Milestone: EntityRow, Hashable {
    public var projectID = ""
    public var milestoneID = ""
    public var name = ""
    public var baselineDate = Day(daysSinceEpoch: 0)
    public var forecastDate: Day?
    public var actualDate: Day?
    public var status: MilestoneStatus?
    public var origin = Origin(file: 0, line: 0)
    public var extras: [ExtraField] = []

    public init() {}
    public static let entity = Entity.milestones
    public static let keyColumns = ["project_id", "milestone_id"]
    public var key: RowKey { RowKey(projectID, milestoneID) }
    public var owningProject: String? { projectID }
    public static let columns: [Column<Milestone>] = [
        .text("project_id", required: true, { $0.projectID }, { $0.projectID = $1 }),
        .text("milestone_id", required: true, { $0.milestoneID }, { $0.milestoneID = $1 }),
        .text("name", required: true, { $0.name }, { $0.name = $1 }),
        .date("baseline_date", required: true, { $0.baselineDate }, { $0.baselineDate = $1 }),
        .date("forecast_date", { $0.forecastDate }, { $0.forecastDate = $1 }),
        .date("actual_date", { $0.actualDate }, { $0.actualDate = $1 }),
        .choice("status", { $0.status }, { $0.status = $1 }),
    ]
}

/// `stage_gates.csv`.
public struct StageGate: EntityRow, Hashable {
    public var projectID = ""
    public var gate = Gate.g0
    public var plannedDate = Day(daysSinceEpoch: 0)
    public var reviewDate: Day?
    public var decision: GateDecision?
    public var approver: String?
    public var origin = Origin(file: 0, line: 0)
    public var extras: [ExtraField] = []

    public init() {}
    public static let entity = Entity.stageGates
    public static let keyColumns = ["project_id", "gate"]
    public var key: RowKey { RowKey(projectID, gate.rawValue) }
    public var owningProject: String? { projectID }
    public static let columns: [Column<StageGate>] = [
        .text("project_id", required: true, { $0.projectID }, { $0.projectID = $1 }),
        .choice("gate", required: true, { $0.gate }, { $0.gate = $1 }),
        .date("planned_date", required: true, { $0.plannedDate }, { $0.plannedDate = $1 }),
        .date("review_date", { $0.reviewDate }, { $0.reviewDate = $1 }),
        .choice("decision", { $0.decision }, { $0.decision = $1 }),
        .text("approver", { $0.approver }, { $0.approver = $1 }),
    ]
}

/// `risks.csv`.
public struct Risk: EntityRow, Hashable {
    public var projectID = ""
    public var riskID = ""
    public var title = ""
    public var category: RiskCategory?
    public var probability = 1
    public var impact = 1
    /// A `person_id` or free text.
    public var owner: String?
    public var response: RiskResponse?
    public var responsePlan: String?
    public var status = OpenClosed.open
    public var raisedDate: Day?
    public var reviewDate: Day?
    public var escalated: Bool?
    public var origin = Origin(file: 0, line: 0)
    public var extras: [ExtraField] = []

    public init() {}
    public static let entity = Entity.risks
    public static let keyColumns = ["project_id", "risk_id"]
    public var key: RowKey { RowKey(projectID, riskID) }
    public var owningProject: String? { projectID }
    /// Probability x impact, 1-25.
    public var score: Int { probability * impact }
    public static let columns: [Column<Risk>] = [
        .text("project_id", required: true, { $0.projectID }, { $0.projectID = $1 }),
        .text("risk_id", required: true, { $0.riskID }, { $0.riskID = $1 }),
        .text("title", required: true, { $0.title }, { $0.title = $1 }),
        .choice("category", { $0.category }, { $0.category = $1 }),
        .int("probability", required: true, range: 1...5, { $0.probability }, { $0.probability = $1 }),
        .int("impact", required: true, range: 1...5, { $0.impact }, { $0.impact = $1 }),
        .text("owner", { $0.owner }, { $0.owner = $1 }),
        .choice("response", { $0.response }, { $0.response = $1 }),
        .text("response_plan", { $0.responsePlan }, { $0.responsePlan = $1 }),
        .choice("status", required: true, { $0.status }, { $0.status = $1 }),
        .date("raised_date", { $0.raisedDate }, { $0.raisedDate = $1 }),
        .date("review_date", { $0.reviewDate }, { $0.reviewDate = $1 }),
        .bool("escalated", { $0.escalated }, { $0.escalated = $1 }),
    ]
}

/// `issues.csv`.
public struct Issue: EntityRow, Hashable {
    public var projectID = ""
    public var issueID = ""
    public var title = ""
    public var priority: IssuePriority?
    public var owner: String?
    public var raisedDate: Day?
    public var dueDate: Day?
    public var status: OpenClosed?
    public var escalated: Bool?
    public var origin = Origin(file: 0, line: 0)
    public var extras: [ExtraField] = []

    public init() {}
    public static let entity = Entity.issues
    public static let keyColumns = ["project_id", "issue_id"]
    public var key: RowKey { RowKey(projectID, issueID) }
    public var owningProject: String? { projectID }
    public static let columns: [Column<Issue>] = [
        .text("project_id", required: true, { $0.projectID }, { $0.projectID = $1 }),
        .text("issue_id", required: true, { $0.issueID }, { $0.issueID = $1 }),
        .text("title", required: true, { $0.title }, { $0.title = $1 }),
        .choice("priority", { $0.priority }, { $0.priority = $1 }),
        .text("owner", { $0.owner }, { $0.owner = $1 }),
        .date("raised_date", { $0.raisedDate }, { $0.raisedDate = $1 }),
        .date("due_date", { $0.dueDate }, { $0.dueDate = $1 }),
        .choice("status", { $0.status }, { $0.status = $1 }),
        .bool("escalated", { $0.escalated }, { $0.escalated = $1 }),
    ]
}

/// `assignments.csv`: a person's planned and actual hours on a project in a period.
public struct Assignment: EntityRow, Hashable {
    public var projectID = ""
    public var personID = ""
    public var period = Period(index: 0)
    public var plannedHours = Decimal(0)
    public var actualHours: Decimal?
    public var origin = Origin(file: 0, line: 0)
    public var extras: [ExtraField] = []

    public init() {}
    public static let entity = Entity.assignments
    public static let keyColumns = ["project_id", "person_id", "period"]
    public var key: RowKey { RowKey(projectID, personID, Int64(period.index)) }
    public var owningProject: String? { projectID }
    public static let columns: [Column<Assignment>] = [
        .text("project_id", required: true, { $0.projectID }, { $0.projectID = $1 }),
        .text("person_id", required: true, { $0.personID }, { $0.personID = $1 }),
        .period("period", required: true, { $0.period }, { $0.period = $1 }),
        .decimal("planned_hours", required: true, range: 0...100_000, { $0.plannedHours }, { $0.plannedHours = $1 }),
        .decimal("actual_hours", range: 0...100_000, { $0.actualHours }, { $0.actualHours = $1 }),
    ]
}
