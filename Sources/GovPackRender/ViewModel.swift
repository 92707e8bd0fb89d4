import Foundation
import GovPackCore
import GovPackMetrics

/// Builds the view models: plain `[String: Any]` dictionaries (measured 3.5x faster than
/// structs in swift-mustache) whose values are already formatted by `Transforms`. Every key a
/// template may name is always present: a missing figure is `–`, a missing list is `[]`, and
/// conditions are Bools (`hasRisks`), so the unknown-name check can tell a typo from a gap.
struct ViewModel {
    typealias Model = [String: Any]

    let input: RenderInput
    let format: OutputFormat
    let m: PortfolioMetrics
    let end: Day
    var projects: [String: Project] = [:]
    var programs: [String: Program] = [:]
    var people: [String: Person] = [:]
    /// `Name (id)` by person id, for people with a name: owners, managers and sponsors are
    /// written on most rows.
    var personNames: [String: String] = [:]
    var metricsByID: [String: ProjectMetrics] = [:]
    var benefitRows: [String: Benefit] = [:]
    // Indexes built once, so a pack per project stays linear in the rows.
    var openRisksByScore: [Risk] = []
    var openRisksByProject: [String: [Risk]] = [:]
    var milestonesByProject: [String: [Milestone]] = [:]
    var openIssuesByProject: [String: [Issue]] = [:]
    var dependenciesByProject: [String: [Dependency]] = [:]
    var benefitsByProject: [String: [BenefitMetrics]] = [:]
    var findingsByProject: [String: [Diagnostic]] = [:]
    var membersByProgram: [String: [ProjectMetrics]] = [:]
    var missedGates: [StageGate] = []
    /// Where each project's gates are in `missedGates` (a project's page looks up its own rather
    /// than scanning every missed gate of the portfolio).
    var missedGateIndicesByProject: [String: [Int]] = [:]
    var lateGates: [StageGate] = []
    var seriesByProject: [String: [EVMPoint]] = [:]
    var currency = ""
    var glossary: [Model] = []
    var projectFiles: [String: String] = [:]
    var programFiles: [String: String] = [:]
    /// `projects/<file>.<ext>` by project id: every row links its project, and building the
    /// path joined three strings per row.
    var projectPaths: [String: String] = [:]
    var changes = Changes()

