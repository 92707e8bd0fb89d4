import Foundation
import GovPackCore
import GovPackRender
import GovPackTestSupport
import Testing

/// The render tests' golden files, in `Tests/GovPackRenderTests/Fixtures/golden`.
func assertGolden(_ actual: String, _ relative: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
    try Golden.assertMatches(actual, relative, in: TestPaths.fixture("GovPackRenderTests", "golden"), sourceLocation: sourceLocation)
}

@Suite struct PackRendererTests {
    static let input = Fixture.input()

    @Test(arguments: OutputFormat.allCases)
    func everyPackMatchesItsGoldenFiles(format: OutputFormat) throws {
        let files = try PackRenderer().render(Self.input, packs: PackKind.allCases, format: format)
        let ext = format.rawValue
        // Every pack, one steering pack per programme, one one-pager per project, and the index.
        #expect(files.map(\.path) == [
            "board.\(ext)", "steering/PGM-1.\(ext)", "steering/PGM-2.\(ext)", "portfolio.\(ext)", "risk.\(ext)",
            "resource.\(ext)", "benefits.\(ext)", "compliance.\(ext)", "capability.\(ext)",
            "projects/PRJ-001.\(ext)", "projects/PRJ-002.\(ext)", "projects/PRJ-003.\(ext)", "projects/PRJ-004.\(ext)",
            "index.\(ext)",
        ])
        for f in files { try assertGolden(f.contents, ext + "/" + f.path) }
    }

    /// Handed over one by one (as the monthly run writes them while the rest render), the files
    /// are the same files with the same bytes, each exactly once.
    @Test(arguments: OutputFormat.allCases)
    func filesHandedOverAsTheyAreMadeAreTheSameFiles(format: OutputFormat) throws {
        let renderer = try PackRenderer()
        let kept = try renderer.render(Fixture.inputWithHistory(), packs: PackKind.allCases, format: format)
        let handed = Handed()
        try renderer.render(Fixture.inputWithHistory(), packs: PackKind.allCases, format: format) { handed.add($0) }
        #expect(handed.files.count == 14)
        #expect(handed.files.sorted { $0.path < $1.path } == kept.sorted { $0.path < $1.path })
    }

    final class Handed: @unchecked Sendable {
        private let lock = NSLock()
        private(set) var files: [RenderedFile] = []
        func add(_ f: RenderedFile) { lock.lock(); files.append(f); lock.unlock() }
    }

    /// The fixture fills every list, so every name in every shipped template is checked against
    /// a real view model (inside an empty list nothing can be).
    @Test(arguments: OutputFormat.allCases)
    func fixtureChecksEveryShippedName(format: OutputFormat) throws {
        #expect(try PackRenderer().uncheckedNames(Fixture.inputWithHistory(), format: format) == [])
        // Without history the change list is empty and its names go unchecked.
        let unchecked = try PackRenderer().uncheckedNames(Self.input, format: format)
        #expect(unchecked.contains("partials/trends.\(format.rawValue).mustache:\(format == .md ? 5 : 7):\(format == .md ? 14 : 26) was"))
    }

    @Test(arguments: OutputFormat.allCases)
    func sameInputGivesIdenticalBytes(format: OutputFormat) throws {
        let a = try PackRenderer().render(Self.input, packs: PackKind.allCases, format: format)
        let b = try PackRenderer().render(Fixture.input(), packs: PackKind.allCases, format: format)
        #expect(a == b)
    }

    @Test func hostileNameIsTextInHTML() throws {
        let files = try PackRenderer().render(Self.input, packs: [.board, .project, .compliance], format: .html)
        let all = files.map(\.contents).joined()
        #expect(!all.contains("<script>"))
        #expect(!all.contains("<b>TBC"))
        #expect(all.contains("&lt;script&gt;alert(1)&lt;/script&gt; | x"))
        let page = try #require(files.first { $0.path == "projects/PRJ-002.html" })
        #expect(page.contents.contains("<h2>PRJ-002 &lt;script&gt;alert(1)&lt;/script&gt; | x</h2>"))
        #expect(!all.contains("<script"))
    }

    @Test func hostileNameIsTextInMarkdown() throws {
        let files = try PackRenderer().render(Self.input, packs: [.board, .compliance, .project], format: .md)
        let compliance = try #require(files.first { $0.path == "compliance.md" })
        // The pipe is escaped, so the row keeps its six cells.
        #expect(compliance.contents.contains(
            "| [PRJ-002 \\<script\\>alert(1)\\</script\\> \\| x](projects/PRJ-002.md) | 75.0% | 2 | 0 | 2 | 1 Oct 2026 **stale** |"))
        #expect(compliance.contents.contains("Manager field reads \"\\<b\\>TBC\\</b\\> \\| x\""))
        let all = files.map(\.contents).joined()
        #expect(!all.contains("<script>"))
    }

    @Test func unknownValueFailsWithFileLineAndColumn() throws {
        let dir = try TemporaryFolder()
        defer { dir.remove() }
        try dir.write("board.html.mustache", "{{> head}}\n<p>{{packTitle}}</p>\n  <p>{{summary.rag.text}} {{summry}}</p>\n")
        let renderer = try PackRenderer(templatesOverride: dir.url)
        let path = dir.url.appendingPathComponent("board.html.mustache").path
        #expect(throws: TemplateError(file: path, line: 3, column: 27,
                                      message: "unknown value 'summry': the view model has no such name here")) {
            _ = try renderer.render(Self.input, packs: [.board], format: .html)
        }
    }

    @Test func unknownValueInsideAListFails() throws {
        let dir = try TemporaryFolder()
        defer { dir.remove() }
        try dir.write("risk/risk.md.mustache", "{{#top}}\n| {{title}} | {{titel}} |\n{{/top}}\n")
        let renderer = try PackRenderer(templatesOverride: dir.url)
        #expect(throws: TemplateError(file: dir.url.appendingPathComponent("risk/risk.md.mustache").path, line: 2, column: 15,
                                      message: "unknown value 'titel': the view model has no such name here")) {
            _ = try renderer.render(Self.input, packs: [.risk], format: .md)
        }
    }

    @Test func unescapedInputIsRefused() throws {
        let dir = try TemporaryFolder()
        defer { dir.remove() }
        try dir.write("board.html.mustache", "{{#summary}}\n{{{active}}}\n{{/summary}}\n")
        let renderer = try PackRenderer(templatesOverride: dir.url)
        #expect(throws: TemplateError(file: dir.url.appendingPathComponent("board.html.mustache").path, line: 2, column: 1,
                                      message: "'active' is written unescaped; only chart SVG (names ending in 'svg') may be")) {
            _ = try renderer.render(Self.input, packs: [.board], format: .html)
        }
    }

    @Test func parseErrorNamesFileLineAndColumn() throws {
        let dir = try TemporaryFolder()
        defer { dir.remove() }
        try dir.write("board/board.md.mustache", "# Board\n\n{{#summary}}\n{{active}}\n{{/summery}}\n")
        let path = dir.url.appendingPathComponent("board/board.md.mustache").path
        do {
            _ = try PackRenderer(templatesOverride: dir.url)
            Issue.record("expected a template error")
        } catch let e as TemplateError {
            #expect(e.file == path)
            #expect(e.line == 5)
            #expect(e.column > 1)
            #expect(e.description.hasPrefix("\(path):5:"))
        }
    }

    @Test func overrideReplacesAShippedTemplateByName() throws {
        let dir = try TemporaryFolder()
        defer { dir.remove() }
        try dir.write("capability.md.mustache", "Closed: {{#knowledge}}{{closed}}{{/knowledge}}\n")
        let files = try PackRenderer(templatesOverride: dir.url).render(Self.input, packs: [.capability], format: .md)
        #expect(files.first?.contents == "Closed: 1\n")
    }

    @Test func fileNamesAreSafeAndUnique() throws {
        var input = Self.input
        for id in ["A/B", "A_B", "a_b", "../x"] {
            var p = input.metrics.projects[0]
            p.projectID = id
            input.metrics.projects.append(p)
        }
        // "/" becomes "_"; a case-only difference still collides on some file systems; no
        // name starts with a dot, so "../x" cannot climb out of projects/.
        let paths = try PackRenderer().render(input, packs: [.project], format: .md).map(\.path)
        #expect(paths.suffix(5) == ["projects/A_B.md", "projects/A_B-2.md", "projects/a_b-3.md", "projects/_.._x.md", "index.md"])
    }

    @Test func noHistorySaysSo() throws {
        let files = try PackRenderer().render(Self.input, packs: [.board], format: .md)
        #expect(files[0].contents.contains("No earlier periods recorded: trends appear once run history is kept (the monthly run)."))
    }

    @Test func historyShowsChangeSinceLastPeriod() throws {
        var input = Self.input
        input.history = [HistoryPoint(period: Fixture.period("2026-10"), rag: .amber, cpi: 0.9, spi: 0.8,
                                      riskExposure: 30, complianceScore: 90)]
        let files = try PackRenderer().render(input, packs: [.board], format: .md)
        #expect(files[0].contents.contains("| Portfolio RAG | Amber | Red | ▼ worse |"))
        #expect(files[0].contents.contains("| Open risk exposure | 30 | 61 | ▲ +31 |"))
        input.history.insert(HistoryPoint(period: Fixture.period("2026-09"), rag: .green, cpi: 0.95, spi: 0.9,
                                          riskExposure: 20, complianceScore: nil), at: 0)
        let html = try PackRenderer().render(input, packs: [.board], format: .html)[0].contents
        #expect(html.contains("aria-label=\"CPI: 3 periods, latest 0.89\""))
        // Compliance has one earlier value only: two points in all, so still a line.
        #expect(html.contains("aria-label=\"Compliance score: 2 periods, latest 87.5%\""))
        #expect(!html.contains("No earlier periods recorded"))
    }

    /// Templates/VALUES.md lists every name each pack's templates can use.
    @Test func valueCatalogueIsCurrent() throws {
        // With history and submissions, so that every trend list shows its names.
        let text = ValueCatalogue.markdown(Fixture.inputWithHistory())
        let url = TestPaths.root.appendingPathComponent("Templates/VALUES.md")
        let current = String(decoding: FileManager.default.contents(atPath: url.path) ?? Data(), as: UTF8.self)
        if current != text {
            if Golden.recording {
                try Data(text.utf8).write(to: url)
                Issue.record("rewrote Templates/VALUES.md; review the diff")
            } else {
                Issue.record("Templates/VALUES.md is out of date: run GOVPACK_RECORD=1 swift test --filter GovPackRenderTests")
            }
        }
        #expect(text.contains("- `ragDonutSvg`: chart"))
    }

    /// The compiled-in copy must be the files of Templates/.
    @Test func embeddedTemplatesMatchTheTemplatesFolder() throws {
        let root = TestPaths.root.appendingPathComponent("Templates")
        var files: [String: String] = [:]
        let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)
        while let url = walker?.nextObject() as? URL {
            guard url.lastPathComponent.hasSuffix(".mustache") else { continue }
            let rel = String(url.standardizedFileURL.path.dropFirst(root.standardizedFileURL.path.count + 1))
            files[rel] = String(decoding: try Data(contentsOf: url), as: UTF8.self)
        }
        #expect(TemplateEmbedding.shipped == files.mapValues { $0.hasSuffix("\n") ? $0 : $0 + "\n" })
        let source = TemplateEmbedding.swiftSource(files)
        let target = TestPaths.root.appendingPathComponent("Sources/GovPackRender/EmbeddedTemplates.swift")
        let current = String(decoding: (FileManager.default.contents(atPath: target.path) ?? Data()), as: UTF8.self)
        if current != source {
            if Golden.recording {
                try Data(source.utf8).write(to: target)
                Issue.record("rewrote Sources/GovPackRender/EmbeddedTemplates.swift from Templates/; rebuild and rerun")
            } else {
                Issue.record("Templates/ and EmbeddedTemplates.swift differ: run GOVPACK_RECORD=1 swift test --filter GovPackRenderTests")
            }
        }
    }
}
