import Foundation
import GovPackCore

/// The checks that need every file of the run: duplicate keys across teams and references
/// between entities. Offending rows are reported and left out, as metrics-json.md settles.
public enum PortfolioIntegrity {
    /// Removes duplicates (the first row in read order wins) and rows with broken references.
    ///
    /// Each entity's rows are checked on their own (duplicates first, then references), so with
    /// `parallel` the entities are checked concurrently (the assignments, most of the work, on
    /// one core, the rest on the other). Every check writes to diagnostics of its own, appended
    /// in one fixed order afterwards: the output is the same either way.
    public static func check(
        _ p: inout Portfolio, diagnostics: DiagnosticSink, absentProjects: [String: String] = [:],
        parallel: Bool = false
    ) {
        let files = p.files
        // The reference sets hold the same ids before and after duplicates are removed (a
        // duplicate repeats a key that stays), so they are made once, up front.
        let refs = References(p, absentProjects: absentProjects)

        var tables: [any CheckedTable] = []
        // Each table's checks, made here where the row type is known, so that the compiler
        // specialises `dedupe` for it (called through the protocol, it ran unspecialised, a
        // third slower).
        var jobs: [() -> Void] = []
        func add<R: EntityRow>(_ path: WritableKeyPath<Portfolio, [R]>, _ references: @escaping (Table<R>) -> Void) {
            let t = Table<R>(path, rows: p[keyPath: path])
            p[keyPath: path] = []  // the table's array is now the only reference: edited in place
            tables.append(t)
            jobs.append {
                dedupe(&t.rows, files, t.duplicates)
                references(t)
            }
        }
        func byProject<R: EntityRow>(_ id: @escaping (UnsafePointer<R>) -> String) -> (Table<R>) -> Void {
            { t in keepKnownProject(&t.rows, id, refs, files, t.byProject) }
        }
        // In the order of the duplicate checks' diagnostics.
        add(\.programs) { _ in }
        add(\.people) { _ in }
        add(\.certifications) { t in keepKnownPerson(&t.rows, { $0.pointee.personID }, refs, files, t.byPerson) }
        add(\.projects) { t in checkProjects(t.rows, refs, files, t.byProject) }
        add(\.financials, byProject { $0.pointee.projectID })
        add(\.milestones, byProject { $0.pointee.projectID })
        add(\.stageGates, byProject { $0.pointee.projectID })
        add(\.risks, byProject { $0.pointee.projectID })
        add(\.issues, byProject { $0.pointee.projectID })
        add(\.assignments) { t in
            keepKnownProject(&t.rows, { $0.pointee.projectID }, refs, files, t.byProject)
            keepKnownPerson(&t.rows, { $0.pointee.personID }, refs, files, t.byPerson)
        }
        add(\.benefits, byProject { $0.pointee.projectID })
        add(\.benefitMeasurements) { t in
            keepKnownProject(&t.rows, { $0.pointee.projectID }, refs, files, t.byProject)
            keepKnownBenefit(&t.rows, refs, files, t.byBenefit)
        }
        add(\.dependencies) { t in keepKnownEnds(&t.rows, refs, files, t.byProject) }
        add(\.changeImpacts, byProject { $0.pointee.projectID })
        add(\.lessons, byProject { $0.pointee.projectID })

        if parallel {
            // Largest first, so that the big table does not start last.
            let order = tables.indices.sorted { tables[$0].count > tables[$1].count }
            nonisolated(unsafe) let all = jobs
            DispatchQueue.concurrentPerform(iterations: order.count) { k in all[order[k]]() }
        } else {
            for job in jobs { job() }
        }
        for t in tables { t.store(into: &p) }

        // The diagnostics, in the order of checking the whole portfolio step by step.
        var of: [Entity: any CheckedTable] = [:]
        for t in tables { of[t.entity] = t }
        func append(_ sink: DiagnosticSink?) {
            if let sink { diagnostics.append(contentsOf: sink.all) }
        }
        for t in tables { append(t.duplicates) }
        if !refs.havePeople {
            diagnostics.emit(
                "ingest.ref.no_people", .info,
                "no people.csv among the inputs: managers, assignments and certifications are not checked against known people",
                at: nil, hint: "add the PMO's reference folder (people.csv) to the inputs to check person references")
        }
        if !refs.havePrograms && p.projects.contains(where: { $0.programID != nil }) {
            diagnostics.emit(
                "ingest.ref.no_programs", .info,
                "no programs.csv among the inputs: projects' program_id values are not checked",
                at: nil, hint: "add the PMO's reference folder (programs.csv) to the inputs")
        }
        let byProjectOrder: [Entity] = [
            .projects, .financials, .milestones, .stageGates, .risks, .issues, .assignments, .benefits,
            .benefitMeasurements, .changeImpacts, .lessons, .dependencies,
        ]
        for e in byProjectOrder { append(of[e]?.byProject) }
        append(of[.assignments]?.byPerson)
        append(of[.certifications]?.byPerson)
        append(of[.benefitMeasurements]?.byBenefit)
    }

