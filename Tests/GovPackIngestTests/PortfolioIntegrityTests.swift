import Foundation
import GovPackCore
import Testing

@testable import GovPackIngest

@Suite struct PortfolioIntegrityTests {
    private func portfolio() -> Portfolio {
        var p = Portfolio()
        _ = p.files.add(path: "teams/a/projects.csv", isXML: false)
        _ = p.files.add(path: "teams/b/projects.csv", isXML: false)
        _ = p.files.add(path: "teams/b/risks.xml", isXML: true)
        var a = Project()
        a.projectID = "PRJ-1"
        a.programID = "PGM-1"
        a.manager = "P-1"
        a.origin = Origin(file: 0, line: 2)
        var dup = a
        dup.origin = Origin(file: 1, line: 5)
        var b = Project()
        b.projectID = "PRJ-2"
        b.programID = "PGM-9"
        b.manager = "P-404"
        b.origin = Origin(file: 1, line: 6)
        p.projects = [a, b, dup]
        var program = Program()
        program.programID = "PGM-1"
        p.programs = [program]
        var person = Person()
        person.personID = "P-1"
        p.people = [person]
        var risk = Risk()
        risk.projectID = "PRJ-404"
        risk.riskID = "R-1"
        risk.origin = Origin(file: 2, line: 7, column: 5)
        p.risks = [risk]
        return p
    }

    @Test func duplicatesKeepTheFirstAndPointAtBoth() throws {
        var p = portfolio()
        let sink = DiagnosticSink()
        PortfolioIntegrity.check(&p, diagnostics: sink)
        #expect(p.projects.map(\.projectID) == ["PRJ-1", "PRJ-2"])
        #expect(p.projects[0].origin.file == 0)
        let dup = try #require(sink.all.first { $0.id == IngestID.duplicateKey })
        #expect(dup.severity == .error)
        #expect(dup.location == SourceLocation(file: "teams/b/projects.csv", line: 5, column: 1))
        #expect(dup.related == [SourceLocation(file: "teams/a/projects.csv", line: 2, column: 1)])
        #expect(dup.message.contains("'PRJ-1'"))
    }

    @Test func referencesAreChecked() {
        var p = portfolio()
        let sink = DiagnosticSink()
        PortfolioIntegrity.check(&p, diagnostics: sink)
        let found = sink.all.map { "\($0.severity) \($0.id) \($0.location?.description ?? "-") \($0.location?.element ?? "-")" }
        // Ordered by location, then id.
        #expect(found == [
            "error ingest.row.duplicate_key teams/b/projects.csv:5:1 -",
            "warning ingest.ref.unknown_person teams/b/projects.csv:6:1 -",
            "warning ingest.ref.unknown_program teams/b/projects.csv:6:1 -",
            "error ingest.ref.unknown_project teams/b/risks.xml:7:5 risk",
        ])
        #expect(p.risks.isEmpty)
    }

    @Test func missingReferenceTablesAreSaidNotGuessed() {
        var p = portfolio()
        p.people = []
        p.programs = []
        let sink = DiagnosticSink()
        PortfolioIntegrity.check(&p, diagnostics: sink)
        let ids = sink.all.map(\.id)
        #expect(ids.contains("ingest.ref.no_people"))
        #expect(ids.contains("ingest.ref.no_programs"))
        #expect(!ids.contains(IngestID.unknownPerson))
        #expect(!ids.contains(IngestID.unknownProgram))
    }
}

/// Duplicates and broken references in several entities at once, checked one entity after
/// another and concurrently: the same rows kept and the same diagnostics, whatever the mode.
@Suite struct PortfolioIntegrityAcrossEntitiesTests {
    private func portfolio() -> Portfolio {
        var p = Portfolio()
        for path in [
            "t/a/projects.csv", "t/a/assignments.csv", "t/b/assignments.csv", "t/a/dependencies.csv",
            "t/a/benefit_measurements.csv", "t/a/certifications.csv",
        ] {
            _ = p.files.add(path: path, isXML: false)
        }
        func project(_ id: String, line: UInt32) -> Project {
            var r = Project()
            r.projectID = id
            r.origin = Origin(file: 0, line: line)
            return r
        }
        p.projects = [project("PRJ-1", line: 2), project("PRJ-2", line: 3)]
        var person = Person()
        person.personID = "P-1"
        p.people = [person]
        func assignment(_ project: String, _ person: String, _ period: Int32, file: UInt32, line: UInt32) -> Assignment {
            var r = Assignment()
            r.projectID = project
            r.personID = person
            r.period = Period(index: 2026 * 12 + 10 + period)  // 2026-11, 2026-12
            r.origin = Origin(file: file, line: line)
            return r
        }
        p.assignments = [
            assignment("PRJ-1", "P-1", 0, file: 1, line: 2),
            assignment("PRJ-9", "P-1", 0, file: 1, line: 3),  // unknown project
            assignment("PRJ-1", "P-7", 0, file: 1, line: 4),  // unknown person
            assignment("PRJ-1", "P-1", 0, file: 2, line: 2),  // duplicate of t/a line 2
            assignment("PRJ-8", "P-8", 0, file: 2, line: 3),  // unknown project (and person: said once)
            assignment("PRJ-2", "P-1", 1, file: 2, line: 4),
        ]
        func dependency(_ from: String, _ to: String, line: UInt32) -> Dependency {
            var r = Dependency()
            r.fromProjectID = from
            r.toProjectID = to
            r.origin = Origin(file: 3, line: line)
            return r
        }
        p.dependencies = [dependency("PRJ-1", "PRJ-5", line: 2), dependency("PRJ-6", "PRJ-7", line: 3), dependency("PRJ-1", "PRJ-2", line: 4)]
        func measurement(_ project: String, line: UInt32) -> BenefitMeasurement {
            var r = BenefitMeasurement()
            r.projectID = project
            r.benefitID = "B-1"
            r.origin = Origin(file: 4, line: line)
            return r
        }
        p.benefitMeasurements = [measurement("PRJ-1", line: 2), measurement("PRJ-3", line: 3)]
        var certification = Certification()
        certification.personID = "P-9"
        certification.certification = "PMP"
        certification.origin = Origin(file: 5, line: 2)
        p.certifications = [certification]
        return p
    }

