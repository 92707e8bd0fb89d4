import Foundation
import GovPackCore

/// The portfolio as rules see it: rows grouped by project and by person, so that
/// `project.risks` and `risk.project` cost a lookup, not a scan.
///
/// Each table is built the first time a rule reads it (by that thread; others wait): a pack
/// reads a few relations, and building all of them up front cost a quarter of a second at 20k
/// projects (two over the millions of assignments). Building does not depend on which thread
/// builds, so neither do the results.
public final class RuleIndex {
    public let portfolio: Portfolio
    /// The file table, kept apart so that locating a row never copies the portfolio.
    let files: SourceFiles
    public let period: Period
    public let figures: [String: ProjectFigures]

    var projectByID: [String: Int] { tables.projectByID.value }
    var programByID: [String: Int] { tables.programByID.value }
    var personByID: [String: Int] { tables.personByID.value }
    var projectsByProgram: [String: [Int]] { tables.projectsByProgram.value }
    var risks: [String: [Int]] { tables.risks.value }
    var issues: [String: [Int]] { tables.issues.value }
    var milestones: [String: [Int]] { tables.milestones.value }
    var stageGates: [String: [Int]] { tables.stageGates.value }
    var financials: [String: [Int]] { tables.financials.value }
    var assignments: [String: [Int]] { tables.assignments.value }
    var assignmentsByPerson: [String: [Int]] { tables.assignmentsByPerson.value }
    var benefits: [String: [Int]] { tables.benefits.value }
    var measurements: [String: [Int]] { tables.measurements.value }
    var measurementsByBenefit: [RowKey: [Int]] { tables.measurementsByBenefit.value }
    var changeImpacts: [String: [Int]] { tables.changeImpacts.value }
    var lessons: [String: [Int]] { tables.lessons.value }
    var dependenciesFrom: [String: [Int]] { tables.dependenciesFrom.value }
    var dependenciesTo: [String: [Int]] { tables.dependenciesTo.value }
    var certificationsByPerson: [String: [Int]] { tables.certificationsByPerson.value }

    private let tables: Tables

    private struct Tables {
        let projectByID, programByID, personByID: LazyTable<[String: Int]>
        let projectsByProgram, risks, issues, milestones, stageGates, financials: LazyTable<[String: [Int]]>
        let assignments, assignmentsByPerson, benefits, measurements: LazyTable<[String: [Int]]>
        let measurementsByBenefit: LazyTable<[RowKey: [Int]]>
        let changeImpacts, lessons, dependenciesFrom, dependenciesTo, certificationsByPerson: LazyTable<[String: [Int]]>
    }

    public init(portfolio p: Portfolio, period: Period, figures: [String: ProjectFigures] = [:]) {
        portfolio = p
        files = p.files
        self.period = period
        self.figures = figures
        func first<R>(_ rows: [R], _ key: @escaping (R) -> String) -> LazyTable<[String: Int]> {
            LazyTable {
                var d: [String: Int] = [:]
                for (i, r) in rows.enumerated() where d[key(r)] == nil { d[key(r)] = i }
                return d
            }
        }
        // Rows come in runs of one key (a team's file lists one project after another), so a run
        // is gathered with an equality test and hashed once, not once per row.
        func group<R, K: Hashable>(_ rows: [R], _ key: @escaping (R) -> K?) -> LazyTable<[K: [Int]]> {
            LazyTable {
                var d: [K: [Int]] = [:]
                var runKey: K?
                var run: [Int] = []
                for (i, r) in rows.enumerated() {
                    guard let k = key(r) else { continue }
                    if k != runKey {
                        if let rk = runKey { d[rk, default: []].append(contentsOf: run) }
                        run.removeAll(keepingCapacity: true)
                        runKey = k
                    }
                    run.append(i)
                }
                if let rk = runKey { d[rk, default: []].append(contentsOf: run) }
                return d
            }
        }
        tables = Tables(
            projectByID: first(p.projects) { $0.projectID },
            programByID: first(p.programs) { $0.programID },
            personByID: first(p.people) { $0.personID },
            projectsByProgram: group(p.projects) { $0.programID },
            risks: group(p.risks) { $0.projectID },
            issues: group(p.issues) { $0.projectID },
            milestones: group(p.milestones) { $0.projectID },
            stageGates: group(p.stageGates) { $0.projectID },
            financials: group(p.financials) { $0.projectID },
            assignments: group(p.assignments) { $0.projectID },
            assignmentsByPerson: group(p.assignments) { $0.personID },
            benefits: group(p.benefits) { $0.projectID },
            measurements: group(p.benefitMeasurements) { $0.projectID },
            measurementsByBenefit: group(p.benefitMeasurements) { RowKey($0.projectID, $0.benefitID) },
            changeImpacts: group(p.changeImpacts) { $0.projectID },
            lessons: group(p.lessons) { $0.projectID },
            dependenciesFrom: group(p.dependencies) { $0.fromProjectID },
            dependenciesTo: group(p.dependencies) { $0.toProjectID },
            certificationsByPerson: group(p.certifications) { $0.personID })
    }

    func project(_ id: String) -> Project? { projectByID[id].map { portfolio.projects[$0] } }
    func program(_ id: String?) -> Program? { id.flatMap { programByID[$0] }.map { portfolio.programs[$0] } }
    func person(_ id: String?) -> Person? { id.flatMap { personByID[$0] }.map { portfolio.people[$0] } }
}

/// A table built by the first thread that asks for it; the others wait for it.
private final class LazyTable<T>: @unchecked Sendable {
    private let lock = NSLock()
    private var built: T?
    private let make: () -> T

    init(_ make: @escaping () -> T) { self.make = make }

    var value: T {
        lock.lock()
        defer { lock.unlock() }
        if let built { return built }
        let t = make()
        built = t
        return t
    }
}
