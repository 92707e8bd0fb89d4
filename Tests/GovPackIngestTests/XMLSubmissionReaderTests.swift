import Foundation
import GovPackCore
import GovPackTestSupport
import Testing
@testable import GovPackIngest

@Suite("Submission XML reader")
struct XMLSubmissionReaderTests {
    private func read(_ text: String, validate: Bool = true) -> (RecordingSink, DiagnosticSink, SubmissionHeader?) {
        let sink = RecordingSink()
        let diagnostics = DiagnosticSink()
        let header = SubmissionXMLReader.read(
            Array(text.utf8), fileID: 7, path: "team/sub.xml", sink: sink, diagnostics: diagnostics, validate: validate)
        return (sink, diagnostics, header)
    }

    @Test func generatedSchemaCompiles() {
        let (schema, messages) = XMLCompiledSchema.compile(SubmissionSchema.xsd)
        #expect(schema != nil)
        #expect(messages == [])
        #expect(XMLCompiledSchema.compile(SubmissionSchema.validationXSD).0 != nil)  // the structural variant
        #expect(SubmissionSchema.xsd.contains("<xs:attribute name=\"probability\" type=\"g:int\" use=\"required\"/>"))
        #expect(SubmissionSchema.xsd.contains("<xs:pattern value=\"([Rr]|[Aa]|[Gg]|[Rr][Ee][Dd]|[Aa][Mm][Bb][Ee][Rr]|[Gg][Rr][Ee][Ee][Nn])?\"/>"))
    }

    @Test func validDocumentMapsToRowsWithNestedProjectIDs() throws {
        let url = TestPaths.fixture("GovPackIngestTests", "xml/submission-valid.xml")
        let sink = RecordingSink()
        let diagnostics = DiagnosticSink()
        let header = SubmissionXMLReader.read(
            file: url.path, fileID: 3, path: "payments/submission.xml", sink: sink, diagnostics: diagnostics)

        #expect(diagnostics.all.map(\.formatted) == [])
        #expect(header == SubmissionHeader(period: "2026-11", team: "Payments", line: 2))
        #expect(sink.unbalanced == 0)
        let expected: [(Entity, Int, Int, [String: String])] = [
            (.programs, 3, 3, ["program_id": "PGM-2", "name": "Payments modernisation", "sponsor": "P-001"]),
            (.people, 4, 3, ["person_id": "P-017", "name": "Ada Okafor", "role": "PM", "capacity_hours": "140"]),
            (.projects, 5, 3, [
                "project_id": "PRJ-014", "name": "Card tokenisation", "program_id": "PGM-2", "stage": "execution",
                "start_date": "2026-02-01", "baseline_end_date": "2027-03-31", "budget": "1250000",
                "rag_overall": "A", "last_updated": "2026-11-24",
            ]),
            (.financials, 9, 5, [
                "project_id": "PRJ-014", "period": "2026-11", "planned_value": "90000", "earned_value": "81000",
                "actual_cost": "97000",
            ]),
            (.risks, 11, 5, [
                "project_id": "PRJ-014", "risk_id": "R-3", "title": "PCI audit slips", "category": "compliance",
                "probability": "3", "impact": "5", "owner": "P-017", "response": "mitigate", "status": "open",
            ]),
            (.milestones, 14, 5, [
                "project_id": "PRJ-014", "milestone_id": "M-4", "name": "Pilot live", "baseline_date": "2026-12-15",
                "forecast_date": "2027-01-20",
            ]),
            (.dependencies, 16, 5, [
                "from_project_id": "PRJ-014", "to_project_id": "PRJ-020", "description": "Needs the & vault",
                "status": "at_risk",
            ]),
            (.benefitMeasurements, 17, 5, [
                "project_id": "PRJ-014", "benefit_id": "B-1", "measured_on": "2026-10-31", "actual_value": "12.5",
            ]),
            (.risks, 19, 3, [
                "project_id": "PRJ-020", "risk_id": "R-1", "title": "Vendor late", "probability": "2", "impact": "4",
                "status": "open", "board_ref": "BR-9",
            ]),
        ]
        try #require(sink.rows.count == expected.count)
        for (row, e) in zip(sink.rows, expected) {
            #expect(row.entity == e.0)
            #expect(row.line == e.1)
            #expect(row.column == e.2)
            #expect(row.fields == e.3)
        }
        // Inherited ids point at the project's attribute; values at their own first character.
        #expect(sink.rows[3].positions["project_id"] == "5:24")
        #expect(sink.rows[4].positions["probability"] == "12:24")
        #expect(sink.rows[6].positions["to_project_id"] == "16:32")
        #expect(sink.rows[6].positions["description"] == "16:0")  // rewritten by libxml2 (&amp;)
        #expect(sink.rows[6].positions["status"] == "16:85")
    }