    /// `oneProjectPages`: whether project one-pagers will be built; only they draw each
    /// project's S-curve, whose series a board-only render (20k projects) need not compute.
    init(_ input: RenderInput, format: OutputFormat, oneProjectPages: Bool = true) {
        self.input = input
        self.format = format
        m = input.metrics
        end = input.period.end
        for p in m.projects { metricsByID[p.projectID] = p }
        let known = metricsByID, portfolio = input.portfolio, metrics = m, e = end
        // The indexes are independent of each other: each group is built on its own core (at
        // 20k projects they were half a second of one thread before the first file), into its
        // own locals, then moved into place.
        var projects: [String: Project] = [:], programs: [String: Program] = [:], people: [String: Person] = [:]
        var personNames: [String: String] = [:]
        var benefitRows: [String: Benefit] = [:]
        var openRisksByScore: [Risk] = [], openRisksByProject: [String: [Risk]] = [:]
        var milestonesByProject: [String: [Milestone]] = [:], openIssuesByProject: [String: [Issue]] = [:]
        var dependenciesByProject: [String: [Dependency]] = [:], benefitsByProject: [String: [BenefitMetrics]] = [:]
        var findingsByProject: [String: [Diagnostic]] = [:], membersByProgram: [String: [ProjectMetrics]] = [:]
        var missedGates: [StageGate] = [], missedGateIndicesByProject: [String: [Int]] = [:], lateGates: [StageGate] = []
        var projectFiles: [String: String] = [:], programFiles: [String: String] = [:], projectPaths: [String: String] = [:]
        let ext = format.rawValue
        var seriesByProject: [String: [EVMPoint]] = [:]
        var changes = Changes()
        let groups: [() -> Void] = [
            {
                for p in portfolio.projects where projects[p.projectID] == nil { projects[p.projectID] = p }
                for g in portfolio.programs where programs[g.programID] == nil { programs[g.programID] = g }
                for p in portfolio.people where people[p.personID] == nil { people[p.personID] = p }
                for (id, p) in people where !p.name.isEmpty { personNames[id] = "\(p.name) (\(id))" }
                for b in portfolio.benefits where benefitRows[b.projectID + "\u{1F}" + b.benefitID] == nil {
                    benefitRows[b.projectID + "\u{1F}" + b.benefitID] = b
                }
            },
            {
                openRisksByScore = portfolio.risks.filter { $0.status == .open && known[$0.projectID] != nil }.sorted(by: Self.riskOrder)
                for r in openRisksByScore { openRisksByProject[r.projectID, default: []].append(r) }
            },
            {
                for x in portfolio.milestones { milestonesByProject[x.projectID, default: []].append(x) }
                for x in portfolio.issues where x.status != .closed { openIssuesByProject[x.projectID, default: []].append(x) }
                for d in portfolio.dependencies {
                    dependenciesByProject[d.fromProjectID, default: []].append(d)
                    if d.toProjectID != d.fromProjectID { dependenciesByProject[d.toProjectID, default: []].append(d) }
                }
                for b in metrics.benefits { benefitsByProject[b.projectID, default: []].append(b) }
                for f in input.findings { if let p = f.projectID { findingsByProject[p, default: []].append(f) } }
                for p in metrics.projects { if let g = p.programID { membersByProgram[g, default: []].append(p) } }
            },
            {
                let grace = metrics.config.gateGraceDays
                missedGates = portfolio.stageGates.filter {
                    $0.reviewDate == nil && $0.plannedDate.adding(days: grace) < e && known[$0.projectID] != nil
                }.sorted { ($0.projectID, $0.gate.rawValue) < ($1.projectID, $1.gate.rawValue) }
                for (i, g) in missedGates.enumerated() { missedGateIndicesByProject[g.projectID, default: []].append(i) }
                lateGates = portfolio.stageGates.filter {
                    guard let r = $0.reviewDate else { return false }
                    return $0.plannedDate.days(to: r) > grace && r <= e && known[$0.projectID] != nil
                }.sorted { ($0.projectID, $0.gate.rawValue) < ($1.projectID, $1.gate.rawValue) }
                projectFiles = Self.uniqueFileNames(metrics.projects.map(\.projectID))
                projectPaths = projectFiles.mapValues { "projects/" + $0 + "." + ext }
                programFiles = Self.uniqueFileNames(metrics.programs.map(\.programID))
            },
            { if oneProjectPages { seriesByProject = EarnedValueSeries.byProject(portfolio, period: input.period) } },
            { changes = Changes(input, known: known) },
        ]
        Parallel.forEach(groups.count) { groups[$0]() }
        self.projects = projects
        self.programs = programs
        self.people = people
        self.personNames = personNames
        self.benefitRows = benefitRows
        self.openRisksByScore = openRisksByScore
        self.openRisksByProject = openRisksByProject
        self.milestonesByProject = milestonesByProject
        self.openIssuesByProject = openIssuesByProject
        self.dependenciesByProject = dependenciesByProject
        self.benefitsByProject = benefitsByProject
        self.findingsByProject = findingsByProject
        self.membersByProgram = membersByProgram
        self.missedGates = missedGates
        self.missedGateIndicesByProject = missedGateIndicesByProject
        self.lateGates = lateGates
        self.projectFiles = projectFiles
        self.programFiles = programFiles
        self.projectPaths = projectPaths
        self.seriesByProject = seriesByProject
        self.changes = changes
        glossary = MetricDefinitions.all.map { d -> Model in
            ["name": d.name, "unit": d.unit, "formula": d.formula, "example": d.example]
        }
        let codes = Set(input.portfolio.projects.compactMap(\.currency))
        currency = codes.count == 1 ? (codes.first ?? "") : ""
    }

