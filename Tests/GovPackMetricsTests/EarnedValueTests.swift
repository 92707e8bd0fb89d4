import Foundation
import GovPackCore
import Testing
@testable import GovPackMetrics

/// One worked example: inputs as text, every expected output written out by hand.
struct EVMCase: Sendable, CustomTestStringConvertible {
    var label: String
    var bac: String, pv: String, ev: String, ac: String
    var method: MetricsConfig.EACMethod
    var cv: String, sv: String
    var cpi: Double?, spi: Double?
    var eac: String?, etc: String?, vac: String?
    var tcpi: Double?
    var testDescription: String { label }
}

@Suite struct EarnedValueTests {
    static let cases: [EVMCase] = [
        // The published example: CPI 2500/2800, SPI 2500/3000, EAC 4000 x 2800 / 2500 = 4480.
        EVMCase(label: "published 3000/2500/2800/4000", bac: "4000", pv: "3000", ev: "2500", ac: "2800",
                method: .bacOverCPI, cv: "-300", sv: "-500", cpi: 0.8928571428571429, spi: 0.8333333333333334,
                eac: "4480", etc: "1680", vac: "-480", tcpi: 1.25),
        // AC + (BAC - EV) = 2800 + 1500.
        EVMCase(label: "published, AC + remaining", bac: "4000", pv: "3000", ev: "2500", ac: "2800",
                method: .acPlusRemaining, cv: "-300", sv: "-500", cpi: 0.8928571428571429, spi: 0.8333333333333334,
                eac: "4300", etc: "1500", vac: "-300", tcpi: 1.25),
        // AC + (BAC - EV) / (CPI x SPI) = 2800 + 1500 x 2800 x 3000 / 2500^2 = 2800 + 2016.
        EVMCase(label: "published, AC + remaining / (CPI x SPI)", bac: "4000", pv: "3000", ev: "2500", ac: "2800",
                method: .acPlusRemainingOverCPIxSPI, cv: "-300", sv: "-500", cpi: 0.8928571428571429,
                spi: 0.8333333333333334, eac: "4816", etc: "2016", vac: "-816", tcpi: 1.25),
        // EV 40, AC 45, BAC 100 (PV 50): EAC 100 x 45 / 40 = 112.5; TCPI 60 / 55 = 12/11.
        EVMCase(label: "40/45/100", bac: "100", pv: "50", ev: "40", ac: "45", method: .bacOverCPI,
                cv: "-5", sv: "-10", cpi: 0.8888888888888888, spi: 0.8, eac: "112.5", etc: "67.5", vac: "-12.5",
                tcpi: 1.0909090909090908),
        EVMCase(label: "40/45/100, AC + remaining", bac: "100", pv: "50", ev: "40", ac: "45", method: .acPlusRemaining,
                cv: "-5", sv: "-10", cpi: 0.8888888888888888, spi: 0.8, eac: "105", etc: "60", vac: "-5",
                tcpi: 1.0909090909090908),
        // 45 + 60 x 45 x 50 / 40^2 = 45 + 84.375.
        EVMCase(label: "40/45/100, AC + remaining / (CPI x SPI)", bac: "100", pv: "50", ev: "40", ac: "45",
                method: .acPlusRemainingOverCPIxSPI, cv: "-5", sv: "-10", cpi: 0.8888888888888888, spi: 0.8,
                eac: "129.375", etc: "84.375", vac: "-29.375", tcpi: 1.0909090909090908),
        // Exact decimals: 0.3 / 0.1 is 3, where Double(0.3) / Double(0.1) would be 2.9999999999999996.
        EVMCase(label: "cents: 0.3 / 0.1", bac: "1", pv: "0.1", ev: "0.3", ac: "0.1", method: .bacOverCPI,
                cv: "0.2", sv: "0.2", cpi: 3, spi: 3,
                // 1 x 0.1 / 0.3 carries Decimal's 38 significant digits; ETC and VAC are exact from it.
                eac: "0.33333333333333333333333333333333333333", etc: "0.23333333333333333333333333333333333333",
                vac: "0.66666666666666666666666666666666666667", tcpi: 0.7777777777777778),
        // AC = 0: CPI null, and every EAC that needs it null.
        EVMCase(label: "AC = 0", bac: "1000", pv: "100", ev: "50", ac: "0", method: .bacOverCPI,
                cv: "50", sv: "-50", cpi: nil, spi: 0.5, eac: nil, etc: nil, vac: nil, tcpi: 0.95),
        EVMCase(label: "AC = 0, AC + remaining / (CPI x SPI)", bac: "1000", pv: "100", ev: "50", ac: "0",
                method: .acPlusRemainingOverCPIxSPI, cv: "50", sv: "-50", cpi: nil, spi: 0.5, eac: nil, etc: nil,
                vac: nil, tcpi: 0.95),
        // AC + remaining needs no ratio: 0 + 950.
        EVMCase(label: "AC = 0, AC + remaining", bac: "1000", pv: "100", ev: "50", ac: "0", method: .acPlusRemaining,
                cv: "50", sv: "-50", cpi: nil, spi: 0.5, eac: "950", etc: "950", vac: "50", tcpi: 0.95),
        // EV = 0 with costs: CPI 0, so BAC / CPI is undefined.
        EVMCase(label: "EV = 0", bac: "1000", pv: "100", ev: "0", ac: "80", method: .bacOverCPI,
                cv: "-80", sv: "-100", cpi: 0, spi: 0, eac: nil, etc: nil, vac: nil, tcpi: 1.0869565217391304),
        // No financials at all, and BAC = AC = 0: every ratio null.
        EVMCase(label: "nothing", bac: "0", pv: "0", ev: "0", ac: "0", method: .bacOverCPI,
                cv: "0", sv: "0", cpi: nil, spi: nil, eac: nil, etc: nil, vac: nil, tcpi: nil),
        // BAC = AC: TCPI null.
        EVMCase(label: "BAC = AC", bac: "500", pv: "500", ev: "400", ac: "500", method: .bacOverCPI,
                cv: "-100", sv: "-100", cpi: 0.8, spi: 0.8, eac: "625", etc: "125", vac: "-125", tcpi: nil),
    ]

