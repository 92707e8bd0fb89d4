import Foundation
import GovPackCore

/// Earned-value figures per project for the rules, until the metrics stage provides them.
enum ProjectFiguresCalculator {
    static func figures(_ p: Portfolio, period: Period) -> [String: ProjectFigures] {
        var sums: [String: (pv: Decimal, ev: Decimal, ac: Decimal, team: (Period, Decimal)?)] = [:]
        for f in p.financials where f.period <= period {
            var s = sums[f.projectID] ?? (0, 0, 0, nil)
            s.pv += f.plannedValue
            s.ev += f.earnedValue
            s.ac += f.actualCost
            if let eac = f.forecastAtCompletion, s.team == nil || s.team!.0 < f.period { s.team = (f.period, eac) }
            sums[f.projectID] = s
        }
        var out: [String: ProjectFigures] = [:]
        for project in p.projects {
            let s = sums[project.projectID] ?? (0, 0, 0, nil)
            func ratio(_ a: Decimal, _ b: Decimal) -> Double? {
                b == 0 ? nil : NSDecimalNumber(decimal: a / b).doubleValue
            }
            let cpi = ratio(s.ev, s.ac)
            let eac: Double? = s.ev == 0 ? nil : NSDecimalNumber(decimal: project.budget * s.ac / s.ev).doubleValue
            let vac = eac.map { NSDecimalNumber(decimal: project.budget).doubleValue - $0 }
            out[project.projectID] = ProjectFigures(
                pv: s.pv, ev: s.ev, ac: s.ac, bac: project.budget, cpi: cpi, spi: ratio(s.ev, s.pv), eac: eac,
                vac: vac, teamEAC: s.team?.1)
        }
        return out
    }
}