    /// What the reference checks look ids up in.
    struct References: @unchecked Sendable {
        let projectIDs: IDSet
        let programIDs: IDSet
        let personIDs: IDSet
        let benefitKeys: Set<RowKey>
        let havePeople: Bool
        let havePrograms: Bool
        let absentProjects: [String: String]

        init(_ p: Portfolio, absentProjects: [String: String]) {
            projectIDs = IDSet(p.projects.lazy.map(\.projectID))
            programIDs = IDSet(p.programs.lazy.map(\.programID))
            personIDs = IDSet(p.people.lazy.map(\.personID))
            benefitKeys = Set(p.benefits.map { RowKey($0.projectID, $0.benefitID) })
            havePeople = !p.people.isEmpty
            havePrograms = !p.programs.isEmpty
            self.absentProjects = absentProjects
        }
    }

    /// One entity's rows while they are checked, and the diagnostics of each step.
    protocol CheckedTable: AnyObject {
        var entity: Entity { get }
        var count: Int { get }
        var duplicates: DiagnosticSink { get }
        var byProject: DiagnosticSink { get }
        var byPerson: DiagnosticSink { get }
        var byBenefit: DiagnosticSink { get }
        func store(into p: inout Portfolio)
    }

    final class Table<R: EntityRow>: CheckedTable {
        let path: WritableKeyPath<Portfolio, [R]>
        var rows: [R]
        let duplicates = DiagnosticSink()
        let byProject = DiagnosticSink()
        let byPerson = DiagnosticSink()
        let byBenefit = DiagnosticSink()

        init(_ path: WritableKeyPath<Portfolio, [R]>, rows: [R]) {
            self.path = path
            self.rows = rows
        }

        var entity: Entity { R.entity }
        var count: Int { rows.count }

