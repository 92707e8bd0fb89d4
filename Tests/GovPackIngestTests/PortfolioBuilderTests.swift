import Foundation
import GovPackCore
import Testing

@testable import GovPackIngest

/// Feeds rows to the typing layer the way a reader would: header names, then field strings.
private func typeRows(
    _ entity: Entity, header: [String], rows: [[String]], file: String = "teams/a/x.csv"
) -> (Portfolio, [Diagnostic]) {
    let sink = DiagnosticSink()
    let b = PortfolioBuilder(diagnostics: sink)
    let id = b.addFile(path: file, isXML: false)
    let slots = b.bindHeader(entity, names: header, location: SourceLocation(file: file, line: 1))
    for (r, row) in rows.enumerated() {
        let line = r + 2
        b.beginRow(entity, file: id, line: line, column: 1)
        var column = 1
        for (i, value) in row.enumerated() where i < slots.count {
            b.field(slot: slots[i], string: value, line: line, column: column)
            column += value.unicodeScalars.count + 1
        }
        b.endRow()
    }
    b.endFile(entity, path: file)
    return (b.build(), sink.all)
}

struct ExpectedDiagnostic: Equatable, CustomStringConvertible {
    var id: String
    var severity: Severity
    var line: Int
    var column: Int
    var description: String { "\(severity) \(id) @\(line):\(column)" }
}

private func brief(_ ds: [Diagnostic]) -> [ExpectedDiagnostic] {
    ds.map { ExpectedDiagnostic(id: $0.id, severity: $0.severity, line: $0.location?.line ?? 0, column: $0.location?.column ?? 0) }
}

@Suite struct PortfolioBuilderTests {
    static let riskHeader = ["project_id", "risk_id", "title", "probability", "impact", "status"]

    @Test func typesAProjectRowWithEveryKindOfField() throws {
        let header = [
            "Project_ID ", "name", "stage", "start_date", "baseline_end_date", "budget", "rag_overall",
            "last_updated", "percent_complete", "strategic_score", "methodology", "Cost Centre",
        ]
        let row = [
            "PRJ-014", "Card tokenisation", "Execution", "2026-02-01", "2027-03-31", "1250000.50", "amber",
            "2026-11-24", "45", "80", "agile", "CC-9",
        ]
        let (p, ds) = typeRows(.projects, header: header, rows: [row])
        let project = try #require(p.projects.first)
        #expect(project.projectID == "PRJ-014")
        #expect(project.stage == .execution)
        #expect(project.startDate == Day(year: 2026, month: 2, day: 1))
        #expect(project.budget == Decimal(string: "1250000.50"))
        #expect(project.ragOverall == .amber)
        #expect(project.percentComplete == 45)
        #expect(project.strategicScore == 80)
        #expect(project.methodology == .agile)
        #expect(project.extras == [ExtraField(name: "Cost Centre", value: "CC-9")])
        #expect(project.origin == Origin(file: 0, line: 2, column: 1))
        #expect(brief(ds) == [ExpectedDiagnostic(id: IngestID.unknownColumn, severity: .info, line: 1, column: 0)])
    }

    /// Each defect in one field of a risk row, and the exact diagnostic it gives.
    static let fieldDefects: [(String, [String], [ExpectedDiagnostic], Int)] = [
        // columns: "PRJ-1," is 6 wide, "R-1," 4, "Late kit," 9: probability starts at 1+6+4+9 = 20
        ("out of range", ["PRJ-1", "R-1", "Late kit", "7", "3", "open"],
         [.init(id: IngestID.outOfRange, severity: .error, line: 2, column: 20)], 0),
        ("not a number", ["PRJ-1", "R-1", "Late kit", "high", "3", "open"],
         [.init(id: IngestID.invalidField, severity: .error, line: 2, column: 20)], 0),
        ("missing required", ["PRJ-1", "R-1", "", "2", "3", "open"],
         [.init(id: IngestID.missingField, severity: .error, line: 2, column: 11)], 0),
        ("bad enum", ["PRJ-1", "R-1", "Late kit", "2", "3", "pending"],
         [.init(id: IngestID.invalidField, severity: .error, line: 2, column: 24)], 0),
        ("blank is trimmed", ["PRJ-1", " R-1 ", "Late kit", " 2", "3 ", "OPEN"], [], 1),
    ]

    @Test(arguments: fieldDefects)
    func reportsFieldDefects(_ name: String, _ row: [String], _ expected: [ExpectedDiagnostic], _ kept: Int) {
        let (p, ds) = typeRows(.risks, header: Self.riskHeader, rows: [row])
        #expect(brief(ds) == expected, "\(name)")
        #expect(p.risks.count == kept, "\(name)")
    }

    @Test func anInvalidOptionalFieldIsAWarningAndTheRowIsKept() throws {
        let (p, ds) = typeRows(
            .risks, header: Self.riskHeader + ["review_date"],
            rows: [["PRJ-1", "R-1", "Late kit", "2", "3", "open", "30/11/2026"]])
        // review_date starts after "PRJ-1,R-1,Late kit,2,3,open," = 28 characters
        #expect(brief(ds) == [.init(id: IngestID.invalidField, severity: .warning, line: 2, column: 29)])
        let risk = try #require(p.risks.first)
        #expect(risk.reviewDate == nil)
        #expect(ds.first?.message == "'review_date' is '30/11/2026', expected a date as YYYY-MM-DD; the value is ignored")
    }

    @Test func thousandsSeparatorsGetAHint() throws {
        let (_, ds) = typeRows(
            .financials, header: ["project_id", "period", "planned_value", "earned_value", "actual_cost"],
            rows: [["PRJ-1", "2026-11", "1,000", "900", "950"]])
        let d = try #require(ds.first)
        #expect(d.id == IngestID.invalidField)
        #expect(d.hint?.contains("thousands separators") == true)
    }

    @Test func aMissingRequiredColumnIsReportedOnceNotPerRow() {
        let header = ["project_id", "risk_id", "title", "probability", "impact"]  // no status
        let rows = [["PRJ-1", "R-1", "a", "1", "1"], ["PRJ-1", "R-2", "b", "1", "1"]]
        let (p, ds) = typeRows(.risks, header: header, rows: rows)
        #expect(p.risks.isEmpty)
        #expect(brief(ds) == [
            .init(id: IngestID.rowsLeftOut, severity: .info, line: 0, column: 0),
            .init(id: IngestID.missingColumn, severity: .error, line: 1, column: 0),
        ])
    }

    @Test func extraColumnsAreKeptOnlyWhenFilled() throws {
        let (p, _) = typeRows(.risks, header: Self.riskHeader + ["Notes"], rows: [
            ["PRJ-1", "R-1", "a", "1", "1", "open", ""],
            ["PRJ-1", "R-2", "b", "1", "1", "open", "see log"],
        ])
        #expect(p.risks.map(\.extras) == [[], [ExtraField(name: "Notes", value: "see log")]])
    }
}
