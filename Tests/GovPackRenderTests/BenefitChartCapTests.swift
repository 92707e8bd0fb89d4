import Foundation
import GovPackCore
import GovPackMetrics
import GovPackRender
import Testing

/// Past `limit` bars a benefit chart shows the benefits furthest below target and says what it
/// left out; the board's shortfall table keeps 25 rows. (20,000 projects once gave the board a
/// 46,000-bar chart, 1.1 million pixels tall, and a 2,429-row table.)
@Suite struct BenefitChartCapTests {
    /// The fixture plus PRJ-004 B-2 ... B-49: target 100 from a baseline of 0, measured at 2 ... 49,
    /// so each realises exactly its number in percent, all past their 31 Oct 2026 target date.
    /// With the fixture's PRJ-004 B-1 (40,000 of 100,000: 40%, past target) and PRJ-001 B-1 (10 of
    /// 50: 20%, due 2027) that is 50 measured benefits and 49 shortfalls.
    static func input() -> RenderInput {
        var pf = Fixture.portfolio()
        for i in 2...49 {
            var b = Benefit()
            b.projectID = "PRJ-004"
            b.benefitID = "B-\(i)"
            b.description = "Saving \(i)"
            b.category = .financial
            b.baselineValue = 0
            b.targetValue = 100
            b.targetDate = Fixture.day("2026-10-31")
            pf.benefits.append(b)
            var m = BenefitMeasurement()
            m.projectID = "PRJ-004"
            m.benefitID = "B-\(i)"
            m.measuredOn = Fixture.day("2026-10-31")
            m.actualValue = Decimal(i)
            pf.benefitMeasurements.append(m)
        }
        let metrics = PortfolioMetrics.compute(pf, config: MetricsConfig(period: Fixture.period("2026-11")))
        return RenderInput(portfolio: pf, metrics: metrics, findings: [], period: Fixture.period("2026-11"),
                           generatedBy: "govpack test")
    }

    /// The bar labels of the chart that follows `heading`, in drawing order.
    static func bars(in page: String, after heading: String) throws -> [String] {
        let start = try #require(page.range(of: heading)).upperBound
        let svg = try #require(page.range(of: "</svg>", range: start..<page.endIndex))
        let chart = page[start..<svg.lowerBound]
        return chart.components(separatedBy: "text-anchor=\"end\" font-size=\"12\" fill=\"#1a1a1a\">").dropFirst()
            .map { String($0.prefix { $0 != "<" }) }
    }

    @Test func theBoardChartsTheFortyFurthestBelowTargetLowestFirst() throws {
        let files = try PackRenderer().render(Self.input(), packs: [.board, .benefits], format: .html)
        let board = try #require(files.first { $0.path == "board.html" }).contents
        // Worked by hand: 2% ... 19% (B-2 ... B-19), then the two at 20% in project order
        // (PRJ-001 B-1 before PRJ-004 B-20), 21% ... 39%, then the two at 40% in benefit order:
        // PRJ-004 B-1 is the 40th; B-40 ... B-49 are left out.
        let expected = (2...19).map { "PRJ-004 B-\($0)" } + ["PRJ-001 B-1", "PRJ-004 B-20"]
            + (21...39).map { "PRJ-004 B-\($0)" } + ["PRJ-004 B-1"]
        #expect(try Self.bars(in: board, after: "<h3>Benefits position</h3>") == expected)
        #expect(board.contains("the 40 furthest below target of 50 measured"))
        #expect(board.contains("<p class=\"note\">The chart shows the 40 benefits furthest below target; "
            + "10 more measured benefits are not charted: the benefits report lists every benefit.</p>"))
        // 49 shortfalls: the table keeps 25 and says where the rest are.
        let table = try #require(board.range(of: "<caption>Benefits short of target</caption>"))
        let rows = board[table.upperBound...].prefix { _ in true }
        let body = try #require(rows.range(of: "</table>"))
        #expect(rows[..<body.lowerBound].components(separatedBy: "<tr>").count - 1 == 25 + 1) // + the header row
        #expect(board.contains("<p class=\"note\">24 more not shown: see the benefits report.</p>"))
    }

    @Test func underItsLimitAChartKeepsEveryBenefitInRegisterOrder() throws {
        // The benefits report charts up to 60: all 50, in the register's order, and no note.
        let files = try PackRenderer().render(Self.input(), packs: [.benefits], format: .html)
        let page = try #require(files.first { $0.path == "benefits.html" }).contents
        let labels = try Self.bars(in: page, after: "<h2>Benefits realisation</h2>")
        // The register's order: project, then benefit id as text (B-1, B-10, B-11, ..., B-2, ...).
        let register = ["PRJ-001 B-1"] + (["PRJ-004 B-1"] + (2...49).map { "PRJ-004 B-\($0)" }).sorted()
        #expect(labels.count == 50)
        #expect(labels == register)
        #expect(!page.contains("benefits furthest below target"))
    }
}
