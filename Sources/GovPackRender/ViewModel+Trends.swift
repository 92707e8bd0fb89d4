import Foundation
import GovPackCore
import GovPackMetrics

/// What changed since the previous recorded period, worked out once per run from
/// `RenderInput.history.last` and the current rows, each list in a fixed order.
struct Changes {
    struct RAGMove {
        var projectID: String
        var was: RAG
        var now: RAG
        var wentRed: Bool { now == .red && was != .red }
    }

    struct ClosedRisk {
        var projectID: String
        var riskID: String
        var title: String
        var score: Int
    }

    struct Slip {
        var milestone: Milestone
        var was: Day
        var now: Day
        var days: Int { was.days(to: now) }
    }

    struct ComplianceMove {
        var projectID: String
        var was: Double
        var now: Double
    }

    /// Projects whose derived RAG changed: those that went Red first, then the worse, then by id.
    var ragMoves: [RAGMove] = []
    /// Open now, and absent or closed last period.
    var newRisks: [Risk] = []
    /// Open last period, and closed now or gone from the register of a project that still reports.
    var closedRisks: [ClosedRisk] = []
    /// Open both times with another score: the risk and its earlier score.
    var rescored: [(risk: Risk, was: Int)] = []
    /// Milestones expected later than last period's forecast, the longest slip first.
    var slipped: [Slip] = []
    var complianceMoves: [ComplianceMove] = []
    /// `slipped` by project id, for the one-pagers.
    var slippedByProject: [String: [Slip]] = [:]

    init() {}

    init(_ input: RenderInput, known: [String: ProjectMetrics]) {
        guard let last = input.history.last else { return }
        for p in input.metrics.projects {
            if let was = last.ragDerived(p.projectID), was != p.ragDerived {
                ragMoves.append(RAGMove(projectID: p.projectID, was: was, now: p.ragDerived))
            }
            if let was = last.projects[p.projectID]?.complianceScore, let now = p.complianceScore,
               Transforms.percent(was) != Transforms.percent(now) {
                complianceMoves.append(ComplianceMove(projectID: p.projectID, was: was, now: now))
            }
        }
        ragMoves.sort { a, b in
            (a.wentRed ? 0 : 1, -a.now.rank, a.projectID) < (b.wentRed ? 0 : 1, -b.now.rank, b.projectID)
        }
        complianceMoves.sort { ($0.now - $0.was, $0.projectID) < ($1.now - $1.was, $1.projectID) }

        var current: [String: Risk] = [:]
        for r in input.portfolio.risks where known[r.projectID] != nil {
            let key = r.projectID + "/" + r.riskID
            if current[key] == nil { current[key] = r }
        }
        // A project last period did not report (new, or its team missing or quarantined) has no
        // register to compare with: its risks are not "new this period".
        for (key, r) in current where r.status == .open && last.projects[r.projectID] != nil {
            guard let was = last.risks[key], was.status == .open else {
                newRisks.append(r)
                continue
            }
            if was.score != r.score { rescored.append((r, was.score)) }
        }
        for (key, was) in last.risks where was.status == .open {
            guard let slash = key.firstIndex(of: "/") else { continue }
            let project = String(key[..<slash]), id = String(key[key.index(after: slash)...])
            guard known[project] != nil, current[key]?.status != .open else { continue }
            closedRisks.append(ClosedRisk(projectID: project, riskID: id, title: current[key]?.title ?? was.title, score: was.score))
        }
        newRisks.sort(by: ViewModel.riskOrder)
        rescored.sort { ViewModel.riskOrder($0.risk, $1.risk) }
        closedRisks.sort { ($1.score, $0.projectID, $0.riskID) < ($0.score, $1.projectID, $1.riskID) }

        var seen = Set<String>()
        for x in input.portfolio.milestones where known[x.projectID] != nil {
            let key = x.projectID + "/" + x.milestoneID
            guard seen.insert(key).inserted, let was = last.milestones[key], was.actualDate == nil else { continue }
            let before = was.forecastDate ?? was.baselineDate
            let now = x.actualDate ?? x.forecastDate ?? x.baselineDate
            if before < now { slipped.append(Slip(milestone: x, was: before, now: now)) }
        }
        slipped.sort { a, b in
            (-a.days, a.milestone.projectID, a.milestone.milestoneID) < (-b.days, b.milestone.projectID, b.milestone.milestoneID)
        }
        for x in slipped { slippedByProject[x.milestone.projectID, default: []].append(x) }
    }
}

extension ViewModel {
    /// Sparklines cover the current period and at most eleven earlier ones.
    static let sparkPeriods = 12

    var recentHistory: ArraySlice<HistoryPoint> { input.history.suffix(Self.sparkPeriods - 1) }

    /// A sparkline of the recorded values and `now`, or "" with fewer than two values.
    func spark(_ past: (HistoryPoint) -> Double?, _ now: Double?, text: String, title: String) -> String {
        let values = (recentHistory.map(past) + [now]).compactMap { $0 }
        return values.count < 2 ? "" : Charts.sparkline(values, last: text, title: title)
    }

    /// One project's CPI and SPI over the recorded periods, or "" without history.
    func projectTrendSvg(_ p: ProjectMetrics) -> String {
        guard !input.history.isEmpty else { return "" }
        let past = recentHistory.map { $0.projects[p.projectID] }
        return Charts.trendPair(cpi: past.map { $0?.cpi } + [p.evm.cpi], spi: past.map { $0?.spi } + [p.evm.spi],
                                title: "\(p.projectID) CPI and SPI")
    }

