import GovPackCore

/// The portfolio as rules see it: rows grouped by project and by person once per run, so that
/// `project.risks` and `risk.project` cost a lookup, not a scan.
public final class RuleIndex {
    public let portfolio: Portfolio
    /// The file table, kept apart so that locating a row never copies the portfolio.
    let files: SourceFiles
    public let period: Period
    public let figures: [String: ProjectFigures]

    let projectByID: [String: Int]
    let programByID: [String: Int]
    let personByID: [String: Int]
    let projectsByProgram: [String: [Int]]
    let risks: [String: [Int]]
    let issues: [String: [Int]]
    let milestones: [String: [Int]]
    let stageGates: [String: [Int]]
    let financials: [String: [Int]]
    let assignments: [String: [Int]]
    let benefits: [String: [Int]]
    let measurements: [String: [Int]]
    let measurementsByBenefit: [RowKey: [Int]]
    let changeImpacts: [String: [Int]]
    let lessons: [String: [Int]]
    let dependenciesFrom: [String: [Int]]
    let dependenciesTo: [String: [Int]]
    let certificationsByPerson: [String: [Int]]
    let assignmentsByPerson: [String: [Int]]

    public init(portfolio p: Portfolio, period: Period, figures: [String: ProjectFigures] = [:]) {
        portfolio = p
        files = p.files
        self.period = period
        self.figures = figures
        func first<R>(_ rows: [R], _ key: (R) -> String) -> [String: Int] {
            var d: [String: Int] = [:]
            for (i, r) in rows.enumerated() where d[key(r)] == nil { d[key(r)] = i }
            return d
        }
        func group<R, K: Hashable>(_ rows: [R], _ key: (R) -> K?) -> [K: [Int]] {
            var d: [K: [Int]] = [:]
            for (i, r) in rows.enumerated() { if let k = key(r) { d[k, default: []].append(i) } }
            return d
        }
        projectByID = first(p.projects) { $0.projectID }
        programByID = first(p.programs) { $0.programID }
        personByID = first(p.people) { $0.personID }
        projectsByProgram = group(p.projects) { $0.programID }
        risks = group(p.risks) { $0.projectID }
        issues = group(p.issues) { $0.projectID }
        milestones = group(p.milestones) { $0.projectID }
        stageGates = group(p.stageGates) { $0.projectID }
        financials = group(p.financials) { $0.projectID }
        assignments = group(p.assignments) { $0.projectID }
        benefits = group(p.benefits) { $0.projectID }
        measurements = group(p.benefitMeasurements) { $0.projectID }
        measurementsByBenefit = group(p.benefitMeasurements) { RowKey($0.projectID, $0.benefitID) }
        changeImpacts = group(p.changeImpacts) { $0.projectID }
        lessons = group(p.lessons) { $0.projectID }
        dependenciesFrom = group(p.dependencies) { $0.fromProjectID }
        dependenciesTo = group(p.dependencies) { $0.toProjectID }
        certificationsByPerson = group(p.certifications) { $0.personID }
        assignmentsByPerson = group(p.assignments) { $0.personID }
    }

    func project(_ id: String) -> Project? { projectByID[id].map { portfolio.projects[$0] } }
    func program(_ id: String?) -> Program? { id.flatMap { programByID[$0] }.map { portfolio.programs[$0] } }
    func person(_ id: String?) -> Person? { id.flatMap { personByID[$0] }.map { portfolio.people[$0] } }
}
