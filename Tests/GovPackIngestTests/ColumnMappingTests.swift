import Foundation
import GovPackCore
import GovPackTestSupport
import Testing

@testable import GovPackIngest

/// Column mappings: a team's own CSV column names read as the standard ones.
@Suite struct ColumnMappingTests {
    static let project = "project_id,name,stage,start_date,baseline_end_date,budget,rag_overall,last_updated\n"
        + "PRJ-1,P,execution,2026-01-01,2026-12-31,100,G,2026-11-01\n"
    static let standardRisks = "project_id,risk_id,title,probability,impact,owner,status\n"
        + "PRJ-1,R-1,Supplier late,3,4,P-1,open\n"
        + "PRJ-1,R-2,Key person leaves,2,5,,closed\n"
    /// The same rows, with the team's names for probability and owner, and the columns moved.
    static let teamRisks = "project_id,risk_id,title, PROB ,impact,status,risk_owner\n"
        + "PRJ-1,R-1,Supplier late,3,4,open,P-1\n"
        + "PRJ-1,R-2,Key person leaves,2,5,closed,\n"

    static let mappings = [
        ColumnMapping(folder: "claims", entity: .risks, from: "prob", to: "probability"),
        ColumnMapping(folder: "claims", entity: .risks, from: "Risk_Owner", to: "owner"),
    ]

    func load(_ files: [String: String], mappings: [ColumnMapping]) throws -> (Portfolio, [Diagnostic], String) {
        let dir = try TemporaryFolder()
        for (path, text) in files { try dir.write(path, text) }
        let sink = DiagnosticSink()
        let result = InputLoader(options: LoadOptions(columnMappings: mappings)).load([dir.url.path], diagnostics: sink)
        dir.remove()
        // No people.csv here: the note that person references go unchecked is not the point.
        return (result.portfolio, sink.all.filter { $0.id != "ingest.ref.no_people" }, dir.url.path)
    }

    @Test func aMappedFileLoadsTheSameRowsAsTheStandardOne() throws {
        let (standard, d1, _) = try load(["claims/projects.csv": Self.project, "claims/risks.csv": Self.standardRisks], mappings: [])
        let (mapped, d2, _) = try load(["claims/projects.csv": Self.project, "claims/risks.csv": Self.teamRisks], mappings: Self.mappings)
        #expect(d1.isEmpty)
        #expect(d2.isEmpty)
        #expect(mapped.risks.map(\.riskID) == ["R-1", "R-2"])
        #expect(mapped.risks.map(\.probability) == [3, 2])
        #expect(mapped.risks.map(\.owner) == ["P-1", nil])
        #expect(mapped.risks.map(\.extras) == [[], []])
        // Same values everywhere but the origin's column (the fields sit at other places).
        func values(_ r: Risk) -> [String] {
            [r.projectID, r.riskID, r.title, "\(r.probability)", "\(r.impact)", r.owner ?? "-", r.status.rawValue]
        }
        #expect(mapped.risks.map(values) == standard.risks.map(values))
    }

    @Test func aMappingCoversOnlyItsFolderAndEntity() throws {
        // 'other' sends the same header but has no mapping: 'prob' is an unknown column there and
        // the required 'probability' is missing; it is read after 'claims', whose mapped header
        // must not be reused for it. The projects.csv of claims is not a risks file: not mapped.
        let (p, diagnostics, root) = try load(
            ["claims/projects.csv": Self.project, "claims/risks.csv": Self.teamRisks, "other/risks.csv": Self.teamRisks],
            mappings: Self.mappings)
        #expect(p.risks.map(\.riskID) == ["R-1", "R-2"])
        let shown = diagnostics.map { "\($0.id) \($0.severity) \($0.location?.file ?? "") \($0.location?.line ?? -1)" }
        #expect(shown == [
            "ingest.column.rows_left_out info \(root)/other/risks.csv 0",
            "ingest.column.missing_required error \(root)/other/risks.csv 1",
            "ingest.column.unknown info \(root)/other/risks.csv 1",
            "ingest.column.unknown info \(root)/other/risks.csv 1",
        ])
    }

    @Test func aMappedNameThatMeetsItsStandardColumnIsReported() throws {
        // The file has both 'prob' and 'probability': the standard one is read, 'prob' is kept
        // as an extra field, and the collision is a warning at the 'prob' header field
        // (line 1, column 33: "project_id,risk_id,title,impact," is 32 characters).
        let text = "project_id,risk_id,title,impact,prob,probability,status\n"
            + "PRJ-1,R-1,T,4,5,3,open\n"
        let (p, diagnostics, root) = try load(
            ["claims/projects.csv": Self.project, "claims/risks.csv": text], mappings: Self.mappings)
        #expect(p.risks.map(\.probability) == [3])
        #expect(p.risks.first?.extras == [ExtraField(name: "prob", value: "5")])
        let collision = try #require(diagnostics.first { $0.id == IngestID.mappingCollision })
        #expect(collision.severity == .warning)
        #expect(collision.location == SourceLocation(file: root + "/claims/risks.csv", line: 1, column: 33))
        #expect(collision.message == "column 'prob' is mapped to 'probability' by the configuration, but the file also has 'probability'; 'probability' is read and 'prob' is kept as an extra field")
    }

    @Test func twoMappedNamesForOneColumnTakeTheFirst() throws {
        let text = "project_id,risk_id,title,impact,status,likelihood,prob\nPRJ-1,R-1,T,4,open,2,5\n"
        let mappings = Self.mappings + [ColumnMapping(folder: "", entity: .risks, from: "likelihood", to: "probability")]
        let (p, diagnostics, root) = try load(["claims/projects.csv": Self.project, "claims/risks.csv": text], mappings: mappings)
        #expect(p.risks.map(\.probability) == [2])
        #expect(p.risks.first?.extras == [ExtraField(name: "prob", value: "5")])
        let collisions = diagnostics.filter { $0.id == IngestID.mappingCollision }
        #expect(collisions.map(\.location) == [SourceLocation(file: root + "/claims/risks.csv", line: 1, column: 51)])
        #expect(collisions.first?.message.contains("also has 'likelihood' (also mapped to it);") == true)
    }

    @Test(arguments: [
        // folder, display path, relative path, applies
        ("claims", "in/claims/risks.csv", "claims/risks.csv", true),
        ("claims/", "x/risks.csv", "claims/risks.csv", true),
        ("./claims", "./claims/risks.csv", "risks.csv", true),
        ("in/claims", "in/claims/risks.csv", "risks.csv", true),
        ("in/claims", "in/claims-2/risks.csv", "risks.csv", false),
        ("claims", "in/other/risks.csv", "other/risks.csv", false),
        ("/abs/sub/claims", "/abs/sub/claims/deep/risks.csv", "deep/risks.csv", true),
        ("", "anything/risks.csv", "risks.csv", true),
        (".", "anything/risks.csv", "risks.csv", true),
    ])
    func appliesByFolder(_ folder: String, _ display: String, _ relative: String, _ expected: Bool) {
        let file = InputFile(path: display, displayPath: display, relativePath: relative)
        #expect(ColumnMapping(folder: folder, entity: .risks, from: "a", to: "b").applies(to: file) == expected)
    }
}
