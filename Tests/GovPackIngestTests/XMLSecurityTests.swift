import Foundation
import GovPackCore
import Testing
@testable import GovPackIngest

/// Hostile documents are refused before anything in them is expanded, fetched or delivered.
@Suite("XML hardening")
struct XMLSecurityTests {
    struct Case: CustomStringConvertible, Sendable {
        var description: String
        var document: String
        var expected: String
    }

    static let laughs: String = {
        var s = "<?xml version=\"1.0\"?>\n<!DOCTYPE submission [\n<!ENTITY lol \"lol\">\n"
        s += "<!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">\n"
        for i in 2...9 { s += "<!ENTITY lol\(i) \"" + String(repeating: "&lol\(i - 1);", count: 10) + "\">\n" }
        s += "]>\n<submission xmlns=\"urn:govpack:submission:1\"><program program_id=\"&lol9;\" name=\"&lol9;\"/></submission>\n"
        return s
    }()

    static let cases: [Case] = [
        Case(
            description: "external entity",
            document: """
                <?xml version="1.0"?>
                <!DOCTYPE submission [<!ENTITY e SYSTEM "file:///etc/passwd">]>
                <submission xmlns="urn:govpack:submission:1"><program program_id="p" name="&e;"/><lesson project_id="x" lesson_id="l" description="a">&e;</lesson></submission>
                """,
            expected: "ingest.xml.doctype_refused error 2:0"),
        Case(description: "billion laughs", document: laughs, expected: "ingest.xml.doctype_refused error 2:0"),
        Case(
            description: "external DTD",
            document: """
                <?xml version="1.0"?>
                <!DOCTYPE submission SYSTEM "http://127.0.0.1:9/evil.dtd">
                <submission xmlns="urn:govpack:submission:1"><program program_id="p" name="n"/></submission>
                """,
            expected: "ingest.xml.doctype_refused error 2:0"),
        Case(
            description: "parameter entity",
            document: """
                <?xml version="1.0"?>
                <!DOCTYPE submission [
                  <!ENTITY % p SYSTEM "file:///etc/passwd">
                  %p;
                ]>
                <submission xmlns="urn:govpack:submission:1"><program program_id="p" name="n"/></submission>
                """,
            expected: "ingest.xml.doctype_refused error 2:0"),
        Case(
            description: "XInclude",
            document: """
                <?xml version="1.0"?>
                <submission xmlns="urn:govpack:submission:1" xmlns:xi="http://www.w3.org/2001/XInclude">
                  <xi:include href="file:///etc/passwd" parse="text"/>
                  <program program_id="p" name="n"/>
                </submission>
                """,
            expected: "ingest.xml.unknown_element error 3:3"),
        Case(
            description: "undeclared entity",
            document: """
                <submission xmlns="urn:govpack:submission:1"><program program_id="p" name="&passwd;"/></submission>
                """,
            expected: "ingest.xml.malformed error 1:84"),  // libxml2 points just after the reference
    ]

    @Test(arguments: cases)
    func hostileSubmissionIsRefused(_ c: Case) {
        let sink = RecordingSink()
        let diagnostics = DiagnosticSink()
        let clock = ContinuousClock()
        let elapsed = clock.measure {
            SubmissionXMLReader.read(
                Array(c.document.utf8), fileID: 0, path: "evil.xml", sink: sink, diagnostics: diagnostics)
        }
        #expect(elapsed < .milliseconds(500))
        #expect(diagnostics.all.filter { $0.severity == .error }.map(summary) == [c.expected])
        // Nothing from the hostile part reaches the rows, and /etc/passwd is never read.
        #expect(sink.rows.isEmpty)
        #expect(!diagnostics.all.contains { $0.message.contains("root:") })
    }

    @Test(arguments: cases)
    func hostileMSPDIIsRefused(_ c: Case) {
        let document = c.document
            .replacingOccurrences(of: "DOCTYPE submission", with: "DOCTYPE Project")
            .replacingOccurrences(of: "urn:govpack:submission:1", with: "http://schemas.microsoft.com/project")
            .replacingOccurrences(of: "<submission ", with: "<Project ")
            .replacingOccurrences(of: "</submission>", with: "</Project>")
        let sink = RecordingSink()
        let diagnostics = DiagnosticSink()
        MSPDIReader.read(
            Array(document.utf8), fileID: 0, path: "evil.xml", options: MSPDIOptions(period: "2026-11"),
            sink: sink, diagnostics: diagnostics)
        let ids = diagnostics.all.filter { $0.severity == .error }.map(\.id)
        #expect(ids == [String(c.expected.split(separator: " ")[0])])
        #expect(sink.rows.isEmpty)
    }

    @Test func messageSaysWhatToDo() {
        let diagnostics = DiagnosticSink()
        SubmissionXMLReader.read(
            Array(Self.cases[0].document.utf8), fileID: 0, path: "evil.xml", sink: RecordingSink(),
            diagnostics: diagnostics)
        #expect(diagnostics.all.first?.formatted
            == "evil.xml:2: error: [ingest.xml.doctype_refused] DOCTYPE and entity declarations are not accepted; remove the <!DOCTYPE ...> block\n  hint: govpack never reads DTDs or entities, so that a file cannot pull in other files or expand without bound")
    }
}
