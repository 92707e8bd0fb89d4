import Dispatch
import Foundation
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
    /// By project and by person, built on first use: the default pack never reads them, and
    /// grouping millions of assignment rows twice cost a third of a second at 20k projects.
    var assignments: [String: [Int]] { lazyAssignments.value }
    var assignmentsByPerson: [String: [Int]] { lazyAssignmentsByPerson.value }
    private let lazyAssignments: LazyTable<[String: [Int]]>
    private let lazyAssignmentsByPerson: LazyTable<[String: [Int]]>
    let benefits: [String: [Int]]
    let measurements: [String: [Int]]
    let measurementsByBenefit: [RowKey: [Int]]
    let changeImpacts: [String: [Int]]
    let lessons: [String: [Int]]
    let dependenciesFrom: [String: [Int]]
    let dependenciesTo: [String: [Int]]
    let certificationsByPerson: [String: [Int]]

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
        // Rows come in runs of one key (a team's file lists one project after another), so a run
        // is gathered with an equality test and hashed once, not once per row.
        func group<R, K: Hashable>(_ rows: [R], _ key: (R) -> K?) -> [K: [Int]] {
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
        // The tables are independent: built on every core, each by one thread, so each is the
        // same whatever the number of threads.
        let tasks: [() -> Any] = [
            { first(p.projects) { $0.projectID } },
            { first(p.programs) { $0.programID } },
            { first(p.people) { $0.personID } },
            { group(p.projects) { $0.programID } },
            { group(p.risks) { $0.projectID } },
            { group(p.issues) { $0.projectID } },
            { group(p.milestones) { $0.projectID } },
            { group(p.stageGates) { $0.projectID } },
            { group(p.financials) { $0.projectID } },
            { [String: [Int]]() },  // assignments by project: lazy
            { group(p.benefits) { $0.projectID } },
            { group(p.benefitMeasurements) { $0.projectID } },
            { group(p.benefitMeasurements) { RowKey($0.projectID, $0.benefitID) } },
            { group(p.changeImpacts) { $0.projectID } },
            { group(p.lessons) { $0.projectID } },
            { group(p.dependencies) { $0.fromProjectID } },
            { group(p.dependencies) { $0.toProjectID } },
            { group(p.certifications) { $0.personID } },
            { [String: [Int]]() },  // assignments by person: lazy
        ]
        var built = [Any?](repeating: nil, count: tasks.count)
        built.withUnsafeMutableBufferPointer { slots in
            let out = IndexSlots(slots)
            DispatchQueue.concurrentPerform(iterations: tasks.count) { i in out.buffer[i] = tasks[i]() }
        }
        func take<T>(_ i: Int) -> T {
            guard let t = built[i] as? T else { preconditionFailure("RuleIndex: table \(i) has the wrong type") }
            return t
        }
        projectByID = take(0)
        programByID = take(1)
        personByID = take(2)
        projectsByProgram = take(3)
        risks = take(4)
        issues = take(5)
        milestones = take(6)
        stageGates = take(7)
        financials = take(8)
        lazyAssignments = LazyTable { group(p.assignments) { $0.projectID } }
        benefits = take(10)
        measurements = take(11)
        measurementsByBenefit = take(12)
        changeImpacts = take(13)
        lessons = take(14)
        dependenciesFrom = take(15)
        dependenciesTo = take(16)
        certificationsByPerson = take(17)
        lazyAssignmentsByPerson = LazyTable { group(p.assignments) { $0.personID } }
    }

    func project(_ id: String) -> Project? { projectByID[id].map { portfolio.projects[$0] } }
    func program(_ id: String?) -> Program? { id.flatMap { programByID[$0] }.map { portfolio.programs[$0] } }
    func person(_ id: String?) -> Person? { id.flatMap { personByID[$0] }.map { portfolio.people[$0] } }
}

/// Lets each concurrent iteration write its own slot.
private struct IndexSlots: @unchecked Sendable {
    let buffer: UnsafeMutableBufferPointer<Any?>
    init(_ b: UnsafeMutableBufferPointer<Any?>) { buffer = b }
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
