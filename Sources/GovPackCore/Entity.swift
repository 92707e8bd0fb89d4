/// The entities of the submission contract (`submission-format.md`), by their CSV file stem.
public enum Entity: String, Sendable, CaseIterable, Comparable {
    case programs
    case people
    case certifications
    case projects
    case financials
    case milestones
    case stageGates = "stage_gates"
    case risks
    case issues
    case assignments
    case benefits
    case benefitMeasurements = "benefit_measurements"
    case dependencies
    case changeImpacts = "change_impacts"
    case lessons

    /// The CSV file name that carries this entity: `<entity>.csv`.
    public var fileName: String { rawValue + ".csv" }

    /// The element name in a `urn:govpack:submission:1` document.
    public var xmlElement: String {
        switch self {
        case .programs: "program"
        case .people: "person"
        case .certifications: "certification"
        case .projects: "project"
        case .financials: "financials"
        case .milestones: "milestone"
        case .stageGates: "stage_gate"
        case .risks: "risk"
        case .issues: "issue"
        case .assignments: "assignment"
        case .benefits: "benefit"
        case .benefitMeasurements: "benefit_measurement"
        case .dependencies: "dependency"
        case .changeImpacts: "change_impact"
        case .lessons: "lesson"
        }
    }

    /// Recognises a CSV file by its name (case-insensitive): `Risks.CSV` is `risks`.
    public init?(fileName: String) {
        let lower = fileName.lowercased()
        guard lower.hasSuffix(".csv") else { return nil }
        self.init(rawValue: String(lower.dropLast(4)))
    }

    public init?(xmlElement: String) {
        guard let e = Entity.allCases.first(where: { $0.xmlElement == xmlElement }) else { return nil }
        self = e
    }

    public static func < (a: Entity, b: Entity) -> Bool { a.rawValue < b.rawValue }

    /// The contract's column names and types, without needing the row type.
    public var columnSummaries: [(name: String, type: FieldType, required: Bool)] {
        func s<R: EntityRow>(_: R.Type) -> [(name: String, type: FieldType, required: Bool)] {
            R.columns.map { ($0.name, $0.type, $0.required) }
        }
        switch self {
        case .programs: return s(Program.self)
        case .people: return s(Person.self)
        case .certifications: return s(Certification.self)
        case .projects: return s(Project.self)
        case .financials: return s(Financial.self)
        case .milestones: return s(Milestone.self)
        case .stageGates: return s(StageGate.self)
        case .risks: return s(Risk.self)
        case .issues: return s(Issue.self)
        case .assignments: return s(Assignment.self)
        case .benefits: return s(Benefit.self)
        case .benefitMeasurements: return s(BenefitMeasurement.self)
        case .dependencies: return s(Dependency.self)
        case .changeImpacts: return s(ChangeImpact.self)
        case .lessons: return s(Lesson.self)
        }
    }
}
