import Foundation
import GovPackCore
import GovPackStore

/// What `govpack history` prints: the recorded runs, or one project's figures over time, as a
/// text table, JSON (`govpack.history/1`) or CSV.
///
/// Text rounds for reading (CPI and SPI to 2 decimals, compliance to 1, money to whole units);
/// JSON and CSV print money exactly and ratios in full. A missing value prints `-` in text,
/// `null` in JSON and nothing in CSV.
public enum HistoryReport {
    public enum Format: String, Sendable, CaseIterable { case text, json, csv }

    public static let schema = "govpack.history/1"

    // MARK: - Runs

    public static func runs(_ runs: [RunInfo], format: Format) -> String {
        switch format {
        case .text:
            let header = ["period", "projects", "RAG", "CPI", "SPI", "exposure", "compliance", "findings", "files"]
            let rows = runs.map { r in
                [
                    r.period.description, String(r.projects), r.portfolio.rag?.rawValue ?? "-", fixed(r.portfolio.cpi, 2),
                    fixed(r.portfolio.spi, 2), String(r.portfolio.riskExposure), fixed(r.portfolio.complianceScore, 1),
                    String(r.findings), String(r.packFiles),
                ]
            }
            return table(header, rows, rightAligned: [1, 3, 4, 5, 6, 7, 8])
        case .json:
            var w = JSONWriter()
            w.beginObject()
            w.string("schema", schema)
            w.beginArray("runs")
            for r in runs {
                w.beginObject()
                w.string("period", r.period.description)
                w.string("govpack_version", r.govpackVersion)
                w.string("input_digest", r.inputDigest)
                w.int("inputs", r.inputs)
                w.int("quarantined_inputs", r.quarantinedInputs)
                w.int("projects", r.projects)
                w.string("rag", r.portfolio.rag?.rawValue)
                w.double("cpi", r.portfolio.cpi)
                w.double("spi", r.portfolio.spi)
                w.raw("bac", DecimalText.format(r.portfolio.bac))
                w.raw("eac", r.portfolio.eac.map(DecimalText.format))
                w.int("risk_exposure", r.portfolio.riskExposure)
                w.int("open_risks", r.portfolio.openRisks)
                w.double("compliance_score", r.portfolio.complianceScore)
                w.double("benefit_realisation_pct", r.portfolio.benefitRealisationPct)
                w.int("findings", r.findings)
                w.int("pack_files", r.packFiles)
                w.endObject()
            }
            w.endArray()
            w.endObject()
            return w.text + "\n"
        case .csv:
            var out = "period,projects,rag,cpi,spi,bac,eac,risk_exposure,open_risks,compliance_score,benefit_realisation_pct,findings,inputs,quarantined_inputs,pack_files,govpack_version,input_digest\n"
            for r in runs {
                let f = r.portfolio
                out += [
                    r.period.description, String(r.projects), f.rag?.rawValue ?? "", number(f.cpi), number(f.spi),
                    DecimalText.format(f.bac), f.eac.map(DecimalText.format) ?? "", String(f.riskExposure),
                    String(f.openRisks), number(f.complianceScore), number(f.benefitRealisationPct), String(r.findings),
                    String(r.inputs), String(r.quarantinedInputs), String(r.packFiles), csv(r.govpackVersion), r.inputDigest,
                ].joined(separator: ",") + "\n"
            }
            return out
        }
    }

    // MARK: - One project

