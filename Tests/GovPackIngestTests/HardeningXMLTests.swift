import Foundation
import GovPackCore
import Testing
@testable import GovPackIngest

/// XML attacks against both XML readers, with proof that nothing outside the document is read:
/// every external reference points at a temporary file holding a marker string, or at a TCP
/// listener on 127.0.0.1 that counts connections. The marker must appear in no diagnostic and no
/// row; the listener must see no connection; each document is refused within a bounded time.
@Suite("Hardening: XML attacks")
struct HardeningXMLTests {
    /// A temp file whose content is a marker no document contains.
    static let marker = "GOVPACK-SECRET-7f3a9c"
    static let secret: String = {
        let path = NSTemporaryDirectory() + "govpack-hardening-secret-\(getpid()).txt"
        _ = FileManager.default.createFile(atPath: path, contents: Data((marker + "\n").utf8))
        return path
    }()

    /// A listening TCP socket on 127.0.0.1 (a free port) that never accepts: a connection attempt
    /// would sit in its backlog, where a non-blocking accept finds it.
    final class Listener: @unchecked Sendable {
        let fd: Int32
        let port: Int

        init?() {
            let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            guard fd >= 0 else { return nil }
            self.fd = fd
            var addr = sockaddr_in()
            addr.sin_family = sa_family_t(AF_INET)
            addr.sin_addr.s_addr = inet_addr("127.0.0.1")
            addr.sin_port = 0
            let bound = withUnsafePointer(to: &addr) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
            guard bound == 0, listen(fd, 16) == 0 else {
                close(fd)
                return nil
            }
            var out = sockaddr_in()
            var len = socklen_t(MemoryLayout<sockaddr_in>.size)
            _ = withUnsafeMutablePointer(to: &out) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &len) }
            }
            self.port = Int(UInt16(bigEndian: out.sin_port))
            _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
        }

        /// Connections waiting in the backlog (accepted and closed here).
        func drain() -> Int {
            var n = 0
            while true {
                let c = accept(fd, nil, nil)
                if c < 0 { return n }
                close(c)
                n += 1
            }
        }

        deinit { close(fd) }
    }

    struct Case: CustomStringConvertible, Sendable {
        var description: String
        /// The document; `SECRET` is replaced by the marker file's path, `PORT` by the listener's port.
        var document: String
        /// "id line:column" of the one error expected.
        var expected: String
    }

    static let quadratic: String = {
        // One entity of 50,000 bytes referenced 50,000 times: 2.5 GB if expanded.
        let big = String(repeating: "a", count: 50_000)
        let refs = String(repeating: "&big;", count: 50_000)
        return "<?xml version=\"1.0\"?>\n<!DOCTYPE submission [<!ENTITY big \"\(big)\">]>\n"
            + "<submission xmlns=\"urn:govpack:submission:1\"><program program_id=\"p\" name=\"\(refs)\"/></submission>\n"
    }()

    static let cases: [Case] = [
        Case(
            description: "external entity, file",
            document: """
                <?xml version="1.0"?>
                <!DOCTYPE submission [<!ENTITY e SYSTEM "file://SECRET">]>
                <submission xmlns="urn:govpack:submission:1"><program program_id="p" name="&e;"/></submission>
                """,
            expected: "ingest.xml.doctype_refused 2:0"),
        Case(
            description: "external entity, http",
            document: """
                <?xml version="1.0"?>
                <!DOCTYPE submission [<!ENTITY e SYSTEM "http://127.0.0.1:PORT/e">]>
                <submission xmlns="urn:govpack:submission:1"><program program_id="p" name="&e;"/></submission>
                """,
            expected: "ingest.xml.doctype_refused 2:0"),
        Case(
            description: "parameter entity, file",
            document: """
                <?xml version="1.0"?>
                <!DOCTYPE submission [
                  <!ENTITY % p SYSTEM "SECRET">
                  %p;
                ]>
                <submission xmlns="urn:govpack:submission:1"><program program_id="p" name="n"/></submission>
                """,
            expected: "ingest.xml.doctype_refused 2:0"),
        Case(
            description: "parameter entity, http",
            document: """
                <?xml version="1.0"?>
                <!DOCTYPE submission [<!ENTITY % p SYSTEM "http://127.0.0.1:PORT/p.dtd"> %p;]>
                <submission xmlns="urn:govpack:submission:1"><program program_id="p" name="n"/></submission>
                """,
            expected: "ingest.xml.doctype_refused 2:0"),
        Case(description: "billion laughs", document: XMLSecurityTests.laughs, expected: "ingest.xml.doctype_refused 2:0"),
        Case(description: "quadratic blow-up", document: quadratic, expected: "ingest.xml.doctype_refused 2:0"),
        Case(
            description: "external DTD, http",
            document: """
                <?xml version="1.0"?>
                <!DOCTYPE submission SYSTEM "http://127.0.0.1:PORT/evil.dtd">
                <submission xmlns="urn:govpack:submission:1"><program program_id="p" name="n"/></submission>
                """,
            expected: "ingest.xml.doctype_refused 2:0"),
        Case(
            description: "external DTD, local path",
            document: """
                <?xml version="1.0"?>
                <!DOCTYPE submission PUBLIC "-//X//DTD//EN" "SECRET">
                <submission xmlns="urn:govpack:submission:1"><program program_id="p" name="n"/></submission>
                """,
            expected: "ingest.xml.doctype_refused 2:0"),
        Case(
            description: "XInclude, local path",
            document: """
                <?xml version="1.0"?>
                <submission xmlns="urn:govpack:submission:1" xmlns:xi="http://www.w3.org/2001/XInclude">
                  <xi:include href="SECRET" parse="text"/>
                  <program program_id="p" name="n"/>
                </submission>
                """,
            expected: "ingest.xml.unknown_element 3:3"),
        Case(
            description: "XInclude 2003 namespace, http",
            document: """
                <?xml version="1.0"?>
                <submission xmlns="urn:govpack:submission:1">
                  <include xmlns="http://www.w3.org/2003/XInclude" href="http://127.0.0.1:PORT/x" parse="text"/>
                </submission>
                """,
            expected: "ingest.xml.unknown_element 3:3"),
    ]

    static func instantiate(_ c: Case, port: Int) -> String {
        c.document.replacingOccurrences(of: "SECRET", with: secret).replacingOccurrences(of: "PORT", with: String(port))
    }

    static func asMSPDI(_ document: String) -> String {
        document
            .replacingOccurrences(of: "DOCTYPE submission", with: "DOCTYPE Project")
            .replacingOccurrences(of: "urn:govpack:submission:1", with: "http://schemas.microsoft.com/project")
            .replacingOccurrences(of: "<submission ", with: "<Project ")
            .replacingOccurrences(of: "</submission>", with: "</Project>")
    }

    /// Everything a reader produced, as text, for the marker search.
    static func everything(_ sink: RecordingSink, _ diagnostics: DiagnosticSink) -> String {
        (diagnostics.all.map { "\($0.formatted) \($0.hint ?? "")" } + sink.rows.map(\.description)).joined(separator: "\n")
    }

    @Test(arguments: cases)
    func submissionReaderRefuses(_ c: Case) throws {
        let listener = try #require(Listener())
        let document = Self.instantiate(c, port: listener.port)
        let sink = RecordingSink()
        let diagnostics = DiagnosticSink()
        let elapsed = ContinuousClock().measure {
            SubmissionXMLReader.read(Array(document.utf8), fileID: 0, path: "evil.xml", sink: sink, diagnostics: diagnostics)
        }
        print("hardening xml submission '\(c)': \(elapsed)")
        #expect(elapsed < .seconds(2))
        let errors = diagnostics.all.filter { $0.severity == .error }
        #expect(errors.map { "\($0.id) \($0.location?.line ?? -1):\($0.location?.column ?? -1)" } == [c.expected])
        #expect(errors.allSatisfy { $0.location?.file == "evil.xml" })
        #expect(sink.rows.isEmpty)
        #expect(!Self.everything(sink, diagnostics).contains(Self.marker))
        #expect(listener.drain() == 0)
    }

    @Test(arguments: cases)
    func mspdiReaderRefuses(_ c: Case) throws {
        let listener = try #require(Listener())
        let document = Self.asMSPDI(Self.instantiate(c, port: listener.port))
        let sink = RecordingSink()
        let diagnostics = DiagnosticSink()
        let elapsed = ContinuousClock().measure {
            MSPDIReader.read(
                Array(document.utf8), fileID: 0, path: "evil.xml", options: MSPDIOptions(period: "2026-11"),
                sink: sink, diagnostics: diagnostics)
        }
        print("hardening xml mspdi '\(c)': \(elapsed)")
        #expect(elapsed < .seconds(2))
        let errors = diagnostics.all.filter { $0.severity == .error }
        #expect(errors.map { "\($0.id) \($0.location?.line ?? -1):\($0.location?.column ?? -1)" } == [c.expected])
        #expect(sink.rows.isEmpty)
        #expect(!Self.everything(sink, diagnostics).contains(Self.marker))
        #expect(listener.drain() == 0)
    }

    /// The same attacks from a file on disk (the chunked path the loader uses).
    @Test(arguments: cases)
    func fromFile(_ c: Case) throws {
        let listener = try #require(Listener())
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("govpack-hxml-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("evil.xml").path
        try Data(Self.instantiate(c, port: listener.port).utf8).write(to: URL(fileURLWithPath: path))
        let sink = RecordingSink()
        let diagnostics = DiagnosticSink()
        SubmissionXMLReader.read(file: path, fileID: 0, path: "evil.xml", sink: sink, diagnostics: diagnostics)
        let errors = diagnostics.all.filter { $0.severity == .error }
        #expect(errors.map { "\($0.id) \($0.location?.line ?? -1):\($0.location?.column ?? -1)" } == [c.expected])
        #expect(!Self.everything(sink, diagnostics).contains(Self.marker))
        #expect(listener.drain() == 0)
    }

    /// The listener itself works: a real connection is seen (so `drain() == 0` above means something).
    @Test func listenerSeesConnections() throws {
        let listener = try #require(Listener())
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        addr.sin_port = UInt16(listener.port).bigEndian
        let r = withUnsafePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        #expect(r == 0)
        usleep(50_000)
        #expect(listener.drain() == 1)
    }

    /// xsi:schemaLocation hints are never followed: govpack validates against its own compiled
    /// schema only. The document is read as if the hint were absent (the hint is an attribute of
    /// the XML Schema instance namespace, which the schema allows), and neither the local file nor
    /// the listener is touched.
    @Test func schemaLocationIsNotFollowed() throws {
        let listener = try #require(Listener())
        for hint in ["urn:govpack:submission:1 \(Self.secret)", "urn:govpack:submission:1 http://127.0.0.1:\(listener.port)/s.xsd"] {
            let document = """
                <?xml version="1.0"?>
                <submission xmlns="urn:govpack:submission:1" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                  xsi:schemaLocation="\(hint)" xsi:noNamespaceSchemaLocation="\(Self.secret)">
                  <program program_id="p" name="n"/>
                </submission>
                """
            let sink = RecordingSink()
            let diagnostics = DiagnosticSink()
            SubmissionXMLReader.read(Array(document.utf8), fileID: 0, path: "s.xml", sink: sink, diagnostics: diagnostics)
            #expect(!Self.everything(sink, diagnostics).contains(Self.marker))
            #expect(sink.rows.map { "\($0.entity.rawValue)@\($0.line):\($0.column)" } == ["programs@4:3"])
            #expect(sink.rows.first?.fields == ["program_id": "p", "name": "n"])
            #expect(diagnostics.all.isEmpty)
        }
        #expect(listener.drain() == 0)
    }

    /// A schema include inside a document is just an unknown element: refused by the schema,
    /// nothing fetched.
    @Test func schemaIncludeElementIsNotFollowed() throws {
        let listener = try #require(Listener())
        let document = """
            <submission xmlns="urn:govpack:submission:1">
              <include xmlns="http://www.w3.org/2001/XMLSchema" schemaLocation="\(Self.secret)"/>
              <import xmlns="http://www.w3.org/2001/XMLSchema" schemaLocation="http://127.0.0.1:\(listener.port)/x.xsd"/>
            </submission>
            """
        let sink = RecordingSink()
        let diagnostics = DiagnosticSink()
        SubmissionXMLReader.read(Array(document.utf8), fileID: 0, path: "s.xml", sink: sink, diagnostics: diagnostics)
        #expect(diagnostics.all.filter { $0.severity == .error }.map(\.id) == [IngestID.xmlSchema])
        #expect(!Self.everything(sink, diagnostics).contains(Self.marker))
        #expect(sink.rows.isEmpty)
        #expect(listener.drain() == 0)
    }

    /// 100,000 nested elements: the readers are event-driven (no recursion, no tree), so the depth
    /// costs nothing. The submission schema refuses the unknown element at its line; MSPDI skips
    /// elements it does not know (only the default project row from the file name comes out).
    @Test func deepNestingIsRefused() {
        let depth = 100_000
        var s = "<submission xmlns=\"urn:govpack:submission:1\">"
        s += String(repeating: "<a>", count: depth) + String(repeating: "</a>", count: depth) + "</submission>"
        for reader in ["submission", "mspdi"] {
            let sink = RecordingSink()
            let diagnostics = DiagnosticSink()
            let bytes = Array((reader == "mspdi" ? Self.asMSPDI(s) : s).utf8)
            let elapsed = ContinuousClock().measure {
                if reader == "mspdi" {
                    MSPDIReader.read(bytes, fileID: 0, path: "deep.xml", options: MSPDIOptions(period: "2026-11"),
                                     sink: sink, diagnostics: diagnostics)
                } else {
                    SubmissionXMLReader.read(bytes, fileID: 0, path: "deep.xml", sink: sink, diagnostics: diagnostics)
                }
            }
            print("hardening xml deep nesting (\(reader)): \(elapsed); \(diagnostics.all.map(summary))")
            #expect(elapsed < .seconds(10))
            if reader == "mspdi" {
                #expect(diagnostics.all.map(summary) == ["ingest.mspdi.project_id info 1:1 <Project>"])
                #expect(sink.rows.map(\.entity) == [.projects])
            } else {
                #expect(diagnostics.all.map(summary) == ["ingest.xml.schema error 1:0 <a>"])
                #expect(sink.rows.isEmpty)
            }
        }
    }
}
