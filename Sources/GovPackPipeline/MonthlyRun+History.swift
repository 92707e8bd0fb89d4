import GovPackIngest
import Foundation
import GovPackCore
import GovPackIngest
import GovPackMetrics
import GovPackRender
import GovPackStore

/// The monthly run and its history: what it records, and what earlier runs tell the packs.
extension MonthlyRun {
    /// The snapshot the history keeps of a published run.
    /// `metricsJSON` is the published metrics.json when there is one (encoded once per run).
    public static func snapshot(_ r: RunRecord, metricsJSON: String? = nil) -> RunSnapshot {
        let inputs = r.inputs.map(inputRecord)
        let packs = r.outputs.map(packFileRecord)
        return HistorySnapshot.make(
            period: r.plan.period, version: r.plan.version, metrics: r.result.metrics, portfolio: r.result.load.portfolio,
            findings: r.result.ruleResults, inputs: inputs, packFiles: packs,
            metricsJSON: metricsJSON ?? MetricsJSON.encode(r.result.metrics))
    }

    static func packFileRecord(_ o: OutputChecksum) -> PackFileRecord {
        PackFileRecord(path: o.path, sha256: o.sha256, bytes: o.bytes)
    }

    static func inputRecord(_ c: InputChecksum) -> InputRecord {
        InputRecord(path: c.path, team: c.team, sha256: c.sha256, bytes: c.bytes, status: InputStatus(rawValue: c.status) ?? .rejected)
    }

    /// Earlier periods as the packs' trends read them, oldest first.
    public static func historyPoints(_ snapshots: [RunSnapshot]) -> [HistoryPoint] {
        snapshots.map { s in
            var projects: [String: HistoryPoint.ProjectPoint] = [:]
            var rag: [String: RAG] = [:]
            for p in s.projects {
                if let r = p.ragDerived { rag[p.id] = r }
                guard let derived = p.ragDerived, let reported = p.ragReported else { continue }
                projects[p.id] = HistoryPoint.ProjectPoint(
                    ragDerived: derived, ragReported: reported, cpi: p.cpi, spi: p.spi,
                    complianceScore: p.complianceScore, stage: p.stage, endSlipDays: p.endSlipDays)
            }
            var programs: [String: HistoryPoint.ProgramPoint] = [:]
            for g in s.programs {
                programs[g.id] = HistoryPoint.ProgramPoint(rag: g.rag, cpi: g.cpi, spi: g.spi, exposure: g.riskExposure)
            }
            var risks: [String: HistoryPoint.RiskPoint] = [:]
            for r in s.risks {
                risks[r.projectID + "/" + r.riskID] = HistoryPoint.RiskPoint(score: r.score, status: r.status, title: r.title)
            }
            var milestones: [String: HistoryPoint.MilestonePoint] = [:]
            for m in s.milestones {
                milestones[m.projectID + "/" + m.milestoneID] = HistoryPoint.MilestonePoint(
                    forecastDate: m.forecastDate, actualDate: m.actualDate, baselineDate: m.baselineDate)
            }
            var benefits: [String: Double?] = [:]
            for b in s.benefits { benefits[b.projectID + "/" + b.benefitID] = .some(b.realisationPct) }
            return HistoryPoint(
                period: s.period, rag: s.portfolio.rag, cpi: s.portfolio.cpi, spi: s.portfolio.spi,
                riskExposure: s.portfolio.riskExposure, complianceScore: s.portfolio.complianceScore, projectRAG: rag,
                benefitRealisationPct: s.portfolio.benefitRealisationPct, projects: projects, programs: programs,
                risks: risks, milestones: milestones, benefits: benefits)
        }
    }

    /// Which teams submitted, and the projects left without a report, with what the history
    /// last knew of them (name, programme, RAG).
    static func submissionStatus(_ teams: [TeamOutcome], history: [RunSnapshot]) -> SubmissionStatus {
        let statuses = teams.map {
            TeamStatus(name: $0.name, state: TeamStatus.State(rawValue: $0.state.rawValue) ?? .missing, due: $0.due,
                       files: $0.files.count, reasons: $0.reasons)
        }
        var notReported: [NotReportedProject] = []
        for t in teams {
            for id in t.state == .submitted ? t.notSent : t.projects {
                let last = history.reversed().lazy.compactMap { s in s.projects.first { $0.id == id }.map { (s.period, $0) } }.first
                notReported.append(NotReportedProject(
                    projectID: id, name: last?.1.name, programID: last?.1.programID, team: t.name,
                    lastPeriod: last?.0, lastRAG: last?.1.ragDerived))
            }
        }
        notReported.sort { $0.projectID.unicodeScalars.lexicographicallyPrecedes($1.projectID.unicodeScalars) }
        return SubmissionStatus(teams: statuses, notReported: notReported)
    }

    /// The projects a team reported in the latest earlier period, for when it sends nothing now:
    /// by its name, or by its folder when the snapshot kept the inputs (a renamed team).
    static func lastKnownProjects(of team: String, folder: String, in snapshots: [RunSnapshot]) -> [String] {
        for s in snapshots.reversed() {
            var names: Set<String> = [team]
            for i in s.inputs where i.path.contains("/" + folder + "/") { if let t = i.team { names.insert(t) } }
            let ids = s.projects.filter { $0.team.map(names.contains) ?? false }.map(\.id)
            if !ids.isEmpty { return ids.sorted() }
        }
        return []
    }
}
