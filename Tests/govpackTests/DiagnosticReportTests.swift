import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import GovPackCore
import GovPackPipeline
import Testing

@Suite struct DiagnosticReportTests {
    static let diagnostics = [
        Diagnostic(id: "ingest.xml.unknown_root", severity: .error, message: "root <x> is not a submission",
                   location: SourceLocation(file: "t/a.xml", line: 2, column: 0, element: "x")),
        Diagnostic(id: "rule.risk.escalated", severity: .error, message: "open risk R-3 scores 20 & is \"not\" escalated",
                   location: SourceLocation(file: "t/risks.csv", line: 22, column: 1), hint: "escalate", projectID: "PRJ-011"),
        Diagnostic(id: "rule.project.update_stale", severity: .warning, message: "stale",
                   location: SourceLocation(file: "t/projects.csv", line: 5, column: 1), projectID: "PRJ-034"),
        Diagnostic(id: "validate.period_inferred", severity: .info, message: "period inferred"),
    ]
    static let summary = RunSummary(files: 3, rejectedFiles: 1, projects: 2, errors: 2, warnings: 1, infos: 1)

    @Test func textIsGroupedByProjectWithASummary() {
        let text = DiagnosticReport.text(Self.diagnostics, summary: Self.summary, showInfo: false)
        #expect(text == """
            t/a.xml:2: error: [ingest.xml.unknown_root] root <x> is not a submission (element <x>)

            == project PRJ-011
            t/risks.csv:22:1: error: [rule.risk.escalated] open risk R-3 scores 20 & is "not" escalated
              hint: escalate

            == project PRJ-034
            t/projects.csv:5:1: warning: [rule.project.update_stale] stale
            2 errors, 1 warning, 1 note in 3 files (2 projects, 1 rejected) (1 note hidden; --verbose shows them)

            """)
    }

    @Test func theComplianceTableShowsTheProjectsBelowFullMarksAndAFewMore() {
        let compliance = (1...30).map { i in
            (project: "PRJ-\(i < 10 ? "0" : "")\(i)", score: i == 7 ? 50.0 : (i == 30 ? nil : 100.0) as Double?, errors: i == 7 ? 1 : 0,
             warnings: i == 12 ? 2 : 0)
        }
        let text = DiagnosticReport.text([], summary: Self.summary, compliance: compliance)
        let lines = text.split(separator: "\n").map(String.init)
        // PRJ-07 (50%) first, then PRJ-12 (100% but warnings), then 100% projects by id: ten lines;
        // the 20 others are summed up.
        let rows = lines.filter { $0.hasPrefix("  PRJ") }
        #expect(rows.prefix(3) == ["  PRJ-07        50.0%  1 error, 0 warnings", "  PRJ-12       100.0%  0 errors, 2 warnings",
                                   "  PRJ-01       100.0%  0 errors, 0 warnings"])
        #expect(lines.filter { $0.hasPrefix("  PRJ") }.count == 10)
        #expect(lines.contains("  ... and 20 more projects at 100% with no warnings (or no error rule applied)"))
    }

    @Test func junitHasOneFailingCasePerFileWithErrors() throws {
        let xml = DiagnosticReport.junit(Self.diagnostics, files: ["t/projects.csv", "t/risks.csv", "t/ok.csv"], summary: Self.summary)
        #expect(xml.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"govpack\" tests=\"4\" failures=\"2\">"))
        #expect(xml.contains("<testcase classname=\"govpack.validate\" name=\"t/ok.csv\">\n    </testcase>"))
        #expect(xml.contains("<failure message=\"1 error\" type=\"rule.risk.escalated\">t/risks.csv:22:1: error: [rule.risk.escalated] open risk R-3 scores 20 &amp; is &quot;not&quot; escalated"))
        #expect(xml.contains("<system-out>t/projects.csv:5:1: warning: [rule.project.update_stale] stale</system-out>"))
        // Well-formed XML.
        let doc = try XMLDocument(xmlString: xml)
        #expect(doc.rootElement()?.name == "testsuites")
    }

    @Test func sarifListsResultsWithRegions() throws {
        let json = DiagnosticReport.sarif(Self.diagnostics, version: "0.1.0")
        let obj = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(obj["version"] as? String == "2.1.0")
        let run = try #require((obj["runs"] as? [[String: Any]])?.first)
        let results = try #require(run["results"] as? [[String: Any]])
        #expect(results.count == 4)
        let escalated = try #require(results.first { $0["ruleId"] as? String == "rule.risk.escalated" })
        #expect(escalated["level"] as? String == "error")
        let region = ((escalated["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])?["region"] as? [String: Int]
        #expect(region == ["startLine": 22, "startColumn": 1])
        #expect(results.first { $0["ruleId"] as? String == "validate.period_inferred" }?["level"] as? String == "note")
    }
}

@Suite struct CurrencyCheckTests {
    @Test(arguments: [
        ([nil, "GBP", "gbp"], nil),
        (["EUR", "GBP", nil], "the projects are in 2 currencies (EUR: P1; GBP: P2); portfolio sums would mix them"),
    ] as [([String?], String?)])
    func oneCurrencyPerRun(_ currencies: [String?], _ expected: String?) {
        var p = Portfolio()
        for (i, c) in currencies.enumerated() {
            var project = Project()
            project.projectID = "P\(i + 1)"
            project.currency = c
            p.projects.append(project)
        }
        let sink = DiagnosticSink()
        CurrencyCheck.check(p, diagnostics: sink)
        #expect(sink.all.first?.message == expected)
        #expect(sink.all.first.map(\.severity) == (expected == nil ? nil : .error))
    }
}