    /// The trend sections every pack shares, limited to `scope` (project ids) when given.
    func trends(scope: Set<String>?, base: String) -> Model {
        var c: Model = [:]
        let inScope: (String) -> Bool = { id in scope?.contains(id) ?? true }
        c["previousPeriod"] = input.history.last.map { Transforms.period($0.period) } ?? "–"
        let moves = changes.ragMoves.filter { inScope($0.projectID) }.map { ragMoveRow($0, base: base) }
        c["ragMoves"] = moves
        c["hasRagMoves"] = !moves.isEmpty
        let red = changes.ragMoves.filter { $0.wentRed && inScope($0.projectID) }.map { ragMoveRow($0, base: base) }
        c["wentRed"] = red
        c["hasWentRed"] = !red.isEmpty
        c["riskMoves"] = [
            "new": Transforms.count(changes.newRisks.filter { inScope($0.projectID) }.count),
            "closed": Transforms.count(changes.closedRisks.filter { inScope($0.projectID) }.count),
            "rescored": Transforms.count(changes.rescored.filter { inScope($0.risk.projectID) }.count),
        ] as Model
        let slipped = changes.slipped.filter { inScope($0.milestone.projectID) }.map { slipRow($0, base: base) }
        c["slipped"] = slipped
        c["hasSlipped"] = !slipped.isEmpty
        return c
    }

    func ragMoveRow(_ x: Changes.RAGMove, base: String) -> Model {
        [
            "id": x.projectID, "name": metricsByID[x.projectID]?.name ?? "–", "href": projectHref(x.projectID, base: base),
            "was": rag(x.was), "now": rag(x.now), "wentRed": x.wentRed,
            "direction": x.now.rank > x.was.rank ? "worse" : "better",
        ]
    }

    func slipRow(_ s: Changes.Slip, base: String) -> Model {
        [
            "project": s.milestone.projectID, "projectHref": projectHref(s.milestone.projectID, base: base),
            "id": s.milestone.milestoneID, "name": s.milestone.name, "was": Transforms.date(s.was),
            "now": Transforms.date(s.now), "by": Transforms.days(s.days),
        ]
    }

    func rescoredRow(_ r: Risk, was: Int, base: String) -> Model {
        var row = riskRow(r, base: base)
        row["was"] = String(was)
        row["change"] = "\(was) → \(r.score)"
        row["delta"] = Transforms.delta(r.score - was)
        return row
    }

    func closedRiskRow(_ x: Changes.ClosedRisk, base: String) -> Model {
        [
            "project": x.projectID, "projectHref": projectHref(x.projectID, base: base), "id": x.riskID,
            "title": x.title, "score": String(x.score),
        ]
    }

    // MARK: - Submissions

    /// Projects without a report this period, in `scope` when given, by id.
    func notReported(scope: String?) -> [NotReportedProject] {
        (input.submissions?.notReported ?? []).filter { scope == nil || $0.programID == scope }
            .sorted { ($0.projectID, $0.team) < ($1.projectID, $1.team) }
    }

    func notReportedRows(scope: String?) -> [Model] {
        notReported(scope: scope).map { x in
            [
                "id": x.projectID, "name": x.name ?? "–", "programme": x.programID ?? "–", "team": x.team,
                "lastPeriod": x.lastPeriod.map(Transforms.period) ?? "never reported", "lastRag": x.lastRAG?.name ?? "–",
            ] as Model
        }
    }

    /// `notReportedProjects`, `hasNotReportedProjects` and the count, for one programme or all.
    func addNotReported(scope: String?, into c: inout Model) {
        let rows = notReportedRows(scope: scope)
        c["notReportedProjects"] = rows
        c["hasNotReportedProjects"] = !rows.isEmpty
        c["notReportedCount"] = Transforms.count(rows.count)
    }

    /// The submission status of the run for the compliance report: teams missing first, then
    /// quarantined, then submitted, each by name.
    func submissionModel(base: String) -> Model {
        var c: Model = [:]
        let status = input.submissions
        c["hasSubmissions"] = status != nil
        let order: [TeamStatus.State: Int] = [.missing: 0, .quarantined: 1, .submitted: 2]
        let teams = (status?.teams ?? []).sorted { ((order[$0.state] ?? 3), $0.name) < ((order[$1.state] ?? 3), $1.name) }
        c["teams"] = teams.map { t -> Model in
            [
                "name": t.name, "state": t.state.rawValue,
                "stateCss": t.state == .submitted ? "sev-info" : "sev-error",
                "due": Transforms.date(t.due), "files": Transforms.count(t.files),
                "reasons": t.reasons.map { ["reason": $0] as Model }, "hasReasons": !t.reasons.isEmpty,
                "reasonText": t.reasons.isEmpty ? "–" : t.reasons.joined(separator: "; "),
                "quarantined": t.state == .quarantined, "missing": t.state == .missing,
            ]
        }
        c["submissionCounts"] = [
            "submitted": Transforms.count(teams.filter { $0.state == .submitted }.count),
            "quarantined": Transforms.count(teams.filter { $0.state == .quarantined }.count),
            "missing": Transforms.count(teams.filter { $0.state == .missing }.count),
        ] as Model
        addNotReported(scope: nil, into: &c)
        return c
    }
}