        func store(into p: inout Portfolio) {
            p[keyPath: path] = rows
            rows = []
        }
    }
    static func dedupe<R: EntityRow>(_ rows: inout [R], _ files: SourceFiles, _ diagnostics: DiagnosticSink) {
        // Keys whose strings are all ASCII go in a byte-hashed table (cheaper than `Hasher`, same
        // equality); otherwise a `Dictionary`, whose hashing follows `String`'s equivalence.
        // Rows are read through one buffer pointer: reading `rows[j]` in the key closures went
        // through the inout array, retaining and releasing its buffer on every key (a fifth of
        // the checks' CPU time at 20,000 projects). Nothing below changes `rows` until the
        // duplicates are removed at the end.
        var keep: [Bool] = []
        keep.reserveCapacity(rows.count)
        var dropped = 0
        rows.withUnsafeBufferPointer { rows in
            let table = RowKeyTable(count: rows.count) { rows[$0].key }
            var first: [RowKey: Int] = [:]
            if table == nil { first.reserveCapacity(rows.count) }
            for i in rows.indices {
                // One hash per row and no row copy in the common case (a new key).
                let key = rows[i].key
                let found: Int?
                if let table {
                    found = table.firstOrInsert(key, index: i) { rows[$0].key }
                } else {
                    found = first.updateValue(i, forKey: key)
                    if let j = found { first[key] = j }
                }
                guard let j = found else {
                    keep.append(true)
                    continue
                }
                let row = rows[i]
                let firstDerived = files.isDerived(rows[j].origin.file)
                let thisDerived = files.isDerived(row.origin.file)
                if firstDerived != thisDerived {
                    // A schedule export and a team's own file give the same row: the team's wins.
                    let (kept, dropped_) = thisDerived ? (j, i) : (i, j)
                    if !thisDerived {
                        keep[j] = false
                        if let table { table.replace(key, with: i) { rows[$0].key } } else { first[key] = i }
                        keep.append(true)
                    } else {
                        keep.append(false)
                    }
                    dropped += 1
                    diagnostics.emit(
                        IngestID.derivedOverridden, .info,
                        "\(R.entity.rawValue) '\(row.keyDescription)' is also in a Microsoft Project export; the row sent directly is used",
                        at: files.location(rows[kept].origin, element: R.entity.xmlElement),
                        related: [files.location(rows[dropped_].origin, element: R.entity.xmlElement)],
                        projectID: row.owningProject)
                    continue
                }
                keep.append(false)
                dropped += 1
                let columns = R.keyColumns.joined(separator: "+")
                diagnostics.emit(
                    IngestID.duplicateKey, .error,
                    "\(R.entity.rawValue) key \(columns) '\(row.keyDescription)' was already given; this row is ignored and the first one kept",
                    at: files.location(row.origin, element: R.entity.xmlElement),
                    related: [files.location(rows[j].origin, element: R.entity.xmlElement)],
                    hint: "each \(R.entity.rawValue) row must be sent by one team only; remove one of the two",
                    projectID: row.owningProject)
            }
        }
        if dropped > 0 {
            var i = 0
            rows.removeAll { _ in defer { i += 1 }; return !keep[i] }
        }
    }

    // MARK: - References

    private static func location<R: EntityRow>(_ r: R, _ files: SourceFiles) -> SourceLocation {
        files.location(r.origin, element: R.entity.xmlElement)
    }

    private static func unknownProject<R: EntityRow>(
        _ r: R, _ id: String, _ column: String, _ refs: References, _ files: SourceFiles, _ diagnostics: DiagnosticSink
    ) {
        if let why = refs.absentProjects[id] {
            diagnostics.emit(
                IngestID.absentProject, .info,
                "\(R.entity.rawValue) row names \(column) '\(id)', a project not in this run (\(why)); the row is left out",
                at: location(r, files), projectID: id)
            return
        }
        diagnostics.emit(
            IngestID.unknownProject, .error,
            "\(R.entity.rawValue) row names \(column) '\(id)', which is not a project of this run; the row is left out",
            at: location(r, files), hint: "check the project id, or include that project's projects.csv row",
            projectID: id)
    }

    /// Projects' programme and manager, which are reported but keep the project.
    static func checkProjects(_ projects: [Project], _ refs: References, _ files: SourceFiles, _ diagnostics: DiagnosticSink) {
        var programs = refs.programIDs.lookup()
        var people = refs.personIDs.lookup()
        for project in projects {
            if refs.havePrograms, let prog = project.programID, !programs.contains(prog) {
                diagnostics.emit(
                    IngestID.unknownProgram, .warning,
                    "project names program_id '\(prog)', which is not in programs.csv",
                    at: location(project, files), hint: "add the programme to programs.csv or correct the id",
                    projectID: project.projectID)
            }
            if refs.havePeople, let m = project.manager, !people.contains(m) {
                diagnostics.emit(
                    IngestID.unknownPerson, .warning,
                    "project manager '\(m)' is not a person_id in people.csv",
                    at: location(project, files), hint: "use the manager's person_id from people.csv",
                    projectID: project.projectID)
            }
        }
    }