    @Test(arguments: [false, true])
    func everyEntityIsChecked(parallel: Bool) {
        var p = portfolio()
        let sink = DiagnosticSink()
        PortfolioIntegrity.check(&p, diagnostics: sink, absentProjects: ["PRJ-3": "quarantined"], parallel: parallel)
        let found = sink.all.map { "\($0.severity) \($0.id) \($0.location?.description ?? "-") \($0.message)" }
        #expect(found.sorted() == [
            "error ingest.ref.unknown_benefit t/a/benefit_measurements.csv:2:1 benefit measurement names benefit 'B-1' of project 'PRJ-1', which is not in benefits; the row is left out",
            "error ingest.ref.unknown_person t/a/assignments.csv:4:1 assignments row names person_id 'P-7', which is not in people.csv; the row is left out",
            "error ingest.ref.unknown_person t/a/certifications.csv:2:1 certifications row names person_id 'P-9', which is not in people.csv; the row is left out",
            "error ingest.ref.unknown_project t/a/assignments.csv:3:1 assignments row names project_id 'PRJ-9', which is not a project of this run; the row is left out",
            "error ingest.ref.unknown_project t/a/dependencies.csv:2:1 dependencies row names to_project_id 'PRJ-5', which is not a project of this run; the row is left out",
            "error ingest.ref.unknown_project t/a/dependencies.csv:3:1 dependencies row names from_project_id 'PRJ-6', which is not a project of this run; the row is left out",
            "error ingest.ref.unknown_project t/b/assignments.csv:3:1 assignments row names project_id 'PRJ-8', which is not a project of this run; the row is left out",
            "error ingest.row.duplicate_key t/b/assignments.csv:2:1 assignments key project_id+person_id+period 'PRJ-1 / P-1 / 2026-11' was already given; this row is ignored and the first one kept",
            "info ingest.ref.absent_project t/a/benefit_measurements.csv:3:1 benefit_measurements row names project_id 'PRJ-3', a project not in this run (quarantined); the row is left out",
        ])
        #expect(p.assignments.map(\.origin) == [Origin(file: 1, line: 2), Origin(file: 2, line: 4)])
        #expect(p.dependencies.map(\.toProjectID) == ["PRJ-2"])
        #expect(p.benefitMeasurements.isEmpty)
        #expect(p.certifications.isEmpty)
        #expect(p.projects.count == 2)
    }
}

@Suite struct RowKeyTableTests {
    /// Rows of keys (first part, second part) and, per row, the earlier row with the same key
    /// that `firstOrInsert` must find (nil: the key is new). P1's rows come in two runs (rows 0-1
    /// and 3, 6), so P1 keeps a region of its own; P2's and P3's rows are each one run and share
    /// one region, which must be cleared between them (P3's "a" is not P2's "a").
    static let cases: [(keys: [(String, String)], found: [Int?])] = [
        ([("P1", "a"), ("P1", "b"), ("P2", "a"), ("P1", "a"), ("P2", "a"), ("P1", "b")],
         [nil, nil, nil, 0, 2, 1]),
        ([("P2", "a"), ("P2", "b"), ("P2", "a"), ("P3", "a"), ("P3", "a"), ("P3", "b")],
         [nil, nil, 0, nil, 3, nil]),
        ([("P1", "a"), ("P2", "a"), ("P1", "b"), ("P3", "a"), ("P3", "a"), ("P1", "b"), ("P2", "a")],
         [nil, nil, nil, nil, 3, 2, 1]),
        ([], []),
    ]

    @Test(arguments: cases)
    func findsTheFirstRowOfEachKey(_ keys: [(String, String)], _ found: [Int?]) throws {
        let rows = keys.map { RowKey($0.0, $0.1) }
        let table = try #require(RowKeyTable(count: rows.count) { rows[$0] })
        let got = rows.indices.map { i in table.firstOrInsert(rows[i], index: i) { rows[$0] } }
        #expect(got == found)
    }

    @Test func aReplacedFirstRowIsTheOneFoundNext() throws {
        // Row 1 repeats row 0's key and takes its place (as a team's row replaces a schedule
        // export's); row 2 then finds row 1.
        let rows = [RowKey("P1", "a"), RowKey("P1", "a"), RowKey("P1", "a")]
        let table = try #require(RowKeyTable(count: rows.count) { rows[$0] })
        #expect(table.firstOrInsert(rows[0], index: 0) { rows[$0] } == nil)
        #expect(table.firstOrInsert(rows[1], index: 1) { rows[$0] } == 0)
        table.replace(rows[1], with: 1) { rows[$0] }
        #expect(table.firstOrInsert(rows[2], index: 2) { rows[$0] } == 1)
    }

    @Test func nonASCIIKeysAreLeftToTheDictionary() {
        let rows = [RowKey("P1", "a"), RowKey("P\u{E9}", "a")]
        #expect(RowKeyTable(count: rows.count) { rows[$0] } == nil)
    }
}