    var ext: String { format.rawValue }

    /// A file name safe on every system: letters, digits, `.`, `-`, `_`; anything else `_`.
    static func fileName(_ id: String) -> String {
        let s = String(id.unicodeScalars.map { c -> Character in
            (c.properties.isAlphabetic && c.isASCII) || ("0"..."9").contains(c) || c == "-" || c == "_" || c == "."
                ? Character(c) : "_"
        })
        return s.isEmpty || s.hasPrefix(".") ? "_" + s : s
    }

    /// One file name per id, unique even where two ids differ only in characters a file name
    /// cannot hold or in case (`A/B` and `A_B`, `prj-1` and `PRJ-1`): later ids get `-2`, `-3`.
    static func uniqueFileNames(_ ids: [String]) -> [String: String] {
        var out: [String: String] = [:]
        var used = Set<String>()
        for id in ids where out[id] == nil {
            let base = fileName(id)
            var name = base, k = 1
            while used.contains(name.lowercased()) {
                k += 1
                name = base + "-" + String(k)
            }
            used.insert(name.lowercased())
            out[id] = name
        }
        return out
    }

    func projectFile(_ id: String) -> String { projectPaths[id] ?? "projects/" + Self.fileName(id) + "." + ext }
    func programFile(_ id: String) -> String { "steering/" + (programFiles[id] ?? Self.fileName(id)) + "." + ext }
    func projectHref(_ id: String, base: String) -> String { base.isEmpty ? projectFile(id) : base + projectFile(id) }
    func programHref(_ id: String, base: String) -> String { base + programFile(id) }

    // MARK: - Common

    func common(_ kind: PackKind, title: String, base: String) -> Model {
        var c: Model = [
            "packTitle": title,
            "audience": kind.audience,
            "period": Transforms.period(input.period),
            "periodCode": input.period.description,
            "asAt": Transforms.date(end),
            "generatedBy": input.generatedBy,
            "indexHref": base + "index." + ext,
            "hasHistory": !input.history.isEmpty,
            "noHistory": "No earlier periods recorded: trends appear once run history is kept (the monthly run).",
            "glossary": glossary,
        ]
        c["currency"] = currency
        // Room for every pack's own names: growing by doubling re-hashed every key twice or
        // three times per file.
        c.reserveCapacity(64)
        return c
    }


    /// The first `limit` rows under `key`, with `<key>More` (a sentence) and `has<Key>More` for
    /// the rest, so a one-page summary stays one page on a portfolio of thousands.
    func capped(_ rows: [Model], _ key: String, limit: Int, into c: inout Model, seeAlso: String) {
        capped(rows, key, limit: limit, into: &c, seeAlso: seeAlso) { $0 }
    }

    /// `capped` that builds the rows of the first `limit` items only (the board's 20k-project
    /// lists used to format every row and keep 25).
    func capped<T>(_ items: [T], _ key: String, limit: Int, into c: inout Model, seeAlso: String, row: (T) -> Model) {
        let upper = key.prefix(1).uppercased() + key.dropFirst()
        c[key] = items.prefix(limit).map(row)
        c["has" + upper] = !items.isEmpty
        c["has" + upper + "More"] = items.count > limit
        c[key + "More"] = items.count > limit ? "\(Transforms.count(items.count - limit)) more not shown: \(seeAlso)." : ""
    }

    // MARK: - Rows

    func rag(_ r: RAG?) -> Model { Transforms.rag(r) }

