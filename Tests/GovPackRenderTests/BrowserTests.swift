import Foundation
import GovPackRender
import GovPackTestSupport
import Testing

@Suite(.enabled(if: Browser.chromium != nil, "headless Chromium is not installed"), .serialized)
struct BrowserTests {
    static func writePacks() throws -> TemporaryFolder {
        let dir = try TemporaryFolder()
        for f in try PackRenderer().render(Fixture.input(), packs: [.board, .steering, .project], format: .html) {
            try dir.write(f.path, f.contents)
        }
        return dir
    }

    /// The page's own width at a 1280 px window: a copy of the page gets a script that writes
    /// `scrollWidth` into the title (the packs themselves carry no script).
    @Test(arguments: ["board.html", "steering/PGM-1.html", "projects/PRJ-002.html"])
    func noHorizontalOverflowAt1280(page: String) throws {
        let dir = try Self.writePacks()
        defer { dir.remove() }
        let html = String(decoding: try Data(contentsOf: dir.url.appendingPathComponent(page)), as: UTF8.self)
        let probe = html.replacingOccurrences(
            of: "</body>", with: "<script>document.title='W='+document.documentElement.scrollWidth;</script></body>")
        let url = try dir.write(page + ".probe.html", probe)
        let dom = try Browser.run(["--window-size=1280,1000", "--dump-dom", url.absoluteString])
        let width = dom.range(of: #"W=\d+"#, options: .regularExpression).flatMap { Int(dom[$0].dropFirst(2)) }
        let w = try #require(width, "Chromium printed no width for \(page)")
        #expect(w <= 1280, "\(page) is \(w) px wide at a 1280 px window")
    }

    /// Printing gives A4 landscape pages with a page break before each section: the board pack
    /// has three sections (summary, programmes, glossary), so at least three pages.
    @Test func boardPrintsToA4Landscape() throws {
        let dir = try Self.writePacks()
        defer { dir.remove() }
        let pdf = dir.url.appendingPathComponent("board.pdf")
        _ = try Browser.run(["--no-pdf-header-footer", "--print-to-pdf=\(pdf.path)",
                             dir.url.appendingPathComponent("board.html").absoluteString])
        let bytes = String(decoding: try Data(contentsOf: pdf), as: UTF8.self)
        var boxes: [String] = []
        var rest = bytes[...]
        while let r = rest.range(of: #"/MediaBox \[[^\]]*\]"#, options: .regularExpression) {
            boxes.append(String(rest[r]))
            rest = rest[r.upperBound...]
        }
        #expect(boxes.count >= 3)
        // A4 landscape is 297 x 210 mm = 841.89 x 595.28 pt; Chromium rounds to whole device pixels.
        #expect(boxes.allSatisfy { $0.hasPrefix("/MediaBox [0 0 841.9") && $0.contains(" 594.9") })
    }
}
