import GovPackCore

/// The checks that need every file of the run: duplicate keys across teams and references
/// between entities. Offending rows are reported and left out, as metrics-json.md settles.
public enum PortfolioIntegrity {
    /// Removes duplicates (the first row in read order wins) and rows with broken references.
    public static func check(_ p: inout Portfolio, diagnostics: DiagnosticSink, absentProjects: [String: String] = [:]) {
        let files = p.files
        dedupe(&p.programs, files, diagnostics)
        dedupe(&p.people, files, diagnostics)
        dedupe(&p.certifications, files, diagnostics)
        dedupe(&p.projects, files, diagnostics)
        dedupe(&p.financials, files, diagnostics)
        dedupe(&p.milestones, files, diagnostics)
        dedupe(&p.stageGates, files, diagnostics)
        dedupe(&p.risks, files, diagnostics)
        dedupe(&p.issues, files, diagnostics)
        dedupe(&p.assignments, files, diagnostics)
        dedupe(&p.benefits, files, diagnostics)
        dedupe(&p.benefitMeasurements, files, diagnostics)
        dedupe(&p.dependencies, files, diagnostics)
        dedupe(&p.changeImpacts, files, diagnostics)
        dedupe(&p.lessons, files, diagnostics)
        checkReferences(&p, diagnostics, absentProjects: absentProjects)
    }

    static func dedupe<R: EntityRow>(_ rows: inout [R], _ files: SourceFiles, _ diagnostics: DiagnosticSink) {
        // Keys whose strings are all ASCII go in a byte-hashed table (cheaper than `Hasher`, same
        // equality); otherwise a `Dictionary`, whose hashing follows `String`'s equivalence.
        let table = RowKeyTable(count: rows.count) { rows[$0].key }
        var first: [RowKey: Int] = [:]
        if table == nil { first.reserveCapacity(rows.count) }
        var keep: [Bool] = []
        keep.reserveCapacity(rows.count)
        var dropped = 0
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
        if dropped > 0 {
            var i = 0
            rows.removeAll { _ in defer { i += 1 }; return !keep[i] }
        }
    }

