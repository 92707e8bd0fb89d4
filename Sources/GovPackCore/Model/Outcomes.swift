import Foundation

/// `benefits.csv`: a benefit promised by the business case.
public struct Benefit: EntityRow, Hashable {
    public var projectID = ""
    public var benefitID = ""
    public var description = ""
    public var category: BenefitCategory?
    /// The unit the benefit is measured in.
    public var measure: String?
    public var baselineValue = Decimal(0)
    public var targetValue = Decimal(0)
    public var targetDate = Day(daysSinceEpoch: 0)
    public var owner: String?
    public var origin = Origin(file: 0, line: 0)
    public var extras: [ExtraField] = []

    public init() {}
    public static let entity = Entity.benefits
    public static let keyColumns = ["project_id", "benefit_id"]
    public var key: RowKey { RowKey(projectID, benefitID) }
    public var owningProject: String? { projectID }
    public static let columns: [Column<Benefit>] = [
        .text("project_id", required: true, { $0.projectID }, { $0.projectID = $1 }),
        .text("benefit_id", required: true, { $0.benefitID }, { $0.benefitID = $1 }),
        .text("description", required: true, { $0.description }, { $0.description = $1 }),
        .choice("category", { $0.category }, { $0.category = $1 }),
        .text("measure", { $0.measure }, { $0.measure = $1 }),
        .decimal("baseline_value", required: true, { $0.baselineValue }, { $0.baselineValue = $1 }),
        .decimal("target_value", required: true, { $0.targetValue }, { $0.targetValue = $1 }),
        .date("target_date", required: true, { $0.targetDate }, { $0.targetDate = $1 }),
        .text("owner", { $0.owner }, { $0.owner = $1 }),
    ]
}

/// `benefit_measurements.csv`: one measured value of a benefit.
public struct BenefitMeasurement: EntityRow, Hashable {
    public var benefitID = ""
    public var projectID = ""
    public var measuredOn = Day(daysSinceEpoch: 0)
    public var actualValue = Decimal(0)
    public var origin = Origin(file: 0, line: 0)
    public var extras: [ExtraField] = []

    public init() {}
    public static let entity = Entity.benefitMeasurements
    public static let keyColumns = ["project_id", "benefit_id", "measured_on"]
    public var key: RowKey { RowKey(projectID, benefitID, Int64(measuredOn.daysSinceEpoch)) }
    public var owningProject: String? { projectID }
    public static let columns: [Column<BenefitMeasurement>] = [
        .text("benefit_id", required: true, { $0.benefitID }, { $0.benefitID = $1 }),
        .text("project_id", required: true, { $0.projectID }, { $0.projectID = $1 }),
        .date("measured_on", required: true, { $0.measuredOn }, { $0.measuredOn = $1 }),
        .decimal("actual_value", required: true, { $0.actualValue }, { $0.actualValue = $1 }),
    ]
}

/// `dependencies.csv`: project `from` needs something from project `to`.
public struct Dependency: EntityRow, Hashable {
    public var fromProjectID = ""
    public var toProjectID = ""
    public var description: String?
    public var neededBy: Day?
    public var status: DependencyStatus?
    public var origin = Origin(file: 0, line: 0)
    public var extras: [ExtraField] = []

    public init() {}
    public static let entity = Entity.dependencies
    public static let keyColumns = ["from_project_id", "to_project_id"]
    public var key: RowKey { RowKey(fromProjectID, toProjectID) }
    public var owningProject: String? { fromProjectID }
    public static let columns: [Column<Dependency>] = [
        .text("from_project_id", required: true, { $0.fromProjectID }, { $0.fromProjectID = $1 }),
        .text("to_project_id", required: true, { $0.toProjectID }, { $0.toProjectID = $1 }),
        .text("description", { $0.description }, { $0.description = $1 }),
        .date("needed_by", { $0.neededBy }, { $0.neededBy = $1 }),
        .choice("status", { $0.status }, { $0.status = $1 }),
    ]
}

/// `change_impacts.csv`: how a stakeholder group is affected and adopting.
public struct ChangeImpact: EntityRow, Hashable {
    public var projectID = ""
    public var stakeholderGroup = ""
    public var impactLevel: ImpactLevel?
    public var trainingCompletion: Decimal?
    public var adoptionTarget: Decimal?
    public var adoptionActual: Decimal?
    public var measuredOn: Day?
    public var origin = Origin(file: 0, line: 0)
    public var extras: [ExtraField] = []

    public init() {}
    public static let entity = Entity.changeImpacts
    public static let keyColumns = ["project_id", "stakeholder_group", "measured_on"]
    public var key: RowKey { RowKey(projectID, stakeholderGroup, measuredOn.map { Int64($0.daysSinceEpoch) } ?? Int64.min) }
    public var owningProject: String? { projectID }
    public static let columns: [Column<ChangeImpact>] = [
        .text("project_id", required: true, { $0.projectID }, { $0.projectID = $1 }),
        .text("stakeholder_group", required: true, { $0.stakeholderGroup }, { $0.stakeholderGroup = $1 }),
        .choice("impact_level", { $0.impactLevel }, { $0.impactLevel = $1 }),
        .decimal("training_completion", range: 0...100, { $0.trainingCompletion }, { $0.trainingCompletion = $1 }),
        .decimal("adoption_target", range: 0...100, { $0.adoptionTarget }, { $0.adoptionTarget = $1 }),
        .decimal("adoption_actual", range: 0...100, { $0.adoptionActual }, { $0.adoptionActual = $1 }),
        .date("measured_on", { $0.measuredOn }, { $0.measuredOn = $1 }),
    ]
}

/// `lessons.csv`: a lesson learned.
public struct Lesson: EntityRow, Hashable {
    public var projectID = ""
    public var lessonID = ""
    public var recordedOn: Day?
    public var category: String?
    public var description = ""
    public var recommendation: String?
    public var origin = Origin(file: 0, line: 0)
    public var extras: [ExtraField] = []

    public init() {}
    public static let entity = Entity.lessons
    public static let keyColumns = ["project_id", "lesson_id"]
    public var key: RowKey { RowKey(projectID, lessonID) }
    public var owningProject: String? { projectID }
    public static let columns: [Column<Lesson>] = [
        .text("project_id", required: true, { $0.projectID }, { $0.projectID = $1 }),
        .text("lesson_id", required: true, { $0.lessonID }, { $0.lessonID = $1 }),
        .date("recorded_on", { $0.recordedOn }, { $0.recordedOn = $1 }),
        .text("category", { $0.category }, { $0.category = $1 }),
        .text("description", required: true, { $0.description }, { $0.description = $1 }),
        .text("recommendation", { $0.recommendation }, { $0.recommendation = $1 }),
    ]
}
