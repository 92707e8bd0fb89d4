import Foundation
import GovPackCore
import GovPackRender
import GovPackTestSupport
import Testing

/// Change since last period and submission status, read from the rendered text of
/// `Fixture.inputWithHistory()` (its comment lists the changes worked out by hand).
@Suite struct TrendsTests {
    static let input = Fixture.inputWithHistory()

    static func page(_ path: String, _ format: OutputFormat, _ input: RenderInput = TrendsTests.input) throws -> String {
        let kind: PackKind = path.hasPrefix("steering/") ? .steering : path.hasPrefix("projects/") ? .project
            : PackKind(rawValue: String(path.prefix { $0 != "." })) ?? .board
        let files = try PackRenderer().render(input, packs: [kind], format: format)
        return try #require(files.first { $0.path == path }, "\(path) rendered").contents
    }

    @Test(arguments: OutputFormat.allCases)
    func everyPackWithHistoryMatchesItsGoldenFiles(format: OutputFormat) throws {
        let files = try PackRenderer().render(Self.input, packs: PackKind.allCases, format: format)
        for f in files { try assertGolden(f.contents, "history/" + format.rawValue + "/" + f.path) }
    }

    @Test func projectThatWentRedIsCalledOutFirst() throws {
        let md = try Self.page("board.md", .md)
        #expect(md.contains("**Went Red this month:**\n\n- [PRJ-001 Claims portal](projects/PRJ-001.md) (was Green)\n\n"))
        // Every move, the one that went Red first, then worse before better.
        #expect(md.contains("""
            | [PRJ-001 Claims portal](projects/PRJ-001.md) | Green | Red | **went Red** |
            | [PRJ-002 \\<script\\>alert(1)\\</script\\> \\| x](projects/PRJ-002.md) | Green | Amber | worse |
            | [PRJ-003 Mobile app](projects/PRJ-003.md) | Amber | Green | better |
            """))
        let html = try Self.page("board.html", .html)
        #expect(html.contains("<li><a href=\"projects/PRJ-001.html\">PRJ-001 Claims portal</a> (was Green)</li>"))
        #expect(html.contains("<td><span class=\"flag\">went Red</span></td>"))
        // The steering pack of PGM-2 shows its own project's move only.
        let pgm2 = try Self.page("steering/PGM-2.md", .md)
        #expect(pgm2.contains("| [PRJ-003 Mobile app](../projects/PRJ-003.md) | Amber | Green | better |"))
        #expect(!pgm2.contains("Went Red this month"))
        #expect(!pgm2.contains("| [PRJ-001 Claims portal](../projects/PRJ-001.md) | Green | Red |"))
    }

    @Test func ragTrailAndChangeTable() throws {
        let pgm1 = try Self.page("steering/PGM-1.md", .md)
        // September G, October G, now R.
        #expect(pgm1.contains("| Red **watermelon** | G → G → R | 0.75 |"))
        let board = try Self.page("board.md", .md)
        #expect(board.contains("| Portfolio RAG | Amber | Red | ▼ worse |"))
        #expect(board.contains("| Compliance score | 90.0% | 87.5% | ▼ -2.5 pts |"))
        // Realisation: PRJ-004 40%, PRJ-001 20%: mean 30% against 25% in October.
        #expect(board.contains("| Benefit realisation | 25.0% | 30.0% | ▲ +5.0 pts |"))
        let html = try Self.page("projects/PRJ-001.html", .html)
        #expect(html.contains("aria-label=\"PRJ-001 CPI and SPI: CPI (solid) and SPI (dashed) over 3 periods, latest CPI 0.75 SPI 0.75\""))
        #expect(html.contains("<p>RAG trend: G → G → R</p>"))
    }

    @Test func riskChanges() throws {
        let md = try Self.page("risk.md", .md)
        #expect(md.contains("""
            | [PRJ-001](projects/PRJ-001.md) | R-1 Key supplier insolvency | Zoë Núñez (P-1) | 12 → 20 | ▲ +8 | critical |
            """))
        // New: R-2 raised 1 Nov 2026, 3 x 3 = 9.
        let new = try #require(md.range(of: "### New risks since October 2026"))
        let closed = try #require(md.range(of: "### Closed since October 2026"))
        let newSection = String(md[new.upperBound..<closed.lowerBound])
        #expect(newSection.contains("| [PRJ-001](projects/PRJ-001.md) | R-2 | Test environment late | technical | 3 x 3 = 9 |"))
        #expect(!newSection.contains("R-1"))
        #expect(md.contains("| [PRJ-001](projects/PRJ-001.md) | R-3 Data centre move | 6 |"))
        #expect(try Self.page("board.md", .md).contains("Risks since October 2026: 1 new, 1 closed, 1 re-scored."))
        #expect(try Self.page("risk.html", .html).contains("<td class=\"num\">12 → 20</td><td class=\"num\">▲ +8</td>"))
    }

    @Test func aRiskClosedThisPeriodIsListedAsClosed() throws {
        var input = Self.input
        let i = try #require(input.portfolio.risks.firstIndex { $0.projectID == "PRJ-003" && $0.riskID == "R-1" })
        input.portfolio.risks[i].status = .closed
        let md = try Self.page("risk.md", .md, input)
        #expect(md.contains("| [PRJ-003](projects/PRJ-003.md) | R-1 Skills shortage | 20 |\n| [PRJ-001](projects/PRJ-001.md) | R-3 Data centre move | 6 |"))
        #expect(try Self.page("board.md", .md, input).contains("Risks since October 2026: 1 new, 2 closed, 1 re-scored."))
    }

    @Test func milestoneSlippedSinceLastMonth() throws {
        // 6 Jan 2027 to 20 Jan 2027 is 14 days; PRJ-003's M-1 moved earlier and is not listed.
        let board = try Self.page("board.md", .md)
        #expect(board.contains("| [PRJ-001](projects/PRJ-001.md) | M-2 Build complete | 6 Jan 2027 | 20 Jan 2027 | **+14 days** |"))
        #expect(!board.contains("| [PRJ-003](projects/PRJ-003.md) | M-1 Plan approved | 20 Dec 2026"))
        let onePager = try Self.page("projects/PRJ-001.md", .md)
        #expect(onePager.contains("| M-2 Build complete | 6 Jan 2027 | 20 Jan 2027 | **+14 days** |"))
        #expect(try Self.page("projects/PRJ-003.md", .md).contains("No milestone slipped since October 2026."))
        let html = try Self.page("steering/PGM-1.html", .html)
        #expect(html.contains("<td>M-2 Build complete</td><td>6 Jan 2027</td><td>20 Jan 2027</td><td class=\"num\"><span class=\"flag\">+14 days</span></td>"))
    }

    /// The brief's case: forecast 1 Dec 2026 last month, 15 Dec 2026 now. Equal slips sort by project.
    @Test func forecastMovedFromFirstToFifteenthOfDecember() throws {
        var input = Self.input
        let i = try #require(input.portfolio.milestones.firstIndex { $0.projectID == "PRJ-003" && $0.milestoneID == "M-1" })
        input.portfolio.milestones[i].forecastDate = Fixture.day("2026-12-15")
        input.history[1].milestones["PRJ-003/M-1"]?.forecastDate = Fixture.day("2026-12-01")
        #expect(try Self.page("board.md", .md, input).contains("""
            | [PRJ-001](projects/PRJ-001.md) | M-2 Build complete | 6 Jan 2027 | 20 Jan 2027 | **+14 days** |
            | [PRJ-003](projects/PRJ-003.md) | M-1 Plan approved | 1 Dec 2026 | 15 Dec 2026 | **+14 days** |
            """))
        #expect(try Self.page("projects/PRJ-003.md", .md, input).contains("| M-1 Plan approved | 1 Dec 2026 | 15 Dec 2026 | **+14 days** |"))
    }

    @Test func benefitsAndComplianceTrends() throws {
        let benefits = try Self.page("benefits.md", .md)
        #expect(benefits.contains("Mean realisation 30.0% against 25.0% in October 2026 (▲ +5.0 pts)."))
        #expect(benefits.contains("| [PRJ-001](projects/PRJ-001.md) | B-1 Faster claims | – | 20.0% | – |"))
        #expect(benefits.contains("| [PRJ-004](projects/PRJ-004.md) | B-1 Licence savings | 30.0% | 40.0% | ▲ +10.0 pts |"))
        let compliance = try Self.page("compliance.md", .md)
        #expect(compliance.contains("Compliance score 87.5% against 90.0% in October 2026 (▼ -2.5 pts)."))
        // The largest fall first; PRJ-002 stayed at 75%.
        #expect(compliance.contains("""
            | [PRJ-001 Claims portal](projects/PRJ-001.md) | 100.0% | 87.5% | ▼ -12.5 pts |
            | [PRJ-003 Mobile app](projects/PRJ-003.md) | 90.0% | 100.0% | ▲ +10.0 pts |
            """))
        #expect(!compliance.contains("| 75.0% | 75.0% |"))
    }

    @Test func submissionStatusInTheComplianceReport() throws {
        let md = try Self.page("compliance.md", .md)
        #expect(md.contains("Teams: 1 submitted, 1 quarantined (left out of the figures), 1 missing."))
        #expect(md.contains("""
            | payments | missing | 5 Dec 2026 | 0 | – |
            | digital | quarantined | 5 Dec 2026 | 3 | submissions/2026-11/digital/risks.csv:4: unterminated quote \\<in\\> \\| field |
            | claims | submitted | 5 Dec 2026 | 9 | – |
            """))
        let html = try Self.page("compliance.html", .html)
        #expect(html.contains("<li>submissions/2026-11/digital/risks.csv:4: unterminated quote &lt;in&gt; | field</li>"))
        #expect(html.contains("<tr><td>payments</td><td><span class=\"sev-error\">missing</span></td><td>5 Dec 2026</td>"))
    }

    @Test func notReportedProjectsAreShownGrey() throws {
        let board = try Self.page("board.md", .md)
        #expect(board.contains("""
            | PRJ-005 Payments hub | PGM-1 | payments | *not reported* | October 2026 | Amber |
            | PRJ-006 – | PGM-2 | digital | *not reported* | never reported | – |
            """))
        #expect(board.contains("| Reported RAG | Red 0, Amber 1, Green 3, not reported 2 |"))
        let boardHTML = try Self.page("board.html", .html)
        #expect(boardHTML.contains("<table class=\"not-reported\">"))
        #expect(boardHTML.contains("aria-label=\"Active projects by derived RAG: Red 1, Amber 1, Green 1, Not reported 2\""))
        let pgm1 = try Self.page("steering/PGM-1.html", .html)
        #expect(pgm1.contains("<tr><td>PRJ-005 Payments hub</td><td>PGM-1</td><td>payments</td><td><span class=\"rag rag-none\">not reported</span></td><td>October 2026</td><td>Amber</td></tr>"))
        #expect(!pgm1.contains("PRJ-006"))
        #expect(pgm1.contains("Not reported 1\""))
        #expect(try Self.page("steering/PGM-2.md", .md).contains("| PRJ-006 – | PGM-2 | digital | *not reported* | never reported | – |"))
    }

    /// Without history every pack with trend sections says so once and draws no trend table;
    /// without a submission status nothing is said about submissions.
    @Test(arguments: ["board.md", "portfolio.md", "steering/PGM-1.md", "risk.md", "benefits.md", "compliance.md", "projects/PRJ-001.md"])
    func withoutHistoryTheNoteAndNoTrendTable(path: String) throws {
        let text = try Self.page(path, .md, Fixture.input())
        let note = "No earlier periods recorded: trends appear once run history is kept (the monthly run)."
        #expect(text.components(separatedBy: note).count == 2, "the note once in \(path)")
        for absent in ["| Measure | Previous | Now | Change |", "RAG moves since", "Milestones slipped since", "New risks since",
                       "| Then | Now |", "Submissions this period", "not reported"] {
            #expect(!text.contains(absent), "\(path) has no '\(absent)'")
        }
    }

    /// CPI 0.8, (none), 1.0 and SPI 1.2, 1.0, 0.9 on one scale from 0.8 to 1.2 (1.0 included):
    /// y = 24 - 20 x (v - 0.8) / 0.4 and x = 60 per period. The gap splits CPI into two dots.
    @Test func cpiAndSPIOnOneSparkline() {
        let svg = Charts.trendPair(cpi: [0.8, nil, 1.0], spi: [1.2, 1.0, 0.9], title: "P <1>")
        #expect(svg.contains("aria-label=\"P &lt;1&gt;: CPI (solid) and SPI (dashed) over 3 periods, latest CPI 1.00 SPI 0.90\""))
        #expect(svg.contains("<line x1=\"0\" y1=\"14\" x2=\"120\" y2=\"14\""))
        #expect(svg.contains("<circle cx=\"0\" cy=\"24\" r=\"1.5\" fill=\"#1f4e9c\"/><circle cx=\"120\" cy=\"14\" r=\"1.5\" fill=\"#1f4e9c\"/>"))
        #expect(svg.contains("<polyline points=\"0,4 60,14 120,19\" fill=\"none\" stroke=\"#1f4e9c\" stroke-width=\"1.5\" stroke-dasharray=\"4 2\"/>"))
    }

    /// Fifteen earlier periods: the sparklines keep the last eleven and the current one.
    @Test func sparklinesCoverTwelvePeriodsAtMost() throws {
        var input = Self.input
        input.history = (0..<15).map { i in
            HistoryPoint(period: Fixture.period("2025-08").adding(months: i), rag: .amber, cpi: 0.9, spi: 0.8,
                         riskExposure: 30, complianceScore: 90,
                         projects: ["PRJ-001": .init(ragDerived: i < 13 ? .amber : .green, ragReported: .green, cpi: 0.9, spi: 0.9,
                                                     complianceScore: nil, stage: .execution, endSlipDays: nil)])
        }
        let html = try Self.page("board.html", .html, input)
        #expect(html.contains("aria-label=\"CPI: 12 periods, latest 0.89\""))
        // The trail too: eleven earlier periods (two of them G, the last two) and now.
        let pgm1 = try Self.page("steering/PGM-1.md", .md, input)
        #expect(pgm1.contains("| A → A → A → A → A → A → A → A → A → G → G → R |"))
    }

    /// A project whose team did not report has no risks this period: its risks are not "closed".
    @Test func risksOfAProjectNotReportedAreNotClosed() throws {
        var input = Self.input
        input.history[1].risks["PRJ-005/R-1"] = .init(score: 16, status: .open, title: "Payments outage")
        let md = try Self.page("risk.md", .md, input)
        #expect(!md.contains("PRJ-005"))
        #expect(try Self.page("board.md", .md, input).contains("Risks since October 2026: 1 new, 1 closed, 1 re-scored."))
    }
}