    public static func project(_ id: String, _ history: [(period: Period, figures: ProjectRecord)], format: Format) -> String {
        switch format {
        case .text:
            let latest = history.last?.figures
            var title = id
            if let l = latest {
                title += "  " + l.name
                if let g = l.programID { title += " (" + g + ")" }
            }
            let header = ["period", "stage", "reported", "derived", "CPI", "SPI", "EAC", "exposure", "compliance", "slip"]
            let rows = history.map { h -> [String] in
                let p = h.figures
                return [
                    h.period.description, p.stage.rawValue, p.ragReported?.rawValue ?? "-", p.ragDerived?.rawValue ?? "-",
                    fixed(p.cpi, 2), fixed(p.spi, 2), p.eac.map(whole) ?? "-", String(p.riskExposure),
                    fixed(p.complianceScore, 1), p.endSlipDays.map { String($0) } ?? "-",
                ]
            }
            return title + "\n" + table(header, rows, rightAligned: [4, 5, 6, 7, 8, 9])
        case .json:
            var w = JSONWriter()
            w.beginObject()
            w.string("schema", schema)
            w.string("project_id", id)
            w.beginArray("periods")
            for h in history {
                let p = h.figures
                w.beginObject()
                w.string("period", h.period.description)
                w.string("name", p.name)
                w.string("program_id", p.programID)
                w.string("team", p.team)
                w.string("stage", p.stage.rawValue)
                w.string("rag_reported", p.ragReported?.rawValue)
                w.string("rag_derived", p.ragDerived?.rawValue)
                w.raw("bac", DecimalText.format(p.bac))
                w.raw("pv", DecimalText.format(p.pv))
                w.raw("ev", DecimalText.format(p.ev))
                w.raw("ac", DecimalText.format(p.ac))
                w.raw("eac", p.eac.map(DecimalText.format))
                w.double("cpi", p.cpi)
                w.double("spi", p.spi)
                w.int("risk_exposure", p.riskExposure)
                w.int("open_risks", p.openRisks)
                w.int("critical_risks", p.criticalRisks)
                w.double("compliance_score", p.complianceScore)
                w.int("errors", p.errors)
                w.int("warnings", p.warnings)
                w.int("end_slip_days", p.endSlipDays)
                w.double("benefit_realisation_pct", p.benefitRealisationPct)
                w.endObject()
            }
            w.endArray()
            w.endObject()
            return w.text + "\n"
        case .csv:
            var out = "period,project_id,stage,rag_reported,rag_derived,cpi,spi,bac,eac,risk_exposure,open_risks,compliance_score,errors,warnings,end_slip_days,benefit_realisation_pct\n"
            for h in history {
                let p = h.figures
                out += [
                    h.period.description, csv(id), p.stage.rawValue, p.ragReported?.rawValue ?? "", p.ragDerived?.rawValue ?? "",
                    number(p.cpi), number(p.spi), DecimalText.format(p.bac), p.eac.map(DecimalText.format) ?? "",
                    String(p.riskExposure), String(p.openRisks), number(p.complianceScore), String(p.errors),
                    String(p.warnings), p.endSlipDays.map { String($0) } ?? "", number(p.benefitRealisationPct),
                ].joined(separator: ",") + "\n"
            }
            return out
        }
    }

    /// Up to five ids near `id`: those containing it (or contained in it), then those a few
    /// edits away, closest first; ties in id order.
    public static func closeIDs(_ id: String, in ids: [String]) -> [String] {
        let wanted = id.lowercased()
        let limit = max(2, wanted.count / 3)
        let scored = ids.compactMap { candidate -> (Int, String)? in
            let c = candidate.lowercased()
            if c.contains(wanted) || wanted.contains(c) { return (0, candidate) }
            let d = editDistance(wanted, c)
            return d <= limit ? (d, candidate) : nil
        }
        return scored.sorted { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1.utf8.lexicographicallyPrecedes($1.1.utf8) }
            .prefix(5).map(\.1)
    }
}

// MARK: - Helpers

private extension HistoryReport {
    static func fixed(_ v: Double?, _ places: Int) -> String {
        guard let v, v.isFinite else { return "-" }
        return String(format: "%.\(places)f", v)
    }

    static func number(_ v: Double?) -> String { v.map(JSONWriter.number) ?? "" }

    /// Money rounded half away from zero to whole units, for reading.
    static func whole(_ d: Decimal) -> String {
        var x = d
        var r = Decimal()
        NSDecimalRound(&r, &x, 0, .plain)
        return DecimalText.format(r)
    }

    /// A CSV field, quoted when it needs to be.
    static func csv(_ s: String) -> String {
        guard s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return s }
        return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    static func table(_ header: [String], _ rows: [[String]], rightAligned: Set<Int>) -> String {
        var widths = header.map(\.count)
        for r in rows { for (i, c) in r.enumerated() { widths[i] = max(widths[i], c.count) } }
        func line(_ cells: [String]) -> String {
            var out = ""
            for (i, c) in cells.enumerated() {
                let pad = String(repeating: " ", count: widths[i] - c.count)
                if i > 0 { out += "  " }
                out += rightAligned.contains(i) ? pad + c : (i == cells.count - 1 ? c : c + pad)
            }
            return out
        }
        return ([line(header)] + rows.map(line)).joined(separator: "\n") + "\n"
    }

    static func editDistance(_ a: String, _ b: String) -> Int {
        let x = Array(a.unicodeScalars), y = Array(b.unicodeScalars)
        if x.isEmpty { return y.count }
        var prev = Array(0...y.count)
        for i in 1...x.count {
            var cur = [i] + Array(repeating: 0, count: y.count)
            for j in stride(from: 1, through: y.count, by: 1) {
                cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1))
            }
            prev = cur
        }
        return prev[y.count]
    }
}