    func projectRow(_ p: ProjectMetrics, base: String) -> Model {
        let row = projects[p.projectID]
        // Set key by key into a dictionary with room for the keys callers add (`trend`,
        // `trendSvg`, `findings`, `programmeHref`, `hasProgramme`): the literal was sized for its
        // own 48, so adding one re-hashed every key (a fifth of a steering member's row).
        var r = Model(minimumCapacity: 54)
        r["id"] = p.projectID
        r["name"] = p.name
        r["href"] = projectHref(p.projectID, base: base)
        r["programme"] = p.programID ?? "–"
        r["stage"] = p.stage.rawValue
        r["manager"] = personName(row?.manager)
        r["sponsor"] = personName(row?.sponsor)
        r["rag"] = rag(p.ragDerived)
        r["ragReported"] = rag(p.ragReported)
        r["evmSignal"] = rag(p.evmSignal)
        r["watermelon"] = p.watermelon
        r["bac"] = Transforms.money(p.evm.bac)
        r["pv"] = Transforms.money(p.evm.pv)
        r["ev"] = Transforms.money(p.evm.ev)
        r["ac"] = Transforms.money(p.evm.ac)
        r["cv"] = Transforms.money(p.evm.cv)
        r["sv"] = Transforms.money(p.evm.sv)
        r["cpi"] = Transforms.ratio(p.evm.cpi)
        r["spi"] = Transforms.ratio(p.evm.spi)
        r["eac"] = Transforms.money(p.evm.eac)
        r["etc"] = Transforms.money(p.evm.etc)
        r["vac"] = Transforms.money(p.evm.vac)
        r["tcpi"] = Transforms.ratio(p.evm.tcpi)
        r["openRisks"] = Transforms.count(p.risks.openRisks)
        r["criticalRisks"] = Transforms.count(p.risks.criticalRisks)
        r["exposure"] = Transforms.count(p.risks.exposure)
        r["escalationDue"] = Transforms.count(p.risks.escalationDue)
        r["openIssues"] = Transforms.count(p.issues.open)
        r["overdueIssues"] = Transforms.count(p.issues.overdue)
        r["milestonesDue"] = Transforms.count(p.schedule.milestonesDue)
        r["milestonesOnTime"] = Transforms.percent(p.schedule.milestonesOnTimePct)
        r["maxSlip"] = Transforms.days(p.schedule.maxSlipDays)
        r["endSlip"] = Transforms.days(p.forecastEndSlipDays)
        r["gateCompliance"] = Transforms.percent(p.gates.compliancePct)
        r["benefitRealisation"] = Transforms.percent(p.benefitRealisationPct)
        r["compliance"] = Transforms.percent(p.complianceScore)
        r["errors"] = Transforms.count(p.errors)
        r["warnings"] = Transforms.count(p.warnings)
        r["rank"] = Transforms.count(p.priorityRank)
        r["daysSinceUpdate"] = Transforms.count(p.daysSinceUpdate)
        r["stale"] = p.stale
        r["lastUpdated"] = Transforms.date(row?.lastUpdated)
        r["percentComplete"] = row?.percentComplete.map { Transforms.hours($0) + "%" } ?? Transforms.missing
        r["strategicScore"] = Transforms.count(row?.strategicScore)
        r["priority"] = Transforms.count(row?.priority)
        r["statusSummary"] = row?.statusSummary ?? "–"
        r["baselineEnd"] = Transforms.date(row?.baselineEndDate)
        r["forecastEnd"] = Transforms.date(row?.forecastEndDate)
        return r
    }

    func personName(_ id: String?) -> String {
        guard let id, !id.isEmpty else { return "–" }
        return personNames[id] ?? id
    }

    func riskRow(_ r: Risk, base: String) -> Model { riskRow(r, href: projectHref(r.projectID, base: base)) }

    /// `href`: the link to the risk's project (a one-pager's rows all share one).
    func riskRow(_ r: Risk, href: String) -> Model {
        let band = RiskBand(score: r.score)
        let age = r.raisedDate.map { $0.days(to: end) }
        return [
            "project": r.projectID, "projectHref": href, "id": r.riskID, "title": r.title,
            "category": r.category?.rawValue ?? "–", "probability": String(r.probability), "impact": String(r.impact),
            "score": String(r.score), "band": band.rawValue, "bandCss": "band-" + band.rawValue,
            "owner": personName(r.owner), "noOwner": (r.owner ?? "").isEmpty,
            "escalated": r.escalated == true ? "Yes" : "No",
            "escalationDue": r.status == .open && r.score >= m.config.escalationThreshold && r.escalated != true,
            "response": r.response?.rawValue ?? "–", "raised": Transforms.date(r.raisedDate),
            "age": age.map { Transforms.count($0) + ($0 == 1 ? " day ago" : " days ago") } ?? "–", "reviewed": Transforms.date(r.reviewDate), "aged": isAged(r),
        ]
    }