    @Test(arguments: cases)
    func workedExample(_ c: EVMCase) {
        let e = EarnedValue(bac: dec(c.bac), pv: dec(c.pv), ev: dec(c.ev), ac: dec(c.ac), method: c.method)
        #expect(e.cv == dec(c.cv))
        #expect(e.sv == dec(c.sv))
        #expect(e.cpi == c.cpi)
        #expect(e.spi == c.spi)
        #expect(e.tcpi == c.tcpi)
        #expect(e.eac == c.eac.map(dec))
        #expect(e.etc == c.etc.map(dec))
        #expect(e.vac == c.vac.map(dec))
    }

    /// CPI is the nearest double of the exact quotient: for integers, IEEE division of the exact
    /// operands is correctly rounded, so it must agree with it.
    @Test(arguments: [(2500, 2800), (2500, 3000), (1, 3), (2, 3), (123_456_789, 987_654_321), (7, 10)])
    func ratiosAreTheNearestDouble(n: Int, d: Int) {
        #expect(Exact.ratio(Decimal(n), Decimal(d)) == Double(n) / Double(d))
    }

    @Test func cpiOfThePublishedExampleIsTheNearestDouble() {
        let e = EarnedValue(bac: 4000, pv: 3000, ev: 2500, ac: 2800)
        #expect(e.cpi == 2500.0 / 2800.0)
        #expect(MetricsJSON.ratio(e.cpi) == "0.8928571428571429")
        #expect(MetricsJSON.money(e.eac) == "4480")
    }

    @Test func cumulativeToThePeriodLeavesLaterRowsOut() {
        var p = Portfolio()
        p.projects = [project("P1", budget: "4000")]
        p.financials = [
            financial("P1", "2026-10", pv: "1000", ev: "900", ac: "1000"),
            financial("P1", "2026-11", pv: "2000", ev: "1600", ac: "1800"),
            financial("P1", "2026-12", pv: "9999", ev: "9999", ac: "9999"),
            financial("NOPE", "2026-11", pv: "1", ev: "1", ac: "1"),
        ]
        let m = PortfolioMetrics.compute(p, config: MetricsConfig(period: per("2026-11")))
        #expect(m.projects[0].evm == EarnedValue(bac: 4000, pv: 3000, ev: 2500, ac: 2800))
        #expect(m.portfolio.evm == EarnedValue(bac: 4000, pv: 3000, ev: 2500, ac: 2800))
        let oct = MetricsConfig(period: per("2026-10"))
        #expect(PortfolioMetrics.compute(p, config: oct).projects[0].evm == EarnedValue(bac: 4000, pv: 1000, ev: 900, ac: 1000))
    }

    @Test func seriesAreCumulativeByPeriodUpToP() {
        var p = Portfolio()
        p.projects = [project("P1"), project("P2")]
        p.financials = [
            financial("P1", "2026-11", pv: "2000", ev: "1600", ac: "1800.25"),
            financial("P1", "2026-09", pv: "1000", ev: "900", ac: "1000"),
            financial("P2", "2026-11", pv: "10", ev: "20", ac: "30"),
            financial("P2", "2026-12", pv: "5", ev: "5", ac: "5"),
            financial("P3", "2026-11", pv: "7", ev: "7", ac: "7"),
        ]
        let byProject = EarnedValueSeries.byProject(p, period: per("2026-11"))
        #expect(byProject["P1"] == [
            EVMPoint(period: per("2026-09"), pv: 1000, ev: 900, ac: 1000),
            EVMPoint(period: per("2026-11"), pv: 3000, ev: 2500, ac: dec("2800.25")),
        ])
        #expect(byProject["P2"] == [EVMPoint(period: per("2026-11"), pv: 10, ev: 20, ac: 30)])
        #expect(byProject["P3"] == nil)
        #expect(EarnedValueSeries.portfolio(p, period: per("2026-11")) == [
            EVMPoint(period: per("2026-09"), pv: 1000, ev: 900, ac: 1000),
            EVMPoint(period: per("2026-11"), pv: 3010, ev: 2520, ac: dec("2830.25")),
        ])
    }
}

@Suite struct ExactSumTests {
    @Test func centsAddUpExactly() {
        var s = ExactSum()
        for _ in 0..<10 { s.add(dec("0.1")) }
        #expect(s.value == 1)
        #expect(MetricsJSON.money(s.value) == "1")
    }

    @Test(arguments: [
        (["97000.5", "-0.25"], "97000.25"),
        (["123456789012345678", "1"], "123456789012345679"),
        (["0.0000001", "0.0000002"], "0.0000003"),  // seven decimals: the Decimal path
        (["99999999999999999999", "1"], "100000000000000000000"),  // 20 digits: the Decimal path
        (["1e30", "1e30"], "2000000000000000000000000000000"),
        (["-5", "5"], "0"),
    ])
    func sums(_ parts: [String], _ total: String) {
        var s = ExactSum()
        for p in parts { s.add(dec(p)) }
        #expect(s.value == dec(total))
        #expect(MetricsJSON.money(s.value) == total)
    }

    @Test func overflowOfTheFastPathFallsBackExactly() {
        var s = ExactSum()
        let big = dec("999999999999999999000000000000")  // 18-digit significand, exponent 12
        for _ in 0..<200 { s.add(big) }
        #expect(s.value == big * 200)
    }
}
