import Foundation
import GovPackCore

extension MetricDefinition {
    static let earnedValue: [MetricDefinition] = [
        .init(id: "pv", name: "Planned value", unit: "money",
              formula: "sum of financials.planned_value over periods <= the report period",
              example: "periods 2026-10 and 2026-11 planned 1,000 and 2,000: PV = 3,000"),
        .init(id: "ev", name: "Earned value", unit: "money",
              formula: "sum of financials.earned_value over periods <= the report period",
              example: "EV = 2,500"),
        .init(id: "ac", name: "Actual cost", unit: "money",
              formula: "sum of financials.actual_cost over periods <= the report period",
              example: "AC = 2,800"),
        .init(id: "bac", name: "Budget at completion", unit: "money",
              formula: "projects.budget; programme and portfolio: the sum over their projects",
              example: "BAC = 4,000"),
        .init(id: "cv", name: "Cost variance", unit: "money", formula: "EV - AC",
              example: "2,500 - 2,800 = -300"),
        .init(id: "sv", name: "Schedule variance", unit: "money", formula: "EV - PV",
              example: "2,500 - 3,000 = -500"),
        .init(id: "cpi", name: "Cost performance index", unit: "ratio",
              formula: "EV / AC; null when AC = 0", example: "2,500 / 2,800 = 0.8928571428571429"),
        .init(id: "spi", name: "Schedule performance index", unit: "ratio",
              formula: "EV / PV; null when PV = 0", example: "2,500 / 3,000 = 0.8333333333333334"),
        .init(id: "eac", name: "Estimate at completion", unit: "money",
              formula: "BAC / CPI (= BAC x AC / EV) by default; or AC + (BAC - EV); or AC + (BAC - EV) / (CPI x SPI). Null when a ratio it needs is null or zero",
              example: "4,000 / (2,500 / 2,800) = 4,480; AC + (BAC - EV) = 4,300; 2,800 + 1,500 / (0.892857 x 0.833333) = 4,816"),
        .init(id: "etc", name: "Estimate to complete", unit: "money", formula: "EAC - AC",
              example: "4,480 - 2,800 = 1,680"),
        .init(id: "vac", name: "Variance at completion", unit: "money", formula: "BAC - EAC",
              example: "4,000 - 4,480 = -480"),
        .init(id: "tcpi", name: "To-complete performance index", unit: "ratio",
              formula: "(BAC - EV) / (BAC - AC); null when BAC = AC",
              example: "(4,000 - 2,500) / (4,000 - 2,800) = 1.25"),
    ]
}

/// Earned-value figures of a project, programme or the portfolio, cumulative to the report period.
///
/// Money is exact `Decimal`; EAC, ETC and VAC are exact where the division terminates and
/// otherwise carry Decimal's 38 significant digits. Ratios are the nearest `Double` of the
/// exact quotient (see `Exact.ratio`). A ratio over zero is nil, never infinity or NaN.
public struct EarnedValue: Sendable, Equatable {
    public var bac: Decimal
    public var pv: Decimal
    public var ev: Decimal
    public var ac: Decimal
    public var cv: Decimal
    public var sv: Decimal
    public var cpi: Double?
    public var spi: Double?
    public var eac: Decimal?
    public var etc: Decimal?
    public var vac: Decimal?
    public var tcpi: Double?

    public init(bac: Decimal, pv: Decimal, ev: Decimal, ac: Decimal,
                method: MetricsConfig.EACMethod = .bacOverCPI) {
        self.bac = bac
        self.pv = pv
        self.ev = ev
        self.ac = ac
        cv = Exact.difference(ev, ac)
        sv = Exact.difference(ev, pv)
        cpi = Exact.ratio(ev, ac)
        spi = Exact.ratio(ev, pv)
        tcpi = Exact.ratio(Exact.difference(bac, ev), Exact.difference(bac, ac))
        eac = EarnedValue.estimate(bac: bac, pv: pv, ev: ev, ac: ac, method: method)
        etc = eac.map { Exact.difference($0, ac) }
        vac = eac.map { Exact.difference(bac, $0) }
    }

    /// EAC computed from the exact figures, so that BAC / CPI is BAC x AC / EV without a rounded CPI.
    static func estimate(bac: Decimal, pv: Decimal, ev: Decimal, ac: Decimal,
                         method: MetricsConfig.EACMethod) -> Decimal? {
        switch method {
        case .bacOverCPI:
            // CPI is null when AC = 0 and zero when EV = 0: either way BAC / CPI is undefined.
            guard !ac.isZero, !ev.isZero else { return nil }
            return Exact.productQuotient(bac, ac, ev)
        case .acPlusRemaining:
            return ac + (bac - ev)
        case .acPlusRemainingOverCPIxSPI:
            // CPI x SPI = EV^2 / (AC x PV).
            guard !ac.isZero, !pv.isZero, !ev.isZero else { return nil }
            return ac + (bac - ev) * ac * pv / (ev * ev)
        }
    }

