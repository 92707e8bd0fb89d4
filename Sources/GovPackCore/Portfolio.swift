/// Everything one run read: the rows of every entity, kept in input order, and the file table
/// their origins point into.
public struct Portfolio: Sendable {
    public var files = SourceFiles()
    public var programs: [Program] = []
    public var people: [Person] = []
    public var certifications: [Certification] = []
    public var projects: [Project] = []
    public var financials: [Financial] = []
    public var milestones: [Milestone] = []
    public var stageGates: [StageGate] = []
    public var risks: [Risk] = []
    public var issues: [Issue] = []
    public var assignments: [Assignment] = []
    public var benefits: [Benefit] = []
    public var benefitMeasurements: [BenefitMeasurement] = []
    public var dependencies: [Dependency] = []
    public var changeImpacts: [ChangeImpact] = []
    public var lessons: [Lesson] = []

    public init() {}

    /// The full location of a row, naming its XML element when it came from XML.
    public func location<R: EntityRow>(of row: R) -> SourceLocation {
        files.location(row.origin, element: R.entity.xmlElement)
    }

    /// Row counts by entity, for summaries.
    public var counts: [(Entity, Int)] {
        [
            (.programs, programs.count), (.people, people.count), (.certifications, certifications.count),
            (.projects, projects.count), (.financials, financials.count), (.milestones, milestones.count),
            (.stageGates, stageGates.count), (.risks, risks.count), (.issues, issues.count),
            (.assignments, assignments.count), (.benefits, benefits.count),
            (.benefitMeasurements, benefitMeasurements.count), (.dependencies, dependencies.count),
            (.changeImpacts, changeImpacts.count), (.lessons, lessons.count),
        ]
    }
}
