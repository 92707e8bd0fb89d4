import Foundation
import GovPackCore
import GovPackTestSupport
import Testing

@testable import GovPackIngest

@Suite struct InputWalkerTests {
    @Test func filesComeInCodePointOrderOfTheirRelativePath() throws {
        let dir = try TemporaryFolder()
        defer { dir.remove() }
        for name in ["a/risks.csv", "a-b/projects.csv", "B/x.csv", "a/projects.csv", ".hidden/y.csv", "a/.DS_Store"] {
            try dir.write(name, "x\n")
        }
        let sink = DiagnosticSink()
        let files = InputWalker.files(under: dir.url.path, diagnostics: sink)
        // '-' (0x2D) sorts before '/' (0x2F), and upper case before lower case.
        #expect(files.map(\.relativePath) == ["B/x.csv", "a-b/projects.csv", "a/projects.csv", "a/risks.csv"])
        #expect(files.first?.displayPath == dir.url.path + "/B/x.csv")
        #expect(sink.count == 0)
    }

    @Test func aLinkOutOfTheInputFolderIsRefused() throws {
        let outside = try TemporaryFolder()
        let input = try TemporaryFolder()
        defer { outside.remove(); input.remove() }
        let secret = try outside.write("people.csv", "person_id,name\nP-1,Secret\n")
        try input.write("team/projects.csv", "x\n")
        try FileManager.default.createSymbolicLink(
            atPath: input.url.appendingPathComponent("team/people.csv").path, withDestinationPath: secret.path)
        let sink = DiagnosticSink()
        let files = InputWalker.files(under: input.url.path, diagnostics: sink)
        #expect(files.map(\.relativePath) == ["team/projects.csv"])
        let d = try #require(sink.all.first)
        #expect(d.id == IngestID.pathOutsideInput)
        #expect(d.severity == .error)
        #expect(d.location?.file == input.url.path + "/team/people.csv")
    }

    @Test func linksInsideTheFolderAreFollowedAndBrokenOnesReported() throws {
        // Plain files and folders are listed under their own path; a link to a file inside the
        // input is listed with the path it leads to; a dangling link is an error.
        let input = try TemporaryFolder()
        defer { input.remove() }
        let root = URL(fileURLWithPath: input.url.path).resolvingSymlinksInPath().path
        try input.write("a/risks.csv", "x\n")
        try input.write("a/deep/issues.csv", "x\n")
        let fm = FileManager.default
        try fm.createSymbolicLink(atPath: root + "/b.csv", withDestinationPath: root + "/a/risks.csv")
        try fm.createSymbolicLink(atPath: root + "/d.csv", withDestinationPath: root + "/nowhere.csv")
        let sink = DiagnosticSink()
        let files = InputWalker.files(under: input.url.path, diagnostics: sink)
        #expect(files.map(\.relativePath) == ["a/deep/issues.csv", "a/risks.csv", "b.csv"])
        #expect(files.map(\.path) == [root + "/a/deep/issues.csv", root + "/a/risks.csv", root + "/a/risks.csv"])
        #expect(sink.all.map(\.id) == [IngestID.fileUnreadable])
        #expect(sink.all.first?.location?.file == input.url.path + "/d.csv")
    }

    @Test func aMissingPathIsAnError() {
        let sink = DiagnosticSink()
        #expect(InputWalker.files(under: "/nonexistent/govpack", diagnostics: sink).isEmpty)
        #expect(sink.all.map(\.id) == [IngestID.fileUnreadable])
    }
}

