import Foundation
import GovPackCore
import GovPackMetrics
import GovPackRender
import GovPackStore

/// The monthly run and its history: what it records, and what earlier runs tell the packs.
extension MonthlyRun {
    /// The snapshot the history keeps of a published run.
    public static func snapshot(_ r: RunRecord) -> RunSnapshot {
        let inputs = r.inputs.map {
            InputRecord(path: $0.path, team: $0.team, sha256: $0.sha256, bytes: $0.bytes,
                        status: InputStatus(rawValue: $0.status) ?? .quarantined)
        }
        let packs = r.files.map { PackFileRecord(path: $0.path, sha256: sha256($0.data), bytes: $0.data.count) }
        return HistorySnapshot.make(
            period: r.plan.period, version: r.plan.version, metrics: r.result.metrics, portfolio: r.result.load.portfolio,
            findings: r.result.ruleResults, inputs: inputs, packFiles: packs,
            metricsJSON: MetricsJSON.encode(r.result.metrics))
    }

    /// Earlier periods as the packs' trends read them, oldest first.
    static func historyPoints(_ snapshots: [RunSnapshot]) -> [HistoryPoint] {
        snapshots.map { s in
            var rag: [String: RAG] = [:]
            for p in s.projects { if let r = p.ragDerived { rag[p.id] = r } }
            return HistoryPoint(
                period: s.period, rag: s.portfolio.rag, cpi: s.portfolio.cpi, spi: s.portfolio.spi,
                riskExposure: s.portfolio.riskExposure, complianceScore: s.portfolio.complianceScore, projectRAG: rag)
        }
    }

    /// The projects a team reported in the latest earlier period, for when it sends nothing now.
    static func lastKnownProjects(of team: String, in snapshots: [RunSnapshot]) -> [String] {
        for s in snapshots.reversed() {
            let ids = s.projects.filter { $0.team == team }.map(\.id)
            if !ids.isEmpty { return ids.sorted() }
        }
        return []
    }
}