    /// The metrics' definition: open and not reviewed since E - aged_risk_days (or never).
    func isAged(_ r: Risk) -> Bool {
        r.status == .open && (r.reviewDate.map { $0 < end.adding(days: -m.config.agedRiskDays) } ?? true)
    }

    /// Highest score first, then project and risk id.
    static func riskOrder(_ a: Risk, _ b: Risk) -> Bool {
        if a.score != b.score { return a.score > b.score }
        if a.projectID != b.projectID { return a.projectID < b.projectID }
        return a.riskID < b.riskID
    }

    func milestoneRow(_ x: Milestone, base: String) -> Model { milestoneRow(x, href: projectHref(x.projectID, base: base)) }

    func milestoneRow(_ x: Milestone, href: String) -> Model {
        let done = x.status == .complete || x.actualDate != nil
        let expected = x.actualDate ?? x.forecastDate
        let slip = expected.map { x.baselineDate.days(to: $0) }
        let overdue = !done && x.baselineDate <= end && (x.forecastDate.map { $0 <= end } ?? true)
        let slipped = (slip ?? 0) > 0 || x.status == .missed || overdue
        return [
            "project": x.projectID, "projectHref": href, "id": x.milestoneID,
            "name": x.name, "baseline": Transforms.date(x.baselineDate), "forecast": Transforms.date(x.forecastDate),
            "actual": Transforms.date(x.actualDate), "status": Self.statusText(x.status),
            "slip": Transforms.days(slip), "slipped": slipped, "overdue": overdue,
            "flag": x.status == .missed ? "Missed" : overdue ? "Overdue" : slipped ? "Slipped" : done ? "Done" : "On track",
        ]
    }

    /// `on_track` as `on track`: a status code's underscores as spaces (without Foundation's
    /// string search, once per milestone row).
    static func spaced(_ code: String) -> String {
        code.utf8.contains(0x5F) ? String(code.map { $0 == "_" ? " " : $0 }) : code
    }

    /// `spaced(status.rawValue)`, or `–`, as constants (a test checks every case against `spaced`).
    static func statusText(_ status: MilestoneStatus?) -> String {
        switch status {
        case nil: "–"
        case .notStarted: "not started"
        case .inProgress: "in progress"
        case .complete: "complete"
        case .missed: "missed"
        }
    }

    static func statusText(_ status: DependencyStatus?) -> String {
        switch status {
        case nil: "–"
        case .onTrack: "on track"
        case .atRisk: "at risk"
        case .late: "late"
        case .delivered: "delivered"
        }
    }

    /// Milestones not yet done that are due by the end of the next period, or slipped, or missed.
    func milestonesOfInterest(_ ids: [String]) -> [Milestone] {
        let horizon = input.period.next.end
        return ids.flatMap { milestonesByProject[$0] ?? [] }.filter { x in
            let done = x.status == .complete || x.actualDate != nil
            let slip = (x.actualDate ?? x.forecastDate).map { x.baselineDate.days(to: $0) } ?? 0
            return x.status == .missed || (!done && (x.baselineDate <= horizon || slip > 0))
        }.sorted { ($0.baselineDate, $0.projectID, $0.milestoneID) < ($1.baselineDate, $1.projectID, $1.milestoneID) }
    }

    func issueRow(_ x: Issue, base: String) -> Model { issueRow(x, href: projectHref(x.projectID, base: base)) }

