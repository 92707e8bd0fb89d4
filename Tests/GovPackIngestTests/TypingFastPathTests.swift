import Foundation
import GovPackCore
import Testing

@testable import GovPackIngest

/// The typer's fast path (typed setters, decimal cache, byte-level bool and enumeration
/// matching) must give exactly what the general path gives: `FieldParser.parse` then
/// `Column.set`, a required field that does not parse dropping the row.

/// One row through the builder, the way the CSV reader feeds it.
private func typedByBuilder<R: EntityRow>(_: R.Type, _ values: [String], builder b: PortfolioBuilder? = nil) -> R? {
    let b = b ?? PortfolioBuilder(diagnostics: DiagnosticSink())
    let id = b.addFile(path: "t/x.csv", isXML: false)
    let slots = b.bindHeader(R.entity, names: R.columns.map(\.name), location: SourceLocation(file: "t/x.csv", line: 1))
    b.beginRow(R.entity, file: id, line: 2, column: 1)
    for (i, v) in values.enumerated() { b.field(slot: slots[i], string: v, line: 2, column: i) }
    b.endRow()
    return rows(of: b.build(), R.self).first
}

private func rows<R: EntityRow>(of p: Portfolio, _: R.Type) -> [R] {
    switch R.entity {
    case .risks: p.risks as? [R] ?? []
    case .financials: p.financials as? [R] ?? []
    case .projects: p.projects as? [R] ?? []
    case .assignments: p.assignments as? [R] ?? []
    default: []
    }
}

/// The same row through `FieldParser.parse` and `Column.set` only.
private func typedByGeneralPath<R: EntityRow>(_: R.Type, _ values: [String]) -> R? {
    var r = R()
    r.origin = Origin(file: 0, line: 2, column: 1)
    var kept = true
    for (i, c) in R.columns.enumerated() {
        let v = values[i].trimmingCharacters(in: .whitespaces)
        if v.isEmpty {
            if c.required { kept = false }
            continue
        }
        switch FieldParser.parse(v, as: c.type, range: c.range) {
        case .success(let value): c.set(&r, value)
        case .failure: if c.required { kept = false }
        }
    }
    return kept ? r : nil
}

/// Both paths agree, down to how each value prints (a `Decimal`'s exponent shows there).
private func expectSame<R: EntityRow & Equatable>(_ type: R.Type, _ values: [String]) {
    let fast = typedByBuilder(type, values)
    let general = typedByGeneralPath(type, values)
    #expect(fast == general, "\(values)")
    #expect(String(describing: fast) == String(describing: general), "\(values)")
}

private let riskBase = [
    "PRJ-1", "R-1", "Title", "technical", "3", "4", "P-1", "mitigate", "plan", "open", "2026-01-31", "2026-02-28", "N",
]

@Test(arguments: [
    (4, ["1", "5", "0", "6", "+3", "-1", "03", "3.0", "x", " 2 "]),  // probability: int 1-5, required
    (4, ["2147483648", "99999999999999999999"]),
    (3, ["TECHNICAL", "Financial", "external", "strategy", ""]),  // category: enumeration, optional
    (9, ["OPEN", "Closed", "opened"]),  // status: enumeration, required
    (12, ["Y", "yes", "TRUE", "1", "0", "n", "No", "false", "FALSE", "x", "yess", "t"]),  // escalated: bool
    (10, ["2024-02-29", "2026-02-29", "2026-13-01", "2026-1-01", "20260101"]),  // raised_date
    (6, ["P-0001", "  spaced  ", "Zoë", ""]),  // owner: text
] as [(Int, [String])])
func riskFieldsTypeAlikeOnBothPaths(column: Int, values: [String]) {
    for v in values {
        var row = riskBase
        row[column] = v
        expectSame(Risk.self, row)
    }
}

private let financialBase = ["PRJ-1", "2026-03", "100", "90", "95", "1000"]

