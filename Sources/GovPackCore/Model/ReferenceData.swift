import Foundation

/// `programs.csv`: a programme of related projects.
public struct Program: EntityRow, Hashable {
    public var programID = ""
    public var name = ""
    public var sponsor: String?
    public var manager: String?
    public var objective: String?
    public var origin = Origin(file: 0, line: 0)
    public var extras: [ExtraField] = []

    public init() {}
    public static let entity = Entity.programs
    public static let keyColumns = ["program_id"]
    public var key: RowKey { RowKey(programID) }
    public var owningProject: String? { nil }
    public static let columns: [Column<Program>] = [
        .text("program_id", required: true, { $0.programID }, { $0.programID = $1 }),
        .text("name", required: true, { $0.name }, { $0.name = $1 }),
        .text("sponsor", { $0.sponsor }, { $0.sponsor = $1 }),
        .text("manager", { $0.manager }, { $0.manager = $1 }),
        .text("objective", { $0.objective }, { $0.objective = $1 }),
    ]
}

/// `people.csv`: a person who can manage projects or be assigned to them.
public struct Person: EntityRow, Hashable {
    public var personID = ""
    public var name = ""
    public var role: String?
    public var department: String?
    /// `;`-separated, as in the contract; see `skillList`.
    public var skills: String?
    /// Hours per month; the contract's default (140) is applied by the metrics, not here.
    public var capacityHours: Decimal?
    public var origin = Origin(file: 0, line: 0)
    public var extras: [ExtraField] = []

    public init() {}
    public static let entity = Entity.people
    public static let keyColumns = ["person_id"]
    public var key: RowKey { RowKey(personID) }
    public var owningProject: String? { nil }
    public var skillList: [String] {
        (skills ?? "").split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }
    public static let columns: [Column<Person>] = [
        .text("person_id", required: true, { $0.personID }, { $0.personID = $1 }),
        .text("name", required: true, { $0.name }, { $0.name = $1 }),
        .text("role", { $0.role }, { $0.role = $1 }),
        .text("department", { $0.department }, { $0.department = $1 }),
        .text("skills", { $0.skills }, { $0.skills = $1 }),
        .decimal("capacity_hours", range: 0...10_000, { $0.capacityHours }, { $0.capacityHours = $1 }),
    ]
}

/// `certifications.csv`: a professional certification a person holds.
public struct Certification: EntityRow, Hashable {
    public var personID = ""
    public var certification = ""
    public var obtainedDate: Day?
    public var expiryDate: Day?
    public var origin = Origin(file: 0, line: 0)
    public var extras: [ExtraField] = []

    public init() {}
    public static let entity = Entity.certifications
    public static let keyColumns = ["person_id", "certification"]
    public var key: RowKey { RowKey(personID, certification) }
    public var owningProject: String? { nil }
    public static let columns: [Column<Certification>] = [
        .text("person_id", required: true, { $0.personID }, { $0.personID = $1 }),
        .text("certification", required: true, { $0.certification }, { $0.certification = $1 }),
        .date("obtained_date", { $0.obtainedDate }, { $0.obtainedDate = $1 }),
        .date("expiry_date", { $0.expiryDate }, { $0.expiryDate = $1 }),
    ]
}
