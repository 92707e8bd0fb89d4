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