@Test(arguments: [
    "0", "5", "5.0", "5.00", "-0", "12.50", ".5", "5.", "-3.25", "+7", "00012", "1e5", "1,000", "$5", "12%",
    "18446744073709551615", "18446744073709551616", "123456789012345678901234567890", "0.000000000000000000001",
    "..5", ".", "-", "",
])
func decimalsTypeAlikeOnBothPaths(value: String) {
    var row = financialBase
    row[2] = value  // planned_value: required
    expectSame(Financial.self, row)
    row = financialBase
    row[5] = value  // forecast_at_completion: optional
    expectSame(Financial.self, row)
}

@Test func repeatedDecimalsComeFromTheCacheUnchanged() {
    // The same digits with different scales and signs are different cache entries.
    let b = PortfolioBuilder(diagnostics: DiagnosticSink())
    let id = b.addFile(path: "t/financials.csv", isXML: false)
    let slots = b.bindHeader(.financials, names: Financial.columns.map(\.name), location: SourceLocation(file: "t/financials.csv", line: 1))
    let amounts = ["5", "0.5", "-5", "5", "0.50", "-0.5", "0.5"]
    for (i, a) in amounts.enumerated() {
        b.beginRow(.financials, file: id, line: i + 2, column: 1)
        for (j, v) in ["PRJ-1", "2026-03", a, "1", "1", ""].enumerated() {
            b.field(slot: slots[j], string: v, line: i + 2, column: j)
        }
        b.endRow()
    }
    let got = b.build().financials.map(\.plannedValue)
    let half = Decimal(5) / 10
    let expected: [Decimal] = [5, half, -5, 5, half, -half, half]
    #expect(got == expected)
}

@Test(arguments: [
    (17, ["0", "100", "100.0", "100.01", "-0.1", "45.5"]),  // percent_complete: decimal 0-100
    (18, ["0", "100", "101", "-1"]),  // strategic_score: int 0-100
    (13, ["R", "a", "G", "Red", "AMBER", "green", "X", "Gr"]),  // rag_overall: required
])
func projectFieldsTypeAlikeOnBothPaths(column: Int, values: [String]) {
    let base = [
        "PRJ-1", "Name", "PGM-1", "BU", "Sponsor", "P-1", "execution", "agile", "2026-01-01", "2026-12-31", "",
        "1000", "GBP", "G", "", "", "", "", "", "", "summary", "2026-11-15",
    ]
    #expect(base.count == Project.columns.count)
    for v in values {
        var row = base
        row[column] = v
        expectSame(Project.self, row)
    }
}

@Test func percentCompleteRangeIsCheckedOnTheFastPath() {
    // Worked by hand: 100.01 is outside 0-100, so the optional field is left unset; 99.5 is kept.
    var row = [
        "PRJ-1", "Name", "PGM-1", "BU", "Sponsor", "P-1", "execution", "agile", "2026-01-01", "2026-12-31", "",
        "1000", "GBP", "G", "", "", "", "100.01", "", "", "summary", "2026-11-15",
    ]
    #expect(typedByBuilder(Project.self, row)?.percentComplete == nil)
    row[17] = "99.5"
    #expect(typedByBuilder(Project.self, row)?.percentComplete == Decimal(string: "99.5"))
}

// MARK: - CSV headers reused across files

