import Foundation
import GovPackCore

/// The metrics as CSV tables for spreadsheets: `projects`, `programs`, `people`,
/// `risk_categories` and `benefits`.
///
/// Each table has a header row of the JSON keys, rows in the JSON's order, CRLF line ends and
/// RFC 4180 quoting (a cell holding `,`, `"`, CR or LF is quoted, quotes doubled). Numbers are
/// spelled as in the JSON and a null is an empty cell. Text cells (ids, names, RAG letters,
/// stages) that begin with `=`, `+`, `-`, `@`, a tab or a carriage return are prefixed with `'` so
/// that a spreadsheet does not run them as formulas (OWASP's list: a leading tab or CR can hide a
/// formula behind it); numbers are never altered, so `-300` stays a number.
public enum MetricsCSV {
    public enum Table: String, CaseIterable, Sendable {
        case projects, programs, people, riskCategories = "risk_categories", benefits
        public var fileName: String { rawValue + ".csv" }
    }

    /// A cell: text is neutralised and quoted, numbers only quoted.
    public enum Cell: Equatable, Sendable {
        case text(String)
        case number(String)
        case null
    }

    public static func encode(_ m: PortfolioMetrics, table: Table) -> String {
        switch table {
        case .projects: return render(projectColumns, m.projects)
        case .programs: return render(programColumns, m.programs)
        case .people: return render(personColumns, m.people)
        case .riskCategories: return render(riskCategoryColumns, m.riskCategories)
        case .benefits: return render(benefitColumns, m.benefits)
        }
    }

    /// Every table, keyed by file name.
    public static func encodeAll(_ m: PortfolioMetrics) -> [(fileName: String, contents: String)] {
        Table.allCases.map { ($0.fileName, encode(m, table: $0)) }
    }

    /// One cell as it appears in the file.
    public static func field(_ c: Cell) -> String {
        var out = ""
        append(c, to: &out)
        return out
    }