    static func keepKnownProject<R: EntityRow>(
        _ rows: inout [R], _ id: (UnsafePointer<R>) -> String, _ refs: References, _ files: SourceFiles,
        _ diagnostics: DiagnosticSink
    ) {
        var known = refs.projectIDs.lookup()
        removeRows(&rows, keep: { known.contains(id($0)) }) { r in
            unknownProject(r.pointee, id(r), "project_id", refs, files, diagnostics)
        }
    }

    static func keepKnownEnds(
        _ rows: inout [Dependency], _ refs: References, _ files: SourceFiles, _ diagnostics: DiagnosticSink
    ) {
        var known = refs.projectIDs.lookup()
        removeRows(&rows, keep: { known.contains($0.pointee.fromProjectID) && known.contains($0.pointee.toProjectID) }) { r in
            let d = r.pointee
            for (id, column) in [(d.fromProjectID, "from_project_id"), (d.toProjectID, "to_project_id")]
            where !refs.projectIDs.contains(id) {
                unknownProject(d, id, column, refs, files, diagnostics)
                return
            }
        }
    }

    static func keepKnownPerson<R: EntityRow>(
        _ rows: inout [R], _ id: (UnsafePointer<R>) -> String, _ refs: References, _ files: SourceFiles,
        _ diagnostics: DiagnosticSink
    ) {
        guard refs.havePeople else { return }
        var known = refs.personIDs.lookup()
        removeRows(&rows, keep: { known.contains(id($0)) }) { r in
            diagnostics.emit(
                IngestID.unknownPerson, .error,
                "\(R.entity.rawValue) row names person_id '\(id(r))', which is not in people.csv; the row is left out",
                at: location(r.pointee, files), hint: "check the person id against people.csv",
                projectID: r.pointee.owningProject)
        }
    }

    static func keepKnownBenefit(
        _ rows: inout [BenefitMeasurement], _ refs: References, _ files: SourceFiles, _ diagnostics: DiagnosticSink
    ) {
        removeRows(&rows, keep: { refs.benefitKeys.contains(RowKey($0.pointee.projectID, $0.pointee.benefitID)) }) { r in
            let m = r.pointee
            diagnostics.emit(
                IngestID.unknownBenefit, .error,
                "benefit measurement names benefit '\(m.benefitID)' of project '\(m.projectID)', which is not in benefits; the row is left out",
                at: location(m, files), hint: "add the benefit to benefits.csv or correct the benefit_id",
                projectID: m.projectID)
        }
    }

    /// `rows.removeAll { !keep($0) }`, calling `report` on each row removed, in order. Fields
    /// are read through a pointer, so that no row is copied (a copy retains and releases every
    /// string of the row) when, as usual, every row is kept.
    static func removeRows<R>(
        _ rows: inout [R], keep: (UnsafePointer<R>) -> Bool, report: (UnsafePointer<R>) -> Void
    ) {
        let first: Int? = rows.withUnsafeBufferPointer { buf in
            guard let base = buf.baseAddress else { return nil }
            for i in 0..<buf.count where !keep(base + i) { return i }
            return nil
        }
        guard let first else { return }
        let kept: Int = rows.withUnsafeMutableBufferPointer { buf in
            guard let base = buf.baseAddress else { return 0 }
            report(base + first)
            var w = first
            for i in (first + 1)..<buf.count {
                if keep(base + i) {
                    buf.swapAt(w, i)
                    w += 1
                } else {
                    report(base + i)
                }
            }
            return w
        }
        rows.removeLast(rows.count - kept)
    }
}