@Suite struct XMLRootSnifferTests {
    static let cases: [(String, XMLRootSniffer.Root?)] = [
        (#"<?xml version="1.0"?><submission xmlns="urn:govpack:submission:1" period="2026-11">"#,
         .init(localName: "submission", namespace: "urn:govpack:submission:1", hasDoctype: false)),
        ("<?xml version=\"1.0\"?>\n<!-- a -->\n<projects>",
         .init(localName: "projects", namespace: nil, hasDoctype: false, line: 3)),
        ("\u{FEFF}<!-- export --><Project xmlns=\"http://schemas.microsoft.com/project\">",
         .init(localName: "Project", namespace: "http://schemas.microsoft.com/project", hasDoctype: false)),
        (#"<g:submission xmlns:g='urn:govpack:submission:1'/>"#,
         .init(localName: "submission", namespace: "urn:govpack:submission:1", hasDoctype: false)),
        (#"<!DOCTYPE x [<!ENTITY e "v">]><x>&e;</x>"#, .init(localName: "x", namespace: nil, hasDoctype: true)),
        ("project_id,name\n", nil),
    ]

    @Test(arguments: cases)
    func findsTheRoot(_ text: String, _ expected: XMLRootSniffer.Root?) {
        #expect(XMLRootSniffer.sniff(Array(text.utf8)) == expected)
    }
}

@Suite struct InputLoaderOrderTests {
    @Test func theArgumentOrderDoesNotChangeWhichRowWins() throws {
        let dir = try TemporaryFolder()
        defer { dir.remove() }
        let header = "project_id,name,stage,start_date,baseline_end_date,budget,rag_overall,last_updated\n"
        try dir.write("a/team/projects.csv", header + "PRJ-1,From A,execution,2026-01-01,2026-12-31,100,G,2026-11-20\n")
        try dir.write("b/projects.csv", header + "PRJ-1,From B,execution,2026-01-01,2026-12-31,200,G,2026-11-20\n")
        let a = dir.url.appendingPathComponent("a").path
        let b = dir.url.appendingPathComponent("b").path
        for args in [[a, b], [b, a]] {
            let sink = DiagnosticSink()
            let result = InputLoader(formats: [CSVFormat.self]).load(args, diagnostics: sink)
            // "projects.csv" sorts before "team/projects.csv": B's row is first whatever the order.
            #expect(result.portfolio.projects.map(\.name) == ["From B"])
            #expect(sink.all.filter { $0.id == IngestID.duplicateKey }.map { $0.location?.file } == [a + "/team/projects.csv"])
        }
    }
}

@Suite struct CodePointOrderTests {
    /// (a, b, whether a comes first by code points). U+FF61 is before U+10000 by code points,
    /// though UTF-16 would put the surrogate pair D800 DC00 first; U+00E9 is after "z" (7A).
    static let cases: [(String, String, Bool)] = [
        ("a", "b", true),
        ("b", "a", false),
        ("a", "a", false),
        ("a", "ab", true),
        ("ab", "a", false),
        ("", "a", true),
        ("", "", false),
        ("z", "\u{E9}", true),
        ("\u{E9}", "z", false),
        ("\u{FF61}", "\u{10000}", true),
        ("\u{10000}", "\u{FF61}", false),
        ("team-0002/risks.csv", "team-0010/assignments.csv", true),
        ("team/a.csv", "team-a/a.csv", false),
    ]

    @Test(arguments: cases)
    func comparesByCodePoint(_ a: String, _ b: String, _ first: Bool) {
        #expect(InputWalker.codePointPrecedes(a, b) == first)
    }
}

@Suite struct InputFileNameTests {
    /// (relative path, name, stem, extension): the name is the last non-empty part between
    /// slashes, the whole path when there is none.
    static let cases: [(String, String, String, String)] = [
        ("teams/x/PRJ-031.xml", "PRJ-031.xml", "PRJ-031", "xml"),
        ("Risks.CSV", "Risks.CSV", "Risks", "csv"),
        ("a//b.tar.gz", "b.tar.gz", "b.tar", "gz"),
        ("a/b/", "b", "b", ""),
        ("/a", "a", "a", ""),
        (".hidden", ".hidden", "", "hidden"),
        ("///", "///", "///", ""),
        ("", "", "", ""),
    ]

    @Test(arguments: cases)
    func partsOfTheName(_ path: String, _ name: String, _ stem: String, _ ext: String) {
        let file = InputFile(path: path, displayPath: path, relativePath: path)
        #expect(String(file.name) == name)
        #expect(file.stem == stem)
        #expect(file.fileExtension == ext)
    }
}
