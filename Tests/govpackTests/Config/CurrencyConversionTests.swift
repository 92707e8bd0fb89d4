import Foundation
import GovPackCore
import GovPackMetrics
import GovPackTestSupport
import Testing

@testable import GovPackPipeline

/// Money converted into the run's currency, figures worked by hand.
@Suite struct CurrencyConversionTests {
    static func d(_ s: String) -> Decimal { Decimal(string: s) ?? .nan }

    static func project(_ id: String, _ currency: String?, budget: String) -> Project {
        var p = Project()
        p.projectID = id
        p.name = id
        p.stage = .execution
        p.currency = currency
        p.budget = d(budget)
        p.startDate = Day("2026-01-01") ?? Day(daysSinceEpoch: 0)
        p.baselineEndDate = Day("2027-12-31") ?? Day(daysSinceEpoch: 0)
        p.lastUpdated = Day("2026-11-20") ?? Day(daysSinceEpoch: 0)
        return p
    }

    static func financial(_ id: String, pv: String, ev: String, ac: String, fac: String?) -> Financial {
        var f = Financial()
        f.projectID = id
        f.period = Period("2026-11") ?? Period(index: 0)
        f.plannedValue = d(pv)
        f.earnedValue = d(ev)
        f.actualCost = d(ac)
        f.forecastAtCompletion = fac.map(d)
        return f
    }

    static func benefit(_ id: String, _ bid: String, measure: String?, baseline: String, target: String) -> Benefit {
        var b = Benefit()
        b.projectID = id
        b.benefitID = bid
        b.description = bid
        b.measure = measure
        b.baselineValue = d(baseline)
        b.targetValue = d(target)
        return b
    }

    static func measurement(_ id: String, _ bid: String, _ value: String) -> BenefitMeasurement {
        var m = BenefitMeasurement()
        m.projectID = id
        m.benefitID = bid
        m.actualValue = d(value)
        return m
    }

    /// PRJ-1 in EUR (rate 0.86), PRJ-2 in GBP, PRJ-3 without a currency, PRJ-4 in usd (rate
    /// 0.79, lower case), PRJ-5 in CHF (no rate).
    static func portfolio() -> Portfolio {
        var p = Portfolio()
        p.projects = [
            project("PRJ-1", "EUR", budget: "1000"), project("PRJ-2", "GBP", budget: "2000"),
            project("PRJ-3", nil, budget: "300"), project("PRJ-4", "usd", budget: "1234.57"),
            project("PRJ-5", "CHF", budget: "500"),
        ]
        p.financials = [
            financial("PRJ-1", pv: "500", ev: "400", ac: "450", fac: "1100"),
            financial("PRJ-2", pv: "100", ev: "90", ac: "95", fac: nil),
            financial("PRJ-4", pv: "10.01", ev: "10", ac: "12.5", fac: nil),
            financial("PRJ-5", pv: "50", ev: "50", ac: "50", fac: nil),
        ]
        p.benefits = [
            benefit("PRJ-1", "B-1", measure: "EUR per year", baseline: "0", target: "1200"),
            benefit("PRJ-1", "B-2", measure: "CSAT %", baseline: "71", target: "80"),
            benefit("PRJ-1", "B-3", measure: "EURO-zone sites", baseline: "2", target: "5"),
            benefit("PRJ-2", "B-1", measure: "GBP per year", baseline: "0", target: "900"),
        ]
        p.benefitMeasurements = [
            measurement("PRJ-1", "B-1", "480"), measurement("PRJ-1", "B-2", "75"), measurement("PRJ-2", "B-1", "300"),
        ]
        return p
    }

