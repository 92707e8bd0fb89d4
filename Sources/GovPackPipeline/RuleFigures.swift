import Foundation
import GovPackCore
import GovPackMetrics

/// The earned-value figures the rules see (`project.cpi`, ...), taken from the metrics stage so
/// that rules and packs can never disagree on a number.
enum RuleFigures {
    static func figures(_ metrics: PortfolioMetrics, portfolio: Portfolio) -> [String: ProjectFigures] {
        // The team's own estimate at completion: the latest one given up to the period.
        var teamEAC: [String: (Period, Decimal)] = [:]
        for f in portfolio.financials where f.period <= metrics.period {
            if let eac = f.forecastAtCompletion, (teamEAC[f.projectID]?.0 ?? Period(index: 0)) <= f.period {
                teamEAC[f.projectID] = (f.period, eac)
            }
        }
        func double(_ d: Decimal?) -> Double? { d.map { NSDecimalNumber(decimal: $0).doubleValue } }
        var out: [String: ProjectFigures] = [:]
        for p in metrics.projects {
            let e = p.evm
            out[p.projectID] = ProjectFigures(
                pv: e.pv, ev: e.ev, ac: e.ac, bac: e.bac, cpi: e.cpi, spi: e.spi, eac: double(e.eac),
                vac: double(e.vac), teamEAC: teamEAC[p.projectID]?.1)
        }
        return out
    }
}
