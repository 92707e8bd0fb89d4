import Foundation
import GovPackCore

/// Converts every project's money into the run's currency, so that portfolio sums speak one
/// currency (the contract: "one currency per run unless rates are configured").
///
/// A rate is the value of one unit of the project's currency in the run's currency (`EUR: 0.86`
/// with currency GBP: 1 EUR = 0.86 GBP). Products are exact decimals, never rounded: a budget
/// of 1,234.57 EUR becomes 1,061.7302 GBP, and ratios such as CPI do not move. Converted are a
/// project's `budget`, its financials rows (`planned_value`, `earned_value`, `actual_cost`,
/// `forecast_at_completion`), and its benefits whose `measure` names the project's currency
/// code as a word (`EUR per year`: baseline, target and every measurement; the measure then
/// names the run's currency). Other benefits (CSAT %, minutes) are not money and stay as they
/// are. A project without a currency is in the run's currency.
public enum CurrencyConversion {
    /// A project in a currency the configuration has no rate for (its money is left as it is).
    public static let noRateID = "metrics.currency.no_rate"
    /// What was converted, one note per currency.
    public static let convertedID = "metrics.currency.converted"

    /// Converts the projects in other currencies; returns the projects converted and the
    /// currency each came from.
    @discardableResult
    public static func apply(
        rates: [String: Decimal], currency: String, to portfolio: inout Portfolio, diagnostics: DiagnosticSink
    ) -> [String: String] {
        let run = normalised(currency)
        var table: [String: Decimal] = [:]
        for (code, rate) in rates { table[normalised(code)] = rate }
        var factor: [String: (rate: Decimal, from: String)] = [:]
        var byCurrency: [String: [String]] = [:]
        for i in portfolio.projects.indices {
            let project = portfolio.projects[i]
            let code = normalised(project.currency ?? "")
            guard !code.isEmpty, code != run else { continue }
            guard let rate = table[code], rate > 0 else {
                diagnostics.emit(
                    noRateID, .error,
                    "project \(project.projectID) is in \(code) and the configuration has no rate for \(code) into \(run); its money is left in \(code) and portfolio sums would mix currencies",
                    at: portfolio.files.location(project.origin),
                    hint: "add '\(code): <\(run) per 1 \(code)>' under 'rates:' in govpack.yaml",
                    projectID: project.projectID)
                continue
            }
            // A second row for the same id is a duplicate (reported by ingest); the first row's
            // currency converts the rows that hang off the project.
            if factor[project.projectID] == nil {
                factor[project.projectID] = (rate, code)
                byCurrency[code, default: []].append(project.projectID)
            }
            portfolio.projects[i].budget *= rate
            portfolio.projects[i].currency = run
        }
        guard !factor.isEmpty else { return [:] }
        for i in portfolio.financials.indices {
            guard let f = factor[portfolio.financials[i].projectID] else { continue }
            portfolio.financials[i].plannedValue *= f.rate
            portfolio.financials[i].earnedValue *= f.rate
            portfolio.financials[i].actualCost *= f.rate
            if let fac = portfolio.financials[i].forecastAtCompletion {
                portfolio.financials[i].forecastAtCompletion = fac * f.rate
            }
        }
        var moneyBenefits: [String: Decimal] = [:]
        for i in portfolio.benefits.indices {
            let b = portfolio.benefits[i]
            guard let f = factor[b.projectID], let measure = b.measure, names(measure, f.from) else { continue }
            portfolio.benefits[i].baselineValue *= f.rate
            portfolio.benefits[i].targetValue *= f.rate
            portfolio.benefits[i].measure = replacing(f.from, with: run, in: measure)
            moneyBenefits[b.projectID + "\u{1F}" + b.benefitID] = f.rate
        }
        for i in portfolio.benefitMeasurements.indices {
            let m = portfolio.benefitMeasurements[i]
            guard let rate = moneyBenefits[m.projectID + "\u{1F}" + m.benefitID] else { continue }
            portfolio.benefitMeasurements[i].actualValue *= rate
        }
        for code in byCurrency.keys.sorted() {
            let ids = byCurrency[code, default: []].sorted()
            let rate = table[code] ?? 0
            let shown = ids.prefix(8).joined(separator: ", ") + (ids.count > 8 ? " and \(ids.count - 8) more" : "")
            diagnostics.emit(
                convertedID, .info,
                "\(ids.count) project(s) converted from \(code) into \(run) at \(rate) \(run) per \(code): \(shown)",
                at: nil)
        }
        return factor.mapValues(\.from)
    }

    /// Currency codes compare trimmed and upper-cased (`eur ` is EUR).
    static func normalised(_ code: String) -> String {
        code.trimmingCharacters(in: .whitespaces).uppercased()
    }

    /// Whether `measure` has `code` as a word of its own (`EUR per year`, `k EUR`, not `EURO`).
    static func names(_ measure: String, _ code: String) -> Bool {
        words(measure).contains { $0.text == code }
    }

    static func replacing(_ code: String, with run: String, in measure: String) -> String {
        var out = measure
        for w in words(measure).reversed() where w.text == code { out.replaceSubrange(w.range, with: run) }
        return out
    }

    private static func words(_ s: String) -> [(text: String, range: Range<String.Index>)] {
        var out: [(String, Range<String.Index>)] = []
        var start: String.Index?
        var i = s.startIndex
        while i < s.endIndex {
            if s[i].isLetter {
                if start == nil { start = i }
            } else if let st = start {
                out.append((String(s[st..<i]), st..<i))
                start = nil
            }
            i = s.index(after: i)
        }
        if let st = start { out.append((String(s[st...]), st..<s.endIndex)) }
        return out
    }
}