    @Test func convertsBudgetsFinancialsAndMoneyBenefitsExactly() {
        var p = Self.portfolio()
        let sink = DiagnosticSink()
        let converted = CurrencyConversion.apply(
            rates: ["EUR": Self.d("0.86"), "USD": Self.d("0.79")], currency: "GBP", to: &p, diagnostics: sink)
        #expect(converted == ["PRJ-1": "EUR", "PRJ-4": "USD"])
        // 1,000 x 0.86 = 860; 1,234.57 x 0.79 = 975.3103 (exact, not rounded to pence).
        #expect(p.projects.map(\.budget) == ["860", "2000", "300", "975.3103", "500"].map(Self.d))
        #expect(p.projects.map(\.currency) == ["GBP", "GBP", nil, "GBP", "CHF"])
        // 500, 400, 450, 1,100 x 0.86 = 430, 344, 387, 946; 10.01, 10, 12.5 x 0.79 = 7.9079, 7.9, 9.875.
        #expect(p.financials.map(\.plannedValue) == ["430", "100", "7.9079", "50"].map(Self.d))
        #expect(p.financials.map(\.earnedValue) == ["344", "90", "7.9", "50"].map(Self.d))
        #expect(p.financials.map(\.actualCost) == ["387", "95", "9.875", "50"].map(Self.d))
        #expect(p.financials.map(\.forecastAtCompletion) == [Self.d("946"), nil, nil, nil])
        // Only "EUR per year" is money: 1,200 x 0.86 = 1,032 and 480 x 0.86 = 412.8.
        #expect(p.benefits.map(\.targetValue) == ["1032", "80", "5", "900"].map(Self.d))
        #expect(p.benefits.map(\.baselineValue) == ["0", "71", "2", "0"].map(Self.d))
        #expect(p.benefits.map(\.measure) == ["GBP per year", "CSAT %", "EURO-zone sites", "GBP per year"])
        #expect(p.benefitMeasurements.map(\.actualValue) == ["412.8", "75", "300"].map(Self.d))
        // The sink orders notes without a place first.
        #expect(sink.all.map(\.id) == [
            CurrencyConversion.convertedID, CurrencyConversion.convertedID, CurrencyConversion.noRateID,
        ])
        #expect(sink.all[0].message == "1 project(s) converted from EUR into GBP at 0.86 GBP per EUR: PRJ-1")
        #expect(sink.all[1].message == "1 project(s) converted from USD into GBP at 0.79 GBP per USD: PRJ-4")
        let noRate = sink.all[2]
        #expect(noRate.severity == .error)
        #expect(noRate.projectID == "PRJ-5")
        #expect(noRate.message == "project PRJ-5 is in CHF and the configuration has no rate for CHF into GBP; its money is left in CHF and portfolio sums would mix currencies")
    }

    @Test func ratiosDoNotMove() {
        let before = Self.portfolio()
        var after = before
        CurrencyConversion.apply(rates: ["EUR": Self.d("0.86"), "USD": Self.d("0.79")], currency: "GBP", to: &after, diagnostics: DiagnosticSink())
        let config = MetricsConfig(period: Period("2026-11") ?? Period(index: 0))
        let m0 = PortfolioMetrics.compute(before, config: config)
        let m1 = PortfolioMetrics.compute(after, config: config)
        // PRJ-1: CPI 400 / 450 = 344 / 387 = 0.888..., SPI 400 / 500 = 344 / 430 = 0.8.
        #expect(m1.projects.map(\.evm.cpi) == m0.projects.map(\.evm.cpi))
        #expect(m1.projects.map(\.evm.spi) == m0.projects.map(\.evm.spi))
        #expect(m1.projects.first?.evm.spi == 0.8)
        #expect(m1.projects.first?.evm.bac == Self.d("860"))
        #expect(m1.projects.map(\.evmSignal) == m0.projects.map(\.evmSignal))
    }

    @Test func nothingToConvertWhenEveryProjectIsInTheRunCurrency() {
        var p = Portfolio()
        p.projects = [Self.project("PRJ-1", "gbp ", budget: "10"), Self.project("PRJ-2", nil, budget: "20")]
        let sink = DiagnosticSink()
        #expect(CurrencyConversion.apply(rates: [:], currency: "GBP", to: &p, diagnostics: sink).isEmpty)
        #expect(p.projects.map(\.budget) == [Self.d("10"), Self.d("20")])
        #expect(sink.all.isEmpty)
    }

    // MARK: - Through Validation

    static let files = [
        "t/projects.csv": "project_id,name,stage,start_date,baseline_end_date,budget,currency,rag_overall,last_updated\n"
            + "PRJ-1,Euro,execution,2026-01-01,2027-12-31,1000,EUR,A,2026-11-20\n"
            + "PRJ-2,Sterling,execution,2026-01-01,2027-12-31,2000,GBP,A,2026-11-20\n",
        "t/financials.csv": "project_id,period,planned_value,earned_value,actual_cost\n"
            + "PRJ-1,2026-11,500,400,450\nPRJ-2,2026-11,100,90,95\n",
    ]

    func validate(currency: String?, rates: [String: Decimal]) throws -> Validation.Result {
        let dir = try TemporaryFolder()
        defer { dir.remove() }
        for (path, text) in Self.files { _ = try dir.write(path, text) }
        var o = Validation.Options()
        o.period = Period("2026-11")
        o.noRules = true
        o.currency = currency
        o.rates = rates
        return Validation(options: o).run([dir.url.path + "/t"])
    }

    @Test func validationConvertsInsteadOfReportingMixedCurrencies() throws {
        let r = try validate(currency: "GBP", rates: ["EUR": Self.d("0.86")])
        #expect(!r.diagnostics.contains { $0.id == CurrencyCheck.mixedID })
        #expect(r.diagnostics.filter { $0.severity == .error }.isEmpty)
        // BAC 860 + 2,000 = 2,860; AC 387 + 95 = 482.
        #expect(r.metrics.portfolio.evm.bac == Self.d("2860"))
        #expect(r.metrics.portfolio.evm.ac == Self.d("482"))
        #expect(r.load.portfolio.projects.map(\.currency) == ["GBP", "GBP"])
    }

    @Test func validationWithoutARateNamesTheProject() throws {
        let r = try validate(currency: "GBP", rates: [:])
        let errors = r.diagnostics.filter { $0.severity == .error }
        #expect(errors.map(\.id) == [CurrencyConversion.noRateID])
        #expect(errors.first?.projectID == "PRJ-1")
        #expect(errors.first?.location?.line == 2)
    }

    @Test func validationWithoutACurrencyStillReportsMixedCurrencies() throws {
        let r = try validate(currency: nil, rates: [:])
        #expect(r.diagnostics.filter { $0.severity == .error }.map(\.id) == [CurrencyCheck.mixedID])
    }
}