    /// Appends `c` as it appears in the file. Scans UTF-8 bytes: every byte that makes a cell
    /// special (`=+-@`, tab, CR, `,`, `"`, LF) is ASCII, and at 20,000 projects the tables are
    /// some 6 MB, which a scan by `Character` took a second of CPU to write.
    static func append(_ c: Cell, to out: inout String) {
        switch c {
        case .null: return
        case .number(let s): appendQuoted(s, to: &out)
        case .text(let s):
            switch s.utf8.first {
            case UInt8(ascii: "="), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "@"), UInt8(ascii: "\t"),
                 UInt8(ascii: "\r"):
                appendQuoted("'" + s, to: &out)
            default: appendQuoted(s, to: &out)
            }
        }
    }

    /// RFC 4180: a cell holding `,`, `"`, CR or LF goes in quotes, its quotes doubled.
    static func appendQuoted(_ s: String, to out: inout String) {
        let special = s.utf8.contains { b in
            b == UInt8(ascii: ",") || b == UInt8(ascii: "\"") || b == UInt8(ascii: "\n") || b == UInt8(ascii: "\r")
        }
        guard special else {
            out += s
            return
        }
        out += "\""
        out += s.replacingOccurrences(of: "\"", with: "\"\"")
        out += "\""
    }

    typealias Columns<T> = [(String, (T) -> Cell)]

    static func render<T>(_ cols: Columns<T>, _ rows: [T]) -> String {
        var out = ""
        out.reserveCapacity((rows.count + 1) * cols.count * 10)
        for (k, c) in cols.enumerated() {
            if k > 0 { out += "," }
            appendQuoted(c.0, to: &out)
        }
        out += "\r\n"
        for r in rows {
            for (k, c) in cols.enumerated() {
                if k > 0 { out += "," }
                append(c.1(r), to: &out)
            }
            out += "\r\n"
        }
        return out
    }

    // MARK: - Cell helpers

    static func t(_ s: String?) -> Cell { s.map(Cell.text) ?? .null }
    static func i(_ v: Int?) -> Cell { v.map { .number(String($0)) } ?? .null }
    static func m(_ d: Decimal?) -> Cell { d.map { .number(MetricsJSON.money($0)) } ?? .null }
    static func r(_ v: Double?) -> Cell {
        let s = MetricsJSON.ratio(v)
        return s == "null" ? .null : .number(s)
    }
    static func b(_ v: Bool) -> Cell { .text(v ? "true" : "false") }

    // MARK: - Tables

    static let projectColumns: Columns<ProjectMetrics> = [
        ("project_id", { t($0.projectID) }), ("program_id", { t($0.programID) }), ("stage", { t($0.stage.rawValue) }),
        ("bac", { m($0.evm.bac) }), ("pv", { m($0.evm.pv) }), ("ev", { m($0.evm.ev) }), ("ac", { m($0.evm.ac) }),
        ("cv", { m($0.evm.cv) }), ("sv", { m($0.evm.sv) }), ("cpi", { r($0.evm.cpi) }), ("spi", { r($0.evm.spi) }),
        ("eac", { m($0.evm.eac) }), ("etc", { m($0.evm.etc) }), ("vac", { m($0.evm.vac) }), ("tcpi", { r($0.evm.tcpi) }),
        ("rag_reported", { t($0.ragReported.rawValue) }), ("rag_derived", { t($0.ragDerived.rawValue) }),
        ("watermelon", { b($0.watermelon) }), ("open_risks", { i($0.risks.openRisks) }),
        ("critical_risks", { i($0.risks.criticalRisks) }), ("risk_exposure", { i($0.risks.exposure) }),
        ("open_issues", { i($0.issues.open) }), ("milestones_due", { i($0.schedule.milestonesDue) }),
        ("milestones_on_time_pct", { r($0.schedule.milestonesOnTimePct) }),
        ("max_slip_days", { i($0.schedule.maxSlipDays) }), ("gates_due", { i($0.gates.gatesDue) }),
        ("gate_compliance_pct", { r($0.gates.compliancePct) }),
        ("benefit_realisation_pct", { r($0.benefitRealisationPct) }),
        ("compliance_score", { r($0.complianceScore) }), ("errors", { i($0.errors) }), ("warnings", { i($0.warnings) }),
        ("name", { t($0.name) }), ("evm_signal", { t($0.evmSignal.rawValue) }),
        ("escalation_due", { i($0.risks.escalationDue) }), ("overdue_issues", { i($0.issues.overdue) }),
        ("forecast_end_slip_days", { i($0.forecastEndSlipDays) }), ("priority_rank", { i($0.priorityRank) }),
    ]

    static let programColumns: Columns<ProgramMetrics> = [
        ("program_id", { t($0.programID) }), ("projects", { i($0.projects) }), ("rag", { t($0.rag?.rawValue) }),
        ("bac", { m($0.evm.bac) }), ("pv", { m($0.evm.pv) }), ("ev", { m($0.evm.ev) }), ("ac", { m($0.evm.ac) }),
        ("cpi", { r($0.evm.cpi) }), ("spi", { r($0.evm.spi) }), ("risk_exposure", { i($0.risks.exposure) }),
        ("declared", { b($0.declared) }), ("active_projects", { i($0.activeProjects) }),
    ]

    static let personColumns: Columns<PersonMetrics> = [
        ("person_id", { t($0.personID) }), ("capacity_hours", { m($0.capacityHours) }),
        ("planned_hours", { m($0.plannedHours) }), ("actual_hours", { m($0.actualHours) }),
        ("utilisation_pct", { r($0.utilisationPct) }), ("over_allocated", { b($0.overAllocated) }),
        ("projects", { i($0.projects) }),
    ]

    static let riskCategoryColumns: Columns<RiskCategoryMetrics> = [
        ("category", { t($0.category.rawValue) }), ("open_risks", { i($0.openRisks) }),
        ("exposure", { i($0.exposure) }), ("appetite", { i($0.appetite) }), ("breach", { b($0.breach) }),
    ]

    static let benefitColumns: Columns<BenefitMetrics> = [
        ("project_id", { t($0.projectID) }), ("benefit_id", { t($0.benefitID) }),
        ("baseline_value", { m($0.baselineValue) }), ("target_value", { m($0.targetValue) }),
        ("latest_value", { m($0.latestValue) }), ("realisation_pct", { r($0.realisationPct) }),
        ("target_date", { t($0.targetDate.description) }),
        ("latest_measured_on", { t($0.latestMeasuredOn?.description) }), ("shortfall", { b($0.shortfall) }),
    ]
}