    /// True when CPI or SPI is below `threshold`, compared exactly (EV < t x AC), nulls ignored.
    func below(_ threshold: Decimal) -> Bool {
        func ratioBelow(_ d: Decimal) -> Bool {
            if d.isZero { return false }  // a null ratio is ignored
            // EV / d < t  <=>  EV < t x d when d > 0, and EV > t x d when d < 0.
            return d > 0 ? Exact.less(ev, than: threshold, times: d) : Exact.less(-ev, than: threshold, times: -d)
        }
        return ratioBelow(ac) || ratioBelow(pv)
    }
}

/// One point of a cumulative S-curve: PV, EV and AC summed over every period up to `period`.
public struct EVMPoint: Sendable, Equatable {
    public var period: Period
    public var pv: Decimal
    public var ev: Decimal
    public var ac: Decimal

    public init(period: Period, pv: Decimal, ev: Decimal, ac: Decimal) {
        self.period = period
        self.pv = pv
        self.ev = ev
        self.ac = ac
    }
}

/// Cumulative S-curve series: one point per period in which the project (or, for the
/// portfolio, any project) has a financials row, up to and including P; later rows are left
/// out, as for the sums.
public enum EarnedValueSeries {
    /// The series of every project, keyed by project_id, in one pass over the financials.
    /// Kept out of `PortfolioMetrics.compute` so that a run that draws no S-curves pays nothing.
    public static func byProject(_ portfolio: Portfolio, period: Period) -> [String: [EVMPoint]] {
        var known = Set<String>()
        for p in portfolio.projects { known.insert(p.projectID) }
        var rows: [String: [PeriodAmounts]] = [:]
        for f in portfolio.financials where f.period <= period && known.contains(f.projectID) {
            rows[f.projectID, default: []].append(PeriodAmounts(f))
        }
        return rows.mapValues(cumulate)
    }

    /// The portfolio series: all kept projects' financials summed per period, then cumulated.
    public static func portfolio(_ portfolio: Portfolio, period: Period) -> [EVMPoint] {
        var known = Set<String>()
        for p in portfolio.projects { known.insert(p.projectID) }
        var acc = PortfolioSeriesAccumulator()
        for f in portfolio.financials where f.period <= period && known.contains(f.projectID) { acc.add(f) }
        return acc.series()
    }

    struct PeriodAmounts {
        var period: Int32, pv: Decimal, ev: Decimal, ac: Decimal
        init(_ f: Financial) {
            period = f.period.index
            pv = f.plannedValue
            ev = f.earnedValue
            ac = f.actualCost
        }
    }

    static func cumulate(_ rows: [PeriodAmounts]) -> [EVMPoint] {
        let sorted = rows.sorted { $0.period < $1.period }
        var out: [EVMPoint] = []
        var pv = ExactSum(), ev = ExactSum(), ac = ExactSum()
        var i = 0
        while i < sorted.count {
            let p = sorted[i].period
            while i < sorted.count, sorted[i].period == p {
                pv.add(sorted[i].pv)
                ev.add(sorted[i].ev)
                ac.add(sorted[i].ac)
                i += 1
            }
            out.append(EVMPoint(period: Period(index: p), pv: pv.value, ev: ev.value, ac: ac.value))
        }
        return out
    }
}

/// Sums financials per period across projects (a few dozen periods: a slot per period).
struct PortfolioSeriesAccumulator {
    private var slots: [Int32: Int] = [:]
    private var periods: [Int32] = []
    private var pv: [ExactSum] = [], ev: [ExactSum] = [], ac: [ExactSum] = []
    private var lastPeriod = Int32.min, lastSlot = 0

    mutating func add(_ f: Financial) {
        let p = f.period.index
        let k: Int
        if p == lastPeriod {
            k = lastSlot
        } else if let s = slots[p] {
            k = s
        } else {
            k = periods.count
            slots[p] = k
            periods.append(p)
            pv.append(ExactSum())
            ev.append(ExactSum())
            ac.append(ExactSum())
        }
        lastPeriod = p
        lastSlot = k
        pv[k].add(f.plannedValue)
        ev[k].add(f.earnedValue)
        ac[k].add(f.actualCost)
    }

    func series() -> [EVMPoint] {
        var cpv = ExactSum(), cev = ExactSum(), cac = ExactSum()
        var out: [EVMPoint] = []
        for k in periods.indices.sorted(by: { periods[$0] < periods[$1] }) {
            cpv.add(pv[k])
            cev.add(ev[k])
            cac.add(ac[k])
            out.append(EVMPoint(period: Period(index: periods[k]), pv: cpv.value, ev: cev.value, ac: cac.value))
        }
        return out
    }
}
