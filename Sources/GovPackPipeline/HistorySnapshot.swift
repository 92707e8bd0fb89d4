import Foundation
import GovPackCore
import GovPackMetrics
import GovPackRules
import GovPackStore

/// Builds the history snapshot of a run from what the run computed.
///
/// Every list comes out sorted by its key in code-point order (as the metrics sort), and
/// repeated keys keep their first row (as the metrics do), so the same run gives the same
/// snapshot byte for byte. Rows naming a project the metrics do not know are left out.
public enum HistorySnapshot {
    /// - Parameters:
    ///   - metrics: the run's metrics, with the rules' compliance applied.
    ///   - portfolio: the rows read (risks, milestones and benefit descriptions come from here).
    ///   - findings: the rule results; nil when the rules did not run.
    ///   - inputs: every input file with its checksum (quarantined ones included).
    ///   - packFiles: every file published for the period, with its checksum.
    ///   - metricsJSON: the metrics document as written (`MetricsJSON.encode(metrics)`).
    public static func make(
        period: Period, version: String, metrics: PortfolioMetrics, portfolio: Portfolio, findings: RuleResults?,
        inputs: [InputRecord], packFiles: [PackFileRecord], metricsJSON: String
    ) -> RunSnapshot {
        make(period: period, version: version, metrics: metrics, portfolio: portfolio,
             findings: findings.map(findingRecords) ?? [], inputs: inputs, packFiles: packFiles,
             metricsJSON: metricsJSON)
    }

    /// As above, with the findings already counted (see `findingRecords`).
    public static func make(
        period: Period, version: String, metrics: PortfolioMetrics, portfolio: Portfolio, findings: [FindingRecord],
        inputs: [InputRecord], packFiles: [PackFileRecord], metricsJSON: String
    ) -> RunSnapshot {
        let sortedInputs = inputs.sorted { less($0.path, $1.path) }
        let known = Set(metrics.projects.map(\.projectID))
        // The lists are independent: each part is built on its own core (the run builds the
        // snapshot while its packs render). Each closure writes only its own list.
        var programs: [FigureRecord] = [], projects: [ProjectRecord] = [], risks: [RiskRecord] = []
        var milestones: [MilestoneRecord] = [], benefits: [BenefitRecord] = []
        let parts: [() -> Void] = [
            {
                var teams = TeamIndex(inputs: sortedInputs, files: portfolio.files)
                var teamOfProject: [String: String] = [:]
                for p in portfolio.projects where teamOfProject[p.projectID] == nil {
                    if let t = teams.team(ofFile: p.origin.file) { teamOfProject[p.projectID] = t }
                }
                projects = metrics.projects.sorted { less($0.projectID, $1.projectID) }.map {
                    projectRecord($0, team: teamOfProject[$0.projectID])
                }
            },
            {
                var members: [String: [ProjectMetrics]] = [:]
                for p in metrics.projects { if let g = p.programID { members[g, default: []].append(p) } }
                var realisations: [String: [Double]] = [:]
                for b in metrics.benefits { if let r = b.realisationPct { realisations[b.projectID, default: []].append(r) } }
                programs = metrics.programs.sorted { less($0.programID, $1.programID) }.map { g in
                    let projects = members[g.programID] ?? []
                    return programFigures(g, members: projects, realisations: projects.flatMap { realisations[$0.projectID] ?? [] })
                }
            },
            {
                risks = firstByKey(portfolio.risks.filter { known.contains($0.projectID) }, key: { ($0.projectID, $0.riskID) }).map {
                    RiskRecord(projectID: $0.projectID, riskID: $0.riskID, title: $0.title, category: $0.category,
                               probability: $0.probability, impact: $0.impact, status: $0.status)
                }
            },
            {
                milestones = firstByKey(portfolio.milestones.filter { known.contains($0.projectID) }, key: { ($0.projectID, $0.milestoneID) }).map {
                    MilestoneRecord(projectID: $0.projectID, milestoneID: $0.milestoneID, name: $0.name,
                                    baselineDate: $0.baselineDate, forecastDate: $0.forecastDate, actualDate: $0.actualDate,
                                    status: $0.status)
                }
            },
            { benefits = benefitRecords(metrics.benefits, portfolio.benefits) },
        ]
        Parallel.forEach(parts.count) { parts[$0]() }
        return RunSnapshot(
            period: period, govpackVersion: version, inputDigest: InputRecord.digest(sortedInputs), inputs: sortedInputs,
            portfolio: portfolioFigures(metrics.portfolio), programs: programs, projects: projects, risks: risks,
            milestones: milestones, benefits: benefits, findings: findings.sorted(by: findingLess),
            packFiles: sorted(packFiles), metricsJSON: metricsJSON)
    }