    func issueRow(_ x: Issue, href: String) -> Model {
        let overdue = x.status != .closed && (x.dueDate.map { $0 < end } ?? false)
        return [
            "project": x.projectID, "projectHref": href, "id": x.issueID,
            "title": x.title, "priority": x.priority?.rawValue ?? "–", "owner": personName(x.owner),
            "due": Transforms.date(x.dueDate), "overdue": overdue, "escalated": x.escalated == true ? "Yes" : "No",
        ]
    }

    func dependencyRow(_ d: Dependency, base: String) -> Model {
        let atRisk = d.status == .atRisk || d.status == .late
        return [
            "from": d.fromProjectID, "fromHref": projectHref(d.fromProjectID, base: base),
            "to": d.toProjectID, "toHref": projectHref(d.toProjectID, base: base),
            "description": d.description ?? "–", "neededBy": Transforms.date(d.neededBy),
            "status": Self.statusText(d.status), "atRisk": atRisk,
        ]
    }

    func benefitRow(_ b: BenefitMetrics, base: String) -> Model { benefitRow(b, href: projectHref(b.projectID, base: base)) }

    func benefitRow(_ b: BenefitMetrics, href: String) -> Model {
        let row = benefitRows[b.projectID + "\u{1F}" + b.benefitID]
        func value(_ d: Decimal?) -> String {
            // Financial benefits in money; scores, times and other measures as plain numbers.
            row?.category == .financial ? Transforms.money(d) : Transforms.number(d)
        }
        return [
            "project": b.projectID, "projectHref": href, "id": b.benefitID,
            "description": row?.description ?? "–", "category": row?.category?.rawValue ?? "–",
            "baseline": value(b.baselineValue), "target": value(b.targetValue), "latest": value(b.latestValue), "measuredOn": Transforms.date(b.latestMeasuredOn),
            "targetDate": Transforms.date(b.targetDate), "realisation": Transforms.percent(b.realisationPct),
            "shortfall": b.shortfall,
        ]
    }

    func findingRow(_ d: Diagnostic, base: String) -> Model {
        findingRow(d, href: d.projectID.map { projectHref($0, base: base) } ?? "")
    }

    /// `href`: the link to the finding's project, "" when it has none.
    static func severityCss(_ s: Severity) -> String {
        switch s {
        case .error: "sev-error"
        case .warning: "sev-warning"
        case .info: "sev-info"
        }
    }

    func findingRow(_ d: Diagnostic, href: String) -> Model {
        [
            "severity": d.severity.rawValue, "severityCss": Self.severityCss(d.severity), "id": d.id,
            "project": d.projectID ?? "–", "hasProject": d.projectID != nil,
            "projectHref": href,
            "message": d.message, "location": d.location.map { "\($0)" } ?? "–",
        ]
    }

    // MARK: - Decisions and escalations