private func writeTree(_ files: [String: String]) throws -> String {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("govpack-fastpath-\(UUID().uuidString)").path
    for (path, text) in files {
        let full = root + "/" + path
        try FileManager.default.createDirectory(
            atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try text.write(toFile: full, atomically: true, encoding: .utf8)
    }
    return root
}

@Test func everyFileWithTheSameIncompleteHeaderIsReported() throws {
    // The header lacks the required 'impact': each of the three files gets its own error and
    // its rows are left out; the clean file in between is read.
    let incomplete = "project_id,risk_id,title,probability,status\nPRJ-1,R-1,T,3,open\n"
    let clean = "project_id,risk_id,title,probability,impact,status\nPRJ-1,R-9,T,3,2,open\n"
    let root = try writeTree([
        "a/projects.csv": "project_id,name,stage,start_date,baseline_end_date,budget,rag_overall,last_updated\n"
            + "PRJ-1,P,execution,2026-01-01,2026-12-31,100,G,2026-11-01\n",
        "a/risks.csv": incomplete, "b/risks.csv": clean, "c/risks.csv": incomplete, "d/risks.csv": incomplete,
    ])
    defer { try? FileManager.default.removeItem(atPath: root) }
    let sink = DiagnosticSink()
    let result = InputLoader().load([root], diagnostics: sink)
    let missing = sink.all.filter { $0.id == IngestID.missingColumn }.map { $0.location?.file ?? "" }
    #expect(missing == [root + "/a/risks.csv", root + "/c/risks.csv", root + "/d/risks.csv"])
    #expect(result.portfolio.risks.map(\.riskID) == ["R-9"])
}

@Test func sameCleanHeaderInManyFilesBindsTheSameWay() throws {
    // Same clean header in three files, then the columns in another order: all rows typed.
    let header = "project_id,risk_id,title,probability,impact,status\n"
    let root = try writeTree([
        "a/projects.csv": "project_id,name,stage,start_date,baseline_end_date,budget,rag_overall,last_updated\n"
            + "PRJ-1,P,execution,2026-01-01,2026-12-31,100,G,2026-11-01\n",
        "a/risks.csv": header + "PRJ-1,R-1,T,1,2,open\n",
        "b/risks.csv": header + "PRJ-1,R-2,T,2,3,closed\n",
        "c/risks.csv": header + "PRJ-1,R-3,T,3,4,open\n",
        "d/risks.csv": "impact,probability,status,title,risk_id,project_id,extra\n5,4,open,T,R-4,PRJ-1,x\n",
    ])
    defer { try? FileManager.default.removeItem(atPath: root) }
    let sink = DiagnosticSink()
    let risks = InputLoader().load([root], diagnostics: sink).portfolio.risks
    #expect(risks.map(\.riskID) == ["R-1", "R-2", "R-3", "R-4"])
    #expect(risks.map(\.probability) == [1, 2, 3, 4])
    #expect(risks.map(\.impact) == [2, 3, 4, 5])
    #expect(risks.map(\.status) == [.open, .closed, .open, .open])
    #expect(risks[3].extras == [ExtraField(name: "extra", value: "x")])
    #expect(sink.all.filter { $0.id == IngestID.unknownColumn }.count == 1)
}

@Test func repeatedTextsAreReusedOnlyForTheSameBytes() {
    // Same length, different bytes must not reuse the previous value; a long text (over the
    // 64-byte reuse limit) is decoded every time.
    let long = String(repeating: "x", count: 70)
    let owners = ["P-0001", "P-0001", "P-0002", "p-0002", long, long + "y", long, "P-0001"]
    let b = PortfolioBuilder(diagnostics: DiagnosticSink())
    let id = b.addFile(path: "t/risks.csv", isXML: false)
    let slots = b.bindHeader(.risks, names: Risk.columns.map(\.name), location: SourceLocation(file: "t/risks.csv", line: 1))
    for (i, owner) in owners.enumerated() {
        var row = riskBase
        row[1] = "R-\(i)"
        row[6] = owner
        b.beginRow(.risks, file: id, line: i + 2, column: 1)
        for (j, v) in row.enumerated() { b.field(slot: slots[j], string: v, line: i + 2, column: j) }
        b.endRow()
    }
    #expect(b.build().risks.map(\.owner) == owners)
}

/// The repeated-text check compares ids of 4 to 16 bytes as overlapping words: equal bytes
/// match and a difference at any position does not, whatever the length.
@Test func repeatedTextComparisonFindsADifferenceAtAnyPosition() {
    for n in 1...40 {
        let a = (0..<n).map { UInt8(0x41 + $0 % 26) }
        a.withUnsafeBufferPointer { x in
            let p = x.baseAddress!
            var copy = a
            copy.withUnsafeBufferPointer { y in
                #expect(TableTyper<Risk>.Plan.same(p, y.baseAddress!, n))
            }
            for i in 0..<n {
                copy = a
                copy[i] ^= 0x20
                copy.withUnsafeBufferPointer { y in
                    #expect(!TableTyper<Risk>.Plan.same(p, y.baseAddress!, n), "length \(n), byte \(i)")
                }
            }
        }
    }
}