    /// Pack files in the history's order, by path.
    static func sorted(_ packFiles: [PackFileRecord]) -> [PackFileRecord] {
        packFiles.sorted { less($0.path, $1.path) }
    }

    /// Rule failures counted per rule, project, severity and waived-or-not.
    public static func findingRecords(_ results: RuleResults) -> [FindingRecord] {
        struct Key: Hashable { var rule: String, project: String?, severity: Severity, waived: Bool }
        var counts: [Key: Int] = [:]
        for f in results.findings {
            counts[Key(rule: f.rule.id, project: f.projectID, severity: f.rule.severity, waived: f.waiver != nil), default: 0] += 1
        }
        return counts.map {
            FindingRecord(ruleID: $0.key.rule, projectID: $0.key.project, severity: $0.key.severity,
                          waived: $0.key.waived, count: $0.value)
        }.sorted(by: findingLess)
    }
}

// MARK: - Figures

private extension HistorySnapshot {
    static func portfolioFigures(_ s: PortfolioSummary) -> FigureRecord {
        FigureRecord(
            id: "", rag: s.rag, projects: s.projects, activeProjects: s.activeProjects, bac: s.evm.bac, pv: s.evm.pv,
            ev: s.evm.ev, ac: s.evm.ac, eac: s.evm.eac, cpi: s.evm.cpi, spi: s.evm.spi, riskExposure: s.risks.exposure,
            openRisks: s.risks.openRisks, criticalRisks: s.risks.criticalRisks, complianceScore: s.complianceScore,
            benefitRealisationPct: s.benefitRealisationPct, errors: s.errors, warnings: s.warnings)
    }

    /// A programme's compliance is the mean of its projects' scores that are present, and its
    /// benefit realisation the mean over its projects' benefits, as for the portfolio.
    static func programFigures(_ g: ProgramMetrics, members: [ProjectMetrics], realisations: [Double]) -> FigureRecord {
        FigureRecord(
            id: g.programID, rag: g.rag, projects: g.projects, activeProjects: g.activeProjects, bac: g.evm.bac,
            pv: g.evm.pv, ev: g.evm.ev, ac: g.evm.ac, eac: g.evm.eac, cpi: g.evm.cpi, spi: g.evm.spi,
            riskExposure: g.risks.exposure, openRisks: g.risks.openRisks, criticalRisks: g.risks.criticalRisks,
            complianceScore: mean(members.compactMap(\.complianceScore)),
            benefitRealisationPct: mean(realisations),
            errors: members.reduce(0) { $0 + $1.errors }, warnings: members.reduce(0) { $0 + $1.warnings })
    }

    static func projectRecord(_ p: ProjectMetrics, team: String?) -> ProjectRecord {
        ProjectRecord(
            id: p.projectID, name: p.name, programID: p.programID, team: team, stage: p.stage,
            ragReported: p.ragReported, ragDerived: p.ragDerived, bac: p.evm.bac, pv: p.evm.pv, ev: p.evm.ev,
            ac: p.evm.ac, eac: p.evm.eac, cpi: p.evm.cpi, spi: p.evm.spi, riskExposure: p.risks.exposure,
            openRisks: p.risks.openRisks, criticalRisks: p.risks.criticalRisks, complianceScore: p.complianceScore,
            errors: p.errors, warnings: p.warnings, endSlipDays: p.forecastEndSlipDays,
            benefitRealisationPct: p.benefitRealisationPct)
    }