    /// What the board or a steering committee must decide, worked out from the figures: each
    /// line names the item, the evidence and the choice. Each line is built when asked for: the
    /// packs show the first 15 or 40 and count the rest (the board at 20k has thousands).
    /// `scopeRisks`: the scope's open risks in `riskOrder`, when the caller has sorted them already.
    func decisions(scope: [ProjectMetrics]?, scopeRisks: [Risk]? = nil) -> [() -> Model] {
        var out: [() -> Model] = []
        let threshold = m.config.escalationThreshold
        let ids = scope.map { $0.map(\.projectID) }
        if scope == nil {
            for c in m.riskCategories where c.breach {
                out.append { ["item": "Risk appetite: \(c.category.rawValue)",
                              "why": "Open exposure \(c.exposure) exceeds the appetite of \(Transforms.count(c.appetite)).",
                              "ask": "Accept the exposure or fund further mitigation."] }
            }
        }
        for p in (scope ?? m.projects) where p.watermelon {
            out.append { ["item": "\(p.projectID) \(p.name)",
                          "why": "Reported \(p.ragReported.name) but earned value says \(p.evmSignal.name) (CPI \(Transforms.ratio(p.evm.cpi)), SPI \(Transforms.ratio(p.evm.spi))).",
                          "ask": "Confirm the status and ask for a recovery plan or re-baseline."] }
        }
        let inScope = ids.map(Set.init)
        // The scope's missed gates in `missedGates` order, as filtering the whole list would give.
        let gates = inScope.map { $0.flatMap { missedGateIndicesByProject[$0] ?? [] }.sorted().map { missedGates[$0] } } ?? missedGates
        for g in gates {
            out.append { ["item": "\(g.projectID) gate \(g.gate.rawValue)",
                          "why": "Planned \(Transforms.date(g.plannedDate)); not yet held.",
                          "ask": "Hold the gate review: approve, defer or stop."] }
        }
        let risks = scopeRisks ?? ids.map { $0.flatMap { openRisksByProject[$0] ?? [] }.sorted(by: Self.riskOrder) } ?? openRisksByScore
        for r in risks where r.score >= threshold && r.escalated != true {
            out.append { ["item": "\(r.projectID) risk \(r.riskID): \(r.title)",
                          "why": "Score \(r.score) (P\(r.probability) x I\(r.impact)) is at or above the escalation threshold of \(threshold) and is not escalated.",
                          "ask": "Escalate and confirm the owner and response."] }
        }
        let benefits = ids.map { $0.flatMap { benefitsByProject[$0] ?? [] } } ?? m.benefits
        for b in benefits where b.shortfall {
            out.append { ["item": "\(b.projectID) benefit \(b.benefitID)",
                          "why": "Target date \(Transforms.date(b.targetDate)) passed at \(Transforms.percent(b.realisationPct)) of target.",
                          "ask": "Agree a revised target or close the benefit with a shortfall."] }
        }
        return out
    }

    func gateRow(_ g: StageGate, base: String) -> Model {
        [
            "project": g.projectID, "projectHref": projectHref(g.projectID, base: base), "gate": g.gate.rawValue,
            "planned": Transforms.date(g.plannedDate), "reviewed": Transforms.date(g.reviewDate),
            "late": Transforms.days(g.reviewDate.map { g.plannedDate.days(to: $0) } ?? g.plannedDate.days(to: end)),
            "decision": g.decision?.rawValue ?? "–",
        ]
    }

    // MARK: - Charts

    func donut(_ rows: [ProjectMetrics], title: String, notReported: Int = 0) -> String {
        let active = rows.filter(\.isActive)
        return Charts.ragDonut(red: active.filter { $0.ragDerived == .red }.count,
                               amber: active.filter { $0.ragDerived == .amber }.count,
                               green: active.filter { $0.ragDerived == .green }.count,
                               notReported: notReported, title: title)
    }

    func headline(_ e: EarnedValue) -> Model {
        [
            "bac": Transforms.money(e.bac), "pv": Transforms.money(e.pv), "ev": Transforms.money(e.ev),
            "ac": Transforms.money(e.ac), "cv": Transforms.money(e.cv), "sv": Transforms.money(e.sv),
            "cpi": Transforms.ratio(e.cpi), "spi": Transforms.ratio(e.spi), "eac": Transforms.money(e.eac),
            "etc": Transforms.money(e.etc), "vac": Transforms.money(e.vac), "tcpi": Transforms.ratio(e.tcpi),
            "cpiRag": rag(signal(e.cpi)), "spiRag": rag(signal(e.spi)),
        ]
    }

    func signal(_ v: Double?) -> RAG? {
        guard let v, v.isFinite else { return nil }
        // Compared on the digits of v's shortest spelling (what `Transforms.decimal` reads), not
        // through a Decimal parsed from its text: half of a one-pager's headline.
        if let red = Transforms.less(v, than: m.config.redBelow), let amber = Transforms.less(v, than: m.config.amberBelow) {
            return red ? .red : amber ? .amber : .green
        }
        guard let d = Transforms.decimal(v) else { return nil }
        return d < m.config.redBelow ? .red : d < m.config.amberBelow ? .amber : .green
    }
}
