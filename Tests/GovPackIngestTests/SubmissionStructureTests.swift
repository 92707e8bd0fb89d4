import GovPackCore
import Testing
@testable import GovPackIngest

/// The Swift structure check (`SubmissionStructure`) against libxml2 validating the same document
/// with `SubmissionSchema.validationXSD`: they must agree on valid/invalid and on the elements
/// they name; the Swift findings are pinned whole (id, severity, line, column, element).
@Suite("Submission structure check")
struct SubmissionStructureTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let description: String
        let document: String
        /// The Swift check's findings, as `summary` gives them.
        let expected: [String]
        /// A phrase the first finding's message must hold.
        var says: String? = nil
        var testDescription: String { description }
    }

    static let xsi = "http://www.w3.org/2001/XMLSchema-instance"

    /// A submission whose body starts on line 2.
    static func doc(_ body: String, period: String = "2026-11") -> String {
        "<submission xmlns=\"urn:govpack:submission:1\" xmlns:xsi=\"\(xsi)\" period=\"\(period)\" team=\"T\">\n"
            + body + "\n</submission>\n"
    }

    static let project = #"<project project_id="P1" name="n" stage="execution">"#

    static let cases: [Case] = [
        Case(
            description: "valid: rows at the top and in a project, comments, blanks, foreign attributes",
            document: doc("""
                  <!-- a comment --><?pi data?>
                  <program program_id="G" name="g" xml:lang="en" xsi:schemaLocation="urn:govpack:submission:1 s.xsd"/>
                  <person person_id="A" name="a"/><certification person_id="A"/>
                  \(project)
                    <financials period="2026-11"/>
                    <milestone milestone_id="M"></milestone>
                    <stage_gate/><risk/><issue/><assignment/><benefit/><benefit_measurement/>
                    <change_impact/><lesson/><dependency to_project_id="P2"/>
                  </project>
                  <risk project_id="P1" risk_id="R" extra="kept" g:x="1" xmlns:g="urn:other"/>
                  <dependency from_project_id="P1" to_project_id="P2"/>
                """, period: " 2026-11 "),
            expected: []),
        Case(description: "valid: empty period", document: doc("<lesson/>", period: ""), expected: []),
        Case(
            description: "unknown element at the root; the rest of the root is not checked",
            document: doc("""
                  <lesson/>
                  <riks project_id="P1"><risk/></riks>
                  <foo/>
                """),
            expected: ["ingest.xml.schema error 3:0 <riks>"], says: "Expected is one of ( program, person"),
        Case(
            description: "row element inside a row",
            document: doc("""
                  <risk project_id="P1" risk_id="R">
                    <risk risk_id="R2"/><foo/>
                  </risk>
                  <lesson/>
                """),
            expected: ["ingest.xml.schema error 2:0 <risk>", "ingest.xml.schema error 3:0 <risk>"],
            says: "Character content is not allowed"),
        Case(
            description: "element inside a row nested in a project",
            document: doc("\(project)<risk><owner/></risk></project>"),
            expected: ["ingest.xml.schema error 2:0 <risk>"], says: "(found <owner>)"),
        Case(
            description: "top-level-only element inside a project",
            document: doc("""
                  \(project)
                    <risk/>
                    <program program_id="G"/>
                    <person/>
                  </project>
                  <program program_id="G"/>
                """),
            expected: ["ingest.xml.schema error 4:0 <program>"], says: "not expected inside <project>"),
        Case(
            description: "nested project",
            document: doc("\(project)\n    <project project_id=\"P2\"/>\n  </project>"),
            expected: ["ingest.xml.schema error 3:0 <project>"]),
        Case(
            description: "row in no namespace",
            document: doc(#"  <risk xmlns="" project_id="P1"/>"#),
            expected: ["ingest.xml.schema error 2:0 <risk>"], says: "in no namespace"),
        Case(
            description: "row in another namespace, inside a project",
            document: doc("\(project)<g:risk xmlns:g=\"urn:other\"/></project>"),
            expected: ["ingest.xml.schema error 2:0 <risk>"], says: "namespace 'urn:other'"),
        Case(
            description: "bad period",
            document: doc("<lesson/>", period: "2026-13x"),
            expected: ["ingest.xml.schema error 1:0 <submission>"], says: "'2026-13x' is not a period"),
        Case(
            description: "period with a blank inside",
            document: doc("<lesson/>", period: "2026-1 1"),
            expected: ["ingest.xml.schema error 1:0 <submission>"]),
        Case(
            description: "period in full-width digits",
            document: doc("<lesson/>", period: "２０２６-11"),
            expected: ["ingest.xml.schema error 1:0 <submission>"]),
        Case(
            description: "period with an entity",
            document: doc("<lesson/>", period: "2026-11&amp;"),
            expected: ["ingest.xml.schema error 1:0 <submission>"], says: "'2026-11&'"),
        Case(
            description: "period on a start tag over two lines",
            document: "<submission xmlns=\"urn:govpack:submission:1\"\n  period=\"11/2026\">\n<lesson/>\n</submission>",
            expected: ["ingest.xml.schema error 1:0 <submission>"]),
        Case(
            description: "text in a row, even blanks, even CDATA",
            document: doc("""
                  <risk>text</risk>
                  <issue> </issue>
                  <lesson>
                  </lesson>
                  <benefit><![CDATA[ ]]></benefit>
                  <program>x &amp; y</program>
                """),
            expected: [
                "ingest.xml.schema error 2:0 <risk>", "ingest.xml.schema error 3:0 <issue>",
                "ingest.xml.schema error 4:0 <lesson>", "ingest.xml.schema error 6:0 <benefit>",
                "ingest.xml.schema error 7:0 <program>",
            ],
            says: "write it as <risk ... />"),
        Case(
            description: "text in the root and in a project, at the line of the text",
            document: doc("""
                  <lesson/>
                  hello
                  \(project)

                    world <risk/>
                  </project>
                """),
            expected: ["ingest.xml.schema error 3:0 <submission>", "ingest.xml.schema error 6:0 <project>"],
            says: "element-only"),
        Case(
            description: "blank CDATA in a project; comments and processing instructions are fine",
            document: doc("\(project)<!-- c --><?pi x?><![CDATA[ ]]></project>"),
            expected: ["ingest.xml.schema error 2:0 <project>"]),
        Case(
            description: "xsi:nil and xsi:type",
            document: doc("""
                  <risk xsi:nil="false"/>
                  <risk xsi:type="foo"/>
                  \(project)<lesson xsi:nil="true"/></project>
                  <risk xsi:foo="allowed"/>
                """),
            expected: [
                "ingest.xml.schema error 2:0 <risk>", "ingest.xml.schema error 3:0 <risk>",
                "ingest.xml.schema error 4:0 <lesson>",
            ],
            says: "nillable"),
        Case(
            description: "xsi:nil on the root",
            document: "<submission xmlns=\"urn:govpack:submission:1\" xmlns:xsi=\"\(xsi)\" xsi:nil=\"true\"><lesson/></submission>",
            expected: ["ingest.xml.schema error 1:0 <submission>"]),
    ]

    final class Quiet: XMLStreamHandler {
        func startElement(_ tag: XMLStartTag, reader: XMLStreamReader) {}
        func endElement(reader: XMLStreamReader) {}
    }

    static let compiledValidationXSD = XMLCompiledSchema.compile(SubmissionSchema.validationXSD).0

    /// libxml2's findings with the structural XSD, as element names.
    static func libxml2(_ text: String) throws -> [Diagnostic] {
        let schema = try #require(compiledValidationXSD)
        let diagnostics = DiagnosticSink()
        let reader = XMLStreamReader(path: "s.xml", fileID: 0, diagnostics: diagnostics)
        _ = Array(text.utf8).withUnsafeBytes { reader.parse($0, schema: schema, handler: Quiet()) }
        return diagnostics.all
    }

    @Test(arguments: cases)
    func agreesWithLibxml2(_ c: Case) throws {
        let reference = try Self.libxml2(c.document)
        let diagnostics = DiagnosticSink()
        SubmissionXMLReader.read(Array(c.document.utf8), fileID: 0, path: "s.xml", sink: RecordingSink(), diagnostics: diagnostics)
        let findings = diagnostics.all.filter { $0.id == IngestID.xmlSchema }

        #expect(reference.allSatisfy { $0.id == IngestID.xmlSchema })
        #expect(findings.isEmpty == reference.isEmpty, "libxml2: \(reference.map(\.message))")
        #expect(Set(findings.map { $0.location?.element }) == Set(reference.map { $0.location?.element }))
        #expect(findings.map(summary) == c.expected)
        #expect(findings.allSatisfy { $0.location?.file == "s.xml" })
        // Every finding says what to do: a wrong namespace how to declare it, the rest where the
        // allowed structure is written down.
        for f in findings {
            let hint = f.hint ?? ""
            #expect(hint.contains("xmlns=\"urn:govpack:submission:1\"") || hint.contains("'govpack schema'"), "\(f.message)")
        }
        if let says = c.says {
            #expect(findings.first?.message.contains(says) == true, "\(findings.first?.message ?? "no finding")")
        }
    }

    @Test(arguments: [
        ("2026-11", true), ("", true), ("  ", true), (" 2026-11\t", true), ("2026-13", true),
        ("2026-1", false), ("2026-011", false), ("2026/11", false), ("26-11", false), ("2026-1 1", false),
        ("x2026-11", false),
    ])
    func periodPattern(_ value: String, _ valid: Bool) {
        let bytes = Array(value.utf8)
        #expect(bytes.withUnsafeBufferPointer { SubmissionStructure.isPeriod($0) } == valid)
    }
}