    static func benefitRecords(_ rows: [BenefitMetrics], _ benefits: [Benefit]) -> [BenefitRecord] {
        var described: [String: Benefit] = [:]
        for b in benefits {
            let k = b.projectID + "\u{0}" + b.benefitID
            if described[k] == nil { described[k] = b }
        }
        let records = rows.map { r -> BenefitRecord in
            let b = described[r.projectID + "\u{0}" + r.benefitID]
            return BenefitRecord(projectID: r.projectID, benefitID: r.benefitID, name: b?.description ?? "",
                                 category: b?.category, realisationPct: r.realisationPct)
        }
        return firstByKey(records, key: { ($0.projectID, $0.benefitID) })
    }

    /// Made once: a `Locale` per value was most of the programmes' figures at 20k projects.
    static let posix = Locale(identifier: "en_US_POSIX")

    /// The mean of doubles, summed as the exact decimals they print as, so the result does not
    /// depend on the order of the terms; nil for none.
    static func mean(_ values: [Double]) -> Double? {
        guard !values.isEmpty else { return nil }
        var sum = Decimal(0)
        for v in values { sum += Decimal(string: "\(v)", locale: posix) ?? Decimal(v) }
        let m = sum / Decimal(values.count)
        return Double(DecimalText.format(m)) ?? NSDecimalNumber(decimal: m).doubleValue
    }
}

// MARK: - Order

private extension HistorySnapshot {
    static func less(_ a: String, _ b: String) -> Bool { a.utf8.lexicographicallyPrecedes(b.utf8) }

    static func pairLess(_ a: (String, String), _ b: (String, String)) -> Bool {
        a.0 != b.0 ? less(a.0, b.0) : less(a.1, b.1)
    }

    /// Sorted by key; of rows with the same key the first (in input order) is kept.
    ///
    /// Sorts positions by keys worked out once, not the rows themselves: a risk row is some
    /// hundreds of bytes, and sorting 200,000 of them copied each one many times.
    static func firstByKey<T>(_ rows: [T], key: (T) -> (String, String)) -> [T] {
        let keys = rows.map(key)
        let order = keys.indices.sorted { x, y in
            let a = keys[x], b = keys[y]
            return a == b ? x < y : pairLess(a, b)
        }
        var out: [T] = []
        out.reserveCapacity(rows.count)
        var last: Int?
        for i in order {
            if let l = last, keys[l] == keys[i] { continue }
            out.append(rows[i])
            last = i
        }
        return out
    }

    static func findingLess(_ a: FindingRecord, _ b: FindingRecord) -> Bool {
        if a.ruleID != b.ruleID { return less(a.ruleID, b.ruleID) }
        if a.projectID != b.projectID { return less(a.projectID ?? "", b.projectID ?? "") }
        if a.severity != b.severity { return less(a.severity.rawValue, b.severity.rawValue) }
        return !a.waived && b.waived
    }
}

/// Finds the team of a row's file from the inputs' paths.
///
/// The loader names files relative to the input folder given; the inputs are relative to the
/// configuration's folder. A file belongs to the input whose path equals it, ends with it, or
/// which it ends with (at a `/`), the longest match first; a tail that two teams share names
/// no team. Every tail of every input is indexed once, so this stays linear in the inputs.
private struct TeamIndex {
    /// Path tail -> team; nil when the tail is ambiguous.
    private var byTail: [String: String?] = [:]
    private let files: SourceFiles
    private var cache: [UInt32: String?] = [:]

    init(inputs: [InputRecord], files: SourceFiles) {
        self.files = files
        byTail.reserveCapacity(inputs.count * 4)  // a team's file has some four tails
        for i in inputs {
            guard let team = i.team else { continue }
            for tail in Self.tails(i.path) {
                if let existing = byTail[tail] {
                    if existing != team { byTail[tail] = .some(nil) }
                } else {
                    byTail[tail] = .some(team)
                }
            }
        }
    }

    /// `a/b/c.csv`, `b/c.csv`, `c.csv`: longest first.
    static func tails(_ path: String) -> [String] {
        var out = [path]
        var rest = Substring(path)
        while let slash = rest.firstIndex(of: "/") {
            rest = rest[rest.index(after: slash)...]
            if !rest.isEmpty { out.append(String(rest)) }
        }
        return out
    }

    mutating func team(ofFile id: UInt32) -> String? {
        if let hit = cache[id] { return hit }
        var found: String?
        for tail in Self.tails(files.path(id)) {
            if let t = byTail[tail] {
                found = t
                break
            }
        }
        cache[id] = .some(found)
        return found
    }
}