    @Test func schemaErrorsCarryLinesAndElementsAndRowsStillFlow() {
        let doc = """
            <?xml version="1.0"?>
            <submission xmlns="urn:govpack:submission:1" period="2026-13x">
              <project project_id="P1" name="X" stage="execution" start_date="2026-01-01" baseline_end_date="2026-12-31" budget="10" rag_overall="G" last_updated="2026-11-01">
                <programme program_id="x"/>
              </project>
              <riks project_id="P1" risk_id="R1"/>
              <risk project_id="P1" risk_id="R2" title="t" probability="9" impact="x" status="open"/>
            </submission>
            """
        let (sink, diagnostics, header) = read(doc)
        #expect(diagnostics.all.map(summary) == [
            "ingest.xml.schema error 2:0 <submission>",
            "ingest.xml.schema error 4:0 <programme>",
            "ingest.xml.schema error 6:0 <riks>",
        ])
        #expect(diagnostics.all.map(\.message).first?.contains("2026-13x") == true)
        #expect(header?.period == "2026-13x")
        // The bad impact is the typing layer's to report; the row is delivered.
        #expect(sink.rows.map(\.entity) == [.projects, .risks])
        #expect(sink.rows[1].fields["impact"] == "x")
    }

    @Test func unknownElementsAreReportedWhenNotValidating() {
        let doc = """
            <submission xmlns="urn:govpack:submission:1">
              <riks project_id="P1"><risk risk_id="inner"/></riks>
              <lesson project_id="P1" lesson_id="L1" description="d"/>
            </submission>
            """
        let (sink, diagnostics, _) = read(doc, validate: false)
        #expect(diagnostics.all.map(summary) == ["ingest.xml.unknown_element error 2:3 <riks>"])
        #expect(sink.rows.map(\.entity) == [.lessons])
    }

    @Test func nestedRowNamingAnotherProjectIsAnError() {
        let doc = """
            <submission xmlns="urn:govpack:submission:1">
              <project project_id="P1">
                <issue project_id="P2" issue_id="I-1" title="x"/>
                <issue project_id="P1" issue_id="I-2" title="y"/>
              </project>
            </submission>
            """
        let (sink, diagnostics, _) = read(doc, validate: false)
        #expect(diagnostics.all.map(summary) == ["ingest.xml.schema error 3:24 <issue>"])
        #expect(sink.rows(.issues).map { $0.fields["project_id"] } == ["P1", "P1"])
    }

    @Test func wrongRootIsRejected() {
        let (sink, diagnostics, header) = read(#"<Project xmlns="http://schemas.microsoft.com/project"><Name>x</Name></Project>"#)
        #expect(header == nil)
        #expect(sink.rows.isEmpty)
        #expect(diagnostics.all.map(summary) == ["ingest.xml.unknown_root error 1:1"])
    }

    @Test func malformedDocumentStopsAtTheFault() {
        let doc = """
            <submission xmlns="urn:govpack:submission:1">
              <lesson project_id="P1" lesson_id="L1" description="d"/>
              <lesson project_id="P1" lesson_id="L2" description="d">
            </submission>
            <lesson project_id="P1" lesson_id="L3" description="d"/>
            """
        let (sink, diagnostics, _) = read(doc)
        let d = diagnostics.all.filter { $0.id == IngestID.xmlMalformed }
        #expect(d.count == 1)
        #expect(d.first.map(summary) == "ingest.xml.malformed error 4:14")
        #expect(sink.rows.map { $0.fields["lesson_id"] } == ["L1", "L2"])
    }

    /// Past line 65535 libxml2's tree validation reports 65535; streaming reports the true line.
    @Test func schemaErrorsPastLine65535HaveTheirTrueLine() {
        var doc = "<submission xmlns=\"urn:govpack:submission:1\">\n"  // line 1
        for i in 2...70_001 {
            doc += "<risk project_id=\"P\" risk_id=\"R\(i)\" title=\"t\" probability=\"1\" impact=\"1\" status=\"open\"/>\n"
        }
        doc += "<riks project_id=\"P\"/>\n"  // line 70002
        doc += "  <lesson project_id=\"P\" lesson_id=\"L\" description=\"d\"/>\n"  // line 70003
        doc += "</submission>\n"
        let (sink, diagnostics, _) = read(doc)
        #expect(diagnostics.all.map(summary) == ["ingest.xml.schema error 70002:0 <riks>"])
        #expect(sink.rows.count == 70_001)
        #expect(sink.rows.last.map { "\($0.entity.rawValue) \($0.line):\($0.column)" } == "lessons 70003:3")
        #expect(sink.rows.last?.positions["lesson_id"] == "70003:37")
    }
}

