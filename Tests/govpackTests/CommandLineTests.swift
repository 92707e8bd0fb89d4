import Foundation
import GovPackTestSupport
import Testing

/// Runs the built `govpack` as a user would (`make test` builds it before testing).
struct GovPackCLI {
    static let binary = TestPaths.root.appendingPathComponent(".build/debug/govpack").path
    static var available: Bool { FileManager.default.isExecutableFile(atPath: binary) }

    struct Output {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static func run(_ arguments: [String], in directory: URL = TestPaths.root) throws -> Output {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: binary)
        p.arguments = arguments
        p.currentDirectoryURL = directory
        let out = Pipe()
        let err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return Output(status: p.terminationStatus, stdout: String(decoding: o, as: UTF8.self), stderr: String(decoding: e, as: UTF8.self))
    }
}

@Suite(.enabled(if: GovPackCLI.available, "build govpack first (make test does)"))
struct CommandLineTests {
    static let sample = ["SampleData/reference", "SampleData/submissions/2026-11", "--period", "2026-11"]

    @Test(arguments: [
        (["validate"] + sample, Int32(1)),                         // the planted findings are errors
        (["validate", "--no-rules"] + sample, Int32(0)),           // the files themselves are clean
        (["validate", "SampleData/bad/xml-doctype", "--period", "2026-11"], Int32(1)),
        (["validate", "/nonexistent/govpack-input"], Int32(2)),    // nothing to read: the run failed
        (["validate", "SampleData/submissions/2026-11", "--period", "2026-13"], Int32(64)),
        (["metrics", "--explain"], Int32(0)),
        (["rules", "test"], Int32(0)),
        (["schema"], Int32(0)),
        (["rules", "explain", "no.such.rule"], Int32(64)),
    ] as [([String], Int32)])
    func exitCodes(_ arguments: [String], _ status: Int32) throws {
        let r = try GovPackCLI.run(arguments)
        #expect(r.status == status, "\(arguments): \(r.stderr)")
    }

    @Test func schemaPrintsTheXSD() throws {
        let r = try GovPackCLI.run(["schema"])
        #expect(r.stdout.hasPrefix("<?xml"))
        #expect(r.stdout.contains("targetNamespace=\"urn:govpack:submission:1\""))
    }

    @Test func metricsJSONIsTheSpecDocument() throws {
        let r = try GovPackCLI.run(["metrics"] + Self.sample)
        #expect(r.status == 0)
        let obj = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        #expect(obj["schema"] as? String == "govpack.metrics/1")
        #expect(obj["period"] as? String == "2026-11")
        #expect((obj["projects"] as? [Any])?.count == 36)
    }

    @Test func reportWritesEveryPackAndTheSameBytesTwice() throws {
        let dir = try TemporaryFolder()
        defer { dir.remove() }
        let a = dir.url.appendingPathComponent("a").path
        let b = dir.url.appendingPathComponent("b").path
        for out in [a, b] {
            let r = try GovPackCLI.run(["report"] + Self.sample + ["--out", out])
            #expect(r.status == 0, "\(r.stderr)")
        }
        let files = try FileManager.default.subpathsOfDirectory(atPath: a).sorted()
        #expect(files.contains("index.html"))
        #expect(files.contains("board.html"))
        #expect(files.contains("steering/PGM-1.html"))
        #expect(files.contains("projects/PRJ-008.html"))
        for f in files {
            var isDir: ObjCBool = false
            guard FileManager.default.fileExists(atPath: a + "/" + f, isDirectory: &isDir), !isDir.boolValue else { continue }
            #expect(FileManager.default.contents(atPath: a + "/" + f) == FileManager.default.contents(atPath: b + "/" + f), "\(f)")
        }
    }

    @Test func theComplianceReportListsWaivers() throws {
        let dir = try TemporaryFolder()
        defer { dir.remove() }
        let waivers = try dir.write("waivers.yaml", """
            waivers:
              - rule: risk.escalated
                project: PRJ-011
                key: R-3
                reason: Escalated to the CRO by phone; register entry follows
                approved_by: PMO Director
                expires: 2026-12-31
            """)
        let out = dir.url.appendingPathComponent("packs").path
        let r = try GovPackCLI.run(["report"] + Self.sample + ["--pack", "compliance", "--waivers", waivers.path, "--out", out])
        #expect(r.status == 0, "\(r.stderr)")
        let page = try String(contentsOfFile: out + "/compliance.html", encoding: .utf8)
        #expect(page.contains("<tr><td>risk.escalated</td><td>PRJ-011</td><td>R-3</td><td>Escalated to the CRO by phone; register entry follows</td><td>PMO Director</td><td>31 Dec 2026</td><td><span class=\"sev-info\">current</span></td><td class=\"num\">1</td></tr>"))
    }

    @Test func aHostileProjectNameRendersAsText() throws {
        let dir = try TemporaryFolder()
        defer { dir.remove() }
        try FileManager.default.copyItem(at: TestPaths.sampleData.appendingPathComponent("reference"), to: dir.url.appendingPathComponent("reference"))
        try FileManager.default.copyItem(at: TestPaths.sampleData.appendingPathComponent("submissions/2026-11"), to: dir.url.appendingPathComponent("teams"))
        let projects = dir.url.appendingPathComponent("teams/claims/projects.csv")
        var text = try String(contentsOf: projects, encoding: .utf8)
        text = text.replacingOccurrences(of: "Claims triage automation", with: "\"<script>alert(1)</script> | x\"")
        try text.write(to: projects, atomically: true, encoding: .utf8)
        for format in ["html", "md"] {
            let out = dir.url.appendingPathComponent("out-\(format)").path
            let r = try GovPackCLI.run(["report", "reference", "teams", "--period", "2026-11", "--format", format, "--out", out], in: dir.url)
            #expect(r.status == 0, "\(r.stderr)")
            let page = try String(contentsOfFile: out + "/projects/PRJ-001.\(format)", encoding: .utf8)
            #expect(!page.contains("<script>alert(1)</script>"), "\(format)")
            if format == "html" {
                #expect(page.contains("&lt;script&gt;alert(1)&lt;/script&gt; | x"))
            } else {
                // Angle brackets and the pipe are backslash-escaped: GitHub shows them as text.
                #expect(page.contains(#"\<script\>alert(1)\</script\> \| x"#))
            }
        }
    }
}

@Suite(.enabled(if: GovPackCLI.available && FileManager.default.isExecutableFile(atPath: "/usr/bin/chromium"), "needs govpack and headless Chromium"))
struct PDFReportTests {
    @Test func theBoardPackPrintsToPDF() throws {
        let dir = try TemporaryFolder()
        defer { dir.remove() }
        let out = dir.url.appendingPathComponent("pdf").path
        let r = try GovPackCLI.run(["report"] + CommandLineTests.sample + ["--pack", "board", "--format", "pdf", "--out", out])
        #expect(r.status == 0, "\(r.stderr)")
        let pdf = try #require(FileManager.default.contents(atPath: out + "/board.pdf"))
        #expect(pdf.starts(with: Data("%PDF-".utf8)))
        // The HTML stays beside the PDFs, so the index's links keep working.
        #expect(FileManager.default.fileExists(atPath: out + "/index.html"))
        #expect(FileManager.default.fileExists(atPath: out + "/board.html"))
    }
}
