import Foundation
import GovPackCore

extension MetricDefinition {
    static let benefits: [MetricDefinition] = [
        .init(id: "realisation_pct", name: "Benefit realisation", unit: "%",
              formula: "100 x (latest actual_value - baseline_value) / (target_value - baseline_value); latest = the measurement with the greatest measured_on <= E; null without a measurement or when target = baseline",
              example: "baseline 100, target 200, latest 150: 50"),
        .init(id: "benefit_realisation_pct", name: "Benefit realisation of a project / the portfolio", unit: "%",
              formula: "mean realisation_pct over the benefits that have one (portfolio: over all benefits, not a mean of project means); null when none",
              example: "50 and 100: 75"),
        .init(id: "benefits.shortfall", name: "Benefit shortfall", unit: "bool",
              formula: "target_date <= E and realisation_pct is null or below 100",
              example: "target date passed, realisation 80: true"),
    ]
}

/// One benefit, measured as of E.
public struct BenefitMetrics: Sendable, Equatable {
    public var projectID: String
    public var benefitID: String
    public var baselineValue: Decimal
    public var targetValue: Decimal
    public var targetDate: Day
    public var latestValue: Decimal?
    public var latestMeasuredOn: Day?
    public var realisationPct: Double?
    /// Due (target_date <= E) but not fully realised (realisation null or below 100).
    public var shortfall: Bool

    public init(projectID: String, benefitID: String, baselineValue: Decimal, targetValue: Decimal,
                targetDate: Day, latestValue: Decimal?, latestMeasuredOn: Day?, realisationPct: Double?,
                shortfall: Bool) {
        self.projectID = projectID
        self.benefitID = benefitID
        self.baselineValue = baselineValue
        self.targetValue = targetValue
        self.targetDate = targetDate
        self.latestValue = latestValue
        self.latestMeasuredOn = latestMeasuredOn
        self.realisationPct = realisationPct
        self.shortfall = shortfall
    }
}

enum BenefitCalc {
    /// The exact realisation percentage as a decimal, nil when undefined.
    static func realisation(_ b: Benefit, latest: Decimal?) -> Decimal? {
        guard let v = latest else { return nil }
        let span = Exact.difference(b.targetValue, b.baselineValue)
        guard !span.isZero else { return nil }
        return Exact.productQuotient(100, Exact.difference(v, b.baselineValue), span)
    }

    /// A benefit's latest measurement.
    struct Latest {
        var measuredOn: Day
        var value: Decimal
    }

    /// Latest measurement on or before E of every (project, benefit), in one pass; of two on
    /// the same day the first row wins.
    ///
    /// A benefit's measurements usually come one after another (a team's file lists them
    /// together), so the best of a run of rows is kept in hand and stored once per run: one
    /// dictionary update per benefit instead of one per row. (A struct, not a tuple, as the
    /// value: a tuple's type metadata was looked up at run time on every access.)
    static func latest(_ ms: [BenefitMeasurement], end: Day) -> [RowKey: Latest] {
        var out: [RowKey: Latest] = [:]
        var run: (key: RowKey, best: Latest)?
        func store(_ r: (key: RowKey, best: Latest)) {
            if let cur = out[r.key], cur.measuredOn >= r.best.measuredOn { return }  // the earlier rows win a tie
            out[r.key] = r.best
        }
        for m in ms where m.measuredOn <= end {
            if let r = run, r.key.a == m.projectID, r.key.b == m.benefitID {
                if m.measuredOn > r.best.measuredOn { run?.best = Latest(measuredOn: m.measuredOn, value: m.actualValue) }
                continue
            }
            if let r = run { store(r) }
            run = (RowKey(m.projectID, m.benefitID), Latest(measuredOn: m.measuredOn, value: m.actualValue))
        }
        if let r = run { store(r) }
        return out
    }
}
