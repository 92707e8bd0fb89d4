import Foundation
import GovPackCore
import GovPackTestSupport
import Testing
@testable import GovPackIngest

@Suite("XML root recognition")
struct XMLRootTests {
    struct Case: Sendable, CustomStringConvertible {
        var description: String
        var text: String
        var namespace: String?
        var localName: String?
    }

    static let cases: [Case] = [
        Case(description: "submission", text: "<?xml version=\"1.0\"?>\n<!-- c -->\n<submission xmlns=\"urn:govpack:submission:1\" period=\"2026-11\">",
             namespace: "urn:govpack:submission:1", localName: "submission"),
        Case(description: "MSPDI, prefix only", text: "\u{FEFF}<?xml version=\"1.0\"?><Project xmlns=\"http://schemas.microsoft.com/project\"><Name>x",
             namespace: "http://schemas.microsoft.com/project", localName: "Project"),
        Case(description: "prefixed root", text: "<g:submission xmlns:g=\"urn:govpack:submission:1\"/>",
             namespace: "urn:govpack:submission:1", localName: "submission"),
        Case(description: "no namespace", text: "<rows><row/></rows>", namespace: nil, localName: "rows"),
        Case(description: "doctype", text: "<!DOCTYPE x [<!ENTITY e \"e\">]><x/>", namespace: nil, localName: nil),
        Case(description: "not XML", text: "project_id,name\nP1,x\n", namespace: nil, localName: nil),
        Case(description: "cut inside the root tag", text: "<submission xmlns=\"urn:gov", namespace: nil, localName: nil),
    ]

    @Test(arguments: cases)
    func sniff(_ c: Case) {
        let root = XMLRoot.sniff(Array(c.text.utf8))
        #expect(root?.namespace == c.namespace)
        #expect(root?.localName == c.localName)
    }

    @Test func utf16DocumentIsRecognisedAndRead() {
        let text = "<?xml version=\"1.0\" encoding=\"UTF-16\"?>\n<submission xmlns=\"urn:govpack:submission:1\">\n  <program program_id=\"PGM-1\" name=\"Zürich\"/>\n</submission>\n"
        var bytes: [UInt8] = [0xFF, 0xFE]
        for unit in text.utf16 { bytes += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        #expect(XMLRoot.sniff(bytes)?.localName == "submission")
        let sink = RecordingSink()
        let diagnostics = DiagnosticSink()
        SubmissionXMLReader.read(bytes, fileID: 0, path: "u16.xml", sink: sink, diagnostics: diagnostics)
        #expect(diagnostics.all.map(\.formatted) == [])
        #expect(sink.rows.map(\.fields) == [["program_id": "PGM-1", "name": "Zürich"]])
        #expect(sink.rows.first.map { "\($0.line):\($0.column)" } == "3:3")
    }

    @Test func dispatcherPicksTheReaderByRoot() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let sub = try folder.write("a.xml", "<submission xmlns=\"urn:govpack:submission:1\" team=\"T\"><program program_id=\"P\" name=\"n\"/></submission>")
        let ms = try folder.write("b.xml", "<Project xmlns=\"http://schemas.microsoft.com/project\"><Title>t</Title></Project>")
        let other = try folder.write("c.xml", "<rss xmlns=\"http://purl.org/rss/1.0/\"/>")
        let sink = RecordingSink()
        let diagnostics = DiagnosticSink()
        let options = MSPDIOptions()
        #expect(XMLDocumentReader.read(file: sub.path, fileID: 0, path: "a.xml", mspdi: options, sink: sink, diagnostics: diagnostics)
            == .submission(SubmissionHeader(team: "T", line: 1)))
        #expect(XMLDocumentReader.read(file: ms.path, fileID: 1, path: "b.xml", mspdi: options, sink: sink, diagnostics: diagnostics) == .mspdi)
        #expect(XMLDocumentReader.read(file: other.path, fileID: 2, path: "c.xml", mspdi: options, sink: sink, diagnostics: diagnostics) == nil)
        #expect(sink.rows.map(\.entity) == [.programs, .projects])
        #expect(diagnostics.all.filter { $0.severity == .error }.map { "\($0.id) \($0.location?.file ?? "")" }
            == ["ingest.xml.unknown_root c.xml"])
    }
}

@Suite("XML byte scanning")
struct XMLByteScanTests {
    @Test(arguments: [
        ("", nil), ("<", 0), ("a<b", 1), ("<abcdefghijklmnop", 0), ("abcdefgh<ijklmnop<", 17),
        ("abcdefghijklmnopq<rs", 17), ("<<<<<<<<<", 8), ("abcdefghijklmnop", nil), ("\u{3C}\u{FF}ab", 0),
    ] as [(String, Int?)])
    func lastLessThan(_ text: String, _ expected: Int?) {
        let bytes = Array(text.utf8)
        let found = bytes.withUnsafeBufferPointer { XMLStreamReader.lastIndex(of: 0x3C, in: $0.baseAddress ?? UnsafePointer(bitPattern: 1)!, count: $0.count) }
        #expect(found == expected)
    }

    @Test(arguments: [("", false), ("plain ascii text, 24 b", false), ("0123456789abcdeé", true), ("é", true), ("abcdefgh", false)])
    func nonASCII(_ text: String, _ expected: Bool) {
        let bytes = Array(text.utf8)
        let found = bytes.withUnsafeBufferPointer { XMLStreamReader.hasNonASCII($0.baseAddress ?? UnsafePointer(bitPattern: 1)!, $0.count) }
        #expect(found == expected)
    }
}