/// The published (typed) schema accepts the valid fixture and catches bad values on its own,
/// for teams that validate with their own tools.
@Suite("Published submission schema")
struct XMLPublishedSchemaTests {
    final class Quiet: XMLStreamHandler {
        func startElement(_ tag: XMLStartTag, reader: XMLStreamReader) {}
        func endElement(reader: XMLStreamReader) {}
    }

    private func validate(_ text: String) -> [String] {
        let (schema, _) = XMLCompiledSchema.compile(SubmissionSchema.xsd)
        let diagnostics = DiagnosticSink()
        let reader = XMLStreamReader(path: "x.xml", fileID: 0, diagnostics: diagnostics)
        _ = Array(text.utf8).withUnsafeBytes { reader.parse($0, schema: schema, handler: Quiet()) }
        return diagnostics.all.map { "\($0.location?.line ?? 0) \($0.message)" }
    }

    @Test func acceptsTheValidFixture() throws {
        let text = try String(contentsOf: TestPaths.fixture("GovPackIngestTests", "xml/submission-valid.xml"), encoding: .utf8)
        #expect(validate(text) == [])
    }

    @Test func rejectsBadValues() {
        let messages = validate("""
            <submission xmlns="urn:govpack:submission:1">
              <risk project_id="P" risk_id="R" title="t" probability="high" impact="5" status="Open" raised_date="12/01/2026"/>
              <risk project_id="P" risk_id="R2" title="t" probability="2" impact="5" status="open" escalated="maybe"/>
              <project project_id="P" name="n" stage="Execution" start_date="2026-01-01" baseline_end_date="2026-12-31" budget="1,250,000" rag_overall="amber" last_updated="2026-11-01"/>
            </submission>
            """)
        // One line per bad value (libxml2 may add a second message for a failed pattern).
        #expect(Set(messages.map { $0.split(separator: " ")[0] }) == ["2", "3", "4"])
        #expect(messages.contains { $0.contains("'high'") })
        #expect(messages.contains { $0.contains("'12/01/2026'") })
        #expect(messages.contains { $0.contains("'maybe'") })
        #expect(messages.contains { $0.contains("'1,250,000'") })
        #expect(!messages.contains { $0.contains("'Open'") || $0.contains("'Execution'") || $0.contains("'amber'") })
    }
}

@Suite("Submission XML reader, concurrently")
struct XMLConcurrencyTests {
    /// The pipeline reads files on several threads: one compiled schema, per-thread error handlers.
    @Test func readsOnSeveralThreadsAtOnce() throws {
        let bytes = Array(try Data(contentsOf: TestPaths.fixture("GovPackIngestTests", "xml/submission-valid.xml")))
        let bad = Array("<submission xmlns=\"urn:govpack:submission:1\">\n<riks/>\n</submission>".utf8)
        final class Results: @unchecked Sendable {
            let lock = NSLock()
            var rows: [Int] = []
            var errors: [String] = []
        }
        let results = Results()
        DispatchQueue.concurrentPerform(iterations: 16) { i in
            let sink = RecordingSink()
            let diagnostics = DiagnosticSink()
            SubmissionXMLReader.read(
                i % 2 == 0 ? bytes : bad, fileID: UInt32(i), path: "f\(i).xml", sink: sink, diagnostics: diagnostics)
            results.lock.lock()
            results.rows.append(sink.rows.count)
            results.errors.append(contentsOf: diagnostics.all.map { "\($0.location?.file ?? "") \($0.location?.line ?? 0)" })
            results.lock.unlock()
        }
        #expect(results.rows.sorted() == Array(repeating: 0, count: 8) + Array(repeating: 9, count: 8))
        #expect(results.errors.sorted() == (0..<16).filter { $0 % 2 == 1 }.map { "f\($0).xml 2" }.sorted())
    }
}