    static func checkReferences(_ p: inout Portfolio, _ diagnostics: DiagnosticSink, absentProjects: [String: String] = [:]) {
        let files = p.files
        let projectIDs = IDSet(p.projects.lazy.map(\.projectID))
        let programIDs = IDSet(p.programs.lazy.map(\.programID))
        let personIDs = IDSet(p.people.lazy.map(\.personID))
        let benefitKeys = Set(p.benefits.map { RowKey($0.projectID, $0.benefitID) })
        let havePeople = !p.people.isEmpty
        let havePrograms = !p.programs.isEmpty

        if !havePeople {
            diagnostics.emit(
                "ingest.ref.no_people", .info,
                "no people.csv among the inputs: managers, assignments and certifications are not checked against known people",
                at: nil, hint: "add the PMO's reference folder (people.csv) to the inputs to check person references")
        }
        if !havePrograms && p.projects.contains(where: { $0.programID != nil }) {
            diagnostics.emit(
                "ingest.ref.no_programs", .info,
                "no programs.csv among the inputs: projects' program_id values are not checked",
                at: nil, hint: "add the PMO's reference folder (programs.csv) to the inputs")
        }

        func location<R: EntityRow>(_ r: R) -> SourceLocation { files.location(r.origin, element: R.entity.xmlElement) }

        func unknownProject<R: EntityRow>(_ r: R, _ id: String, _ column: String) {
            if let why = absentProjects[id] {
                diagnostics.emit(
                    IngestID.absentProject, .info,
                    "\(R.entity.rawValue) row names \(column) '\(id)', a project not in this run (\(why)); the row is left out",
                    at: location(r), projectID: id)
                return
            }
            diagnostics.emit(
                IngestID.unknownProject, .error,
                "\(R.entity.rawValue) row names \(column) '\(id)', which is not a project of this run; the row is left out",
                at: location(r), hint: "check the project id, or include that project's projects.csv row",
                projectID: id)
        }

        func keepKnownProject<R: EntityRow>(_ rows: inout [R], _ id: (R) -> String) {
            guard anyRow(rows, { !projectIDs.contains(id($0)) }) else { return }
            rows.removeAll { r in
                let pid = id(r)
                if projectIDs.contains(pid) { return false }
                unknownProject(r, pid, "project_id")
                return true
            }
        }

        for project in p.projects {
            if havePrograms, let prog = project.programID, !programIDs.contains(prog) {
                diagnostics.emit(
                    IngestID.unknownProgram, .warning,
                    "project names program_id '\(prog)', which is not in programs.csv",
                    at: location(project), hint: "add the programme to programs.csv or correct the id",
                    projectID: project.projectID)
            }
            if havePeople, let m = project.manager, !personIDs.contains(m) {
                diagnostics.emit(
                    IngestID.unknownPerson, .warning,
                    "project manager '\(m)' is not a person_id in people.csv",
                    at: location(project), hint: "use the manager's person_id from people.csv",
                    projectID: project.projectID)
            }
        }

        keepKnownProject(&p.financials) { $0.projectID }
        keepKnownProject(&p.milestones) { $0.projectID }
        keepKnownProject(&p.stageGates) { $0.projectID }
        keepKnownProject(&p.risks) { $0.projectID }
        keepKnownProject(&p.issues) { $0.projectID }
        keepKnownProject(&p.assignments) { $0.projectID }
        keepKnownProject(&p.benefits) { $0.projectID }
        keepKnownProject(&p.benefitMeasurements) { $0.projectID }
        keepKnownProject(&p.changeImpacts) { $0.projectID }
        keepKnownProject(&p.lessons) { $0.projectID }
        if anyRow(p.dependencies, { !projectIDs.contains($0.fromProjectID) || !projectIDs.contains($0.toProjectID) }) {
            p.dependencies.removeAll { d in
                for (id, column) in [(d.fromProjectID, "from_project_id"), (d.toProjectID, "to_project_id")]
                where !projectIDs.contains(id) {
                    unknownProject(d, id, column)
                    return true
                }
                return false
            }
        }

        if havePeople {
            func unknownPerson<R: EntityRow>(_ r: R, _ id: String) {
                diagnostics.emit(
                    IngestID.unknownPerson, .error,
                    "\(R.entity.rawValue) row names person_id '\(id)', which is not in people.csv; the row is left out",
                    at: location(r), hint: "check the person id against people.csv", projectID: r.owningProject)
            }
            if anyRow(p.assignments, { !personIDs.contains($0.personID) }) {
                p.assignments.removeAll { a in
                    if personIDs.contains(a.personID) { return false }
                    unknownPerson(a, a.personID)
                    return true
                }
            }
            if anyRow(p.certifications, { !personIDs.contains($0.personID) }) {
                p.certifications.removeAll { c in
                    if personIDs.contains(c.personID) { return false }
                    unknownPerson(c, c.personID)
                    return true
                }
            }
        }

        if anyRow(p.benefitMeasurements, { !benefitKeys.contains(RowKey($0.projectID, $0.benefitID)) }) {
            p.benefitMeasurements.removeAll { m in
                if benefitKeys.contains(RowKey(m.projectID, m.benefitID)) { return false }
                diagnostics.emit(
                    IngestID.unknownBenefit, .error,
                    "benefit measurement names benefit '\(m.benefitID)' of project '\(m.projectID)', which is not in benefits; the row is left out",
                    at: location(m), hint: "add the benefit to benefits.csv or correct the benefit_id",
                    projectID: m.projectID)
                return true
            }
        }
    }

    /// Whether any row matches: a plain index loop, so that no row is copied (the closure-based
    /// `removeAll` passes copy each row) when, as usual, nothing is to be removed.
    @inline(__always)
    static func anyRow<R>(_ rows: [R], _ matches: (R) -> Bool) -> Bool {
        // A buffer pointer's elements are passed borrowed (an array's subscript returns a copy).
        rows.withUnsafeBufferPointer { buf in
            for i in buf.indices where matches(buf[i]) { return true }
            return false
        }
    }
}
