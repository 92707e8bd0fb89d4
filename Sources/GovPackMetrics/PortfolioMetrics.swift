import Foundation
import GovPackCore

extension MetricDefinition {
    static let portfolioCounts: [MetricDefinition] = [
        .init(id: "projects", name: "Projects", unit: "count",
              formula: "every kept project, closed ones included (the first row of a repeated project_id wins)",
              example: "4 rows, one closed: 4"),
        .init(id: "active_projects", name: "Active projects", unit: "count",
              formula: "projects whose stage is not closed", example: "4 projects, one closed: 3"),
        .init(id: "compliance_score", name: "Compliance score", unit: "%",
              formula: "from the rules engine: 100 x (1 - failed error-rule checks / applicable error-rule checks) per project; portfolio: the mean of the project scores present; null without rule results",
              example: "8 applicable checks, 1 failed: 87.5"),
        .init(id: "days_since_update", name: "Days since update", unit: "days",
              formula: "E - projects.last_updated; stale when more than 35 (the freshness standard; configurable); portfolio stale_projects counts active stale projects",
              example: "E 2026-11-30, last_updated 2026-10-15: 46, stale"),
    ]
}

/// One project's figures for the report period.
public struct ProjectMetrics: Sendable, Equatable {
    public var projectID: String
    public var name: String
    public var programID: String?
    public var stage: Stage
    public var evm: EarnedValue
    public var ragReported: RAG
    public var evmSignal: RAG
    public var ragDerived: RAG
    public var watermelon: Bool
    public var risks: RiskFigures
    public var issues: IssueFigures
    public var schedule: ScheduleFigures
    public var forecastEndSlipDays: Int?
    public var gates: GateFigures
    public var benefitRealisationPct: Double?
    public var benefitsMeasured: Int
    public var adoption: AdoptionFigures
    public var lessons: Int
    /// E - last_updated, in days.
    public var daysSinceUpdate: Int
    /// `daysSinceUpdate` > the configured limit.
    public var stale: Bool
    /// 1 = first; nil for closed projects.
    public var priorityRank: Int?
    /// nil unless the rules engine supplied figures for this project.
    public var complianceScore: Double?
    public var errors: Int
    public var warnings: Int

    public var isActive: Bool { stage != .closed }
}

/// One programme: every programme of programs.csv plus any id a project names.
public struct ProgramMetrics: Sendable, Equatable {
    public var programID: String
    /// False when the id comes only from a project's program_id (the pipeline warns about it).
    public var declared: Bool
    public var projects: Int
    public var activeProjects: Int
    public var rag: RAG?
    public var evm: EarnedValue
    public var risks: RiskFigures
}

/// The portfolio roll-up.
public struct PortfolioSummary: Sendable, Equatable {
    public var projects = 0
    public var activeProjects = 0
    public var evm = EarnedValue(bac: 0, pv: 0, ev: 0, ac: 0)
    public var ragReported = RAGCounts()
    public var rag: RAG?
    public var watermelons = 0
    public var risks = RiskFigures()
    /// 100 x open exposure of the top projects / total open exposure.
    public var riskConcentrationPct: Double?
    public var riskBands = RiskBandCounts()
    public var issues = IssueFigures()
    public var schedule = ScheduleFigures()
    public var gates = GateFigures()
    public var overAllocatedPeople = 0
    public var resourceConflicts = 0
    public var benefitRealisationPct: Double?
    public var benefitShortfalls = 0
    /// Active projects whose status is stale.
    public var staleProjects = 0
    /// Benefits with no measurement on or before E.
    public var benefitsUnmeasured = 0
    /// Mean realisation per `BenefitCategory.allCases`, nil where no benefit of it has one.
    public var benefitRealisationByCategory: [Double?] = []
    /// Closed projects with a benefit unmeasured or below 100% realised.
    public var closedProjectsBenefitsBehind: [String] = []
    /// Projects with no status update in the report period (last_updated before its first day):
    /// the "not reported" colour of RAG counts.
    public var notReported = 0
    /// Mean of the projects' compliance scores that are present; nil when none is.
    public var complianceScore: Double?
    public var errors = 0
    public var warnings = 0

    public init() {}
}

/// Every metric of one run, ready for the JSON, CSV and template writers.
public struct PortfolioMetrics: Sendable {
    public var period: Period
    public var config: MetricsConfig
    public var portfolio: PortfolioSummary
    /// Sorted by program_id.
    public var programs: [ProgramMetrics]
    /// Sorted by project_id.
    public var projects: [ProjectMetrics]
    /// Sorted by person_id.
    public var people: [PersonMetrics]
    /// All eight categories, sorted.
    public var riskCategories: [RiskCategoryMetrics]
    /// `riskHeatMap[probability - 1][impact - 1]`: open risks.
    public var riskHeatMap: [[Int]]
    /// Sorted by project_id, then benefit_id.
    public var benefits: [BenefitMetrics]
    /// The portfolio's cumulative S-curve (see `EarnedValueSeries`).
    public var evmSeries: [EVMPoint]
    public var resourceDemand: [ResourceDemand]
    /// Sorted by project_id, then stakeholder_group.
    public var adoption: [AdoptionGroup]
    public var capability: CapabilityCoverage
    public var knowledge: KnowledgeSummary
    /// Active project ids, best first.
    public var ranking: [String]
    /// Programme ids that projects name but programs.csv does not hold, sorted.
    public var undeclaredProgramIDs: [String]
}

extension PortfolioMetrics {
    /// Computes every metric for `config.period` in time linear in the rows.
    ///
    /// Rows naming an unknown project (or person, for assignments) are left out; for a repeated
    /// key the first project / person / programme row wins. `compliance` maps project_id to the
    /// rules engine's figures; without it every `compliance_score` is nil and errors and warnings are 0.
    public static func compute(_ portfolio: Portfolio, config: MetricsConfig,
                               compliance: [String: ProjectCompliance]? = nil) -> PortfolioMetrics {
        let end = config.periodEnd
        let agedBefore = end.adding(days: -config.agedRiskDays)

        // MARK: - Projects, kept in input order; the first row of an id wins.
        var index: [String: Int] = [:]
        var projects: [Project] = []
        index.reserveCapacity(portfolio.projects.count)
        for p in portfolio.projects where index[p.projectID] == nil {
            index[p.projectID] = projects.count
            projects.append(p)
        }
        let n = projects.count

        // MARK: - One pass per entity, into per-project slots.
        // The passes read the input and write only their own results, so they run on every core
        // (GOVPACK_THREADS caps them); each pass is sequential, so its result never depends on
        // the number of threads.
        var series = PortfolioSeriesAccumulator()
        var schedule = Array(repeating: ScheduleFigures(), count: n)
        var gates = Array(repeating: GateFigures(), count: n)
        var risks = Array(repeating: RiskFigures(), count: n)
        var riskTables = RiskTables()
        var issues = Array(repeating: IssueFigures(), count: n)
        var lessons = Array(repeating: 0, count: n)
        var lessonCategories: [String: Int] = [:]
        var people: [PersonMetrics] = []
        var resourceDemand: [ResourceDemand] = []
        var benefitRows: [BenefitMetrics] = []
        var realisations = Array(repeating: [Decimal](), count: n)
        var unmeasured = 0
        var behind = Set<String>()
        var adoption: [AdoptionGroup] = []
        // Figures derived from one pass's results are finished inside it, on its core: the
        // exact means of 38-digit realisations cost as much as the benefits pass itself.
        var evms: [EarnedValue] = []
        var realisationMeans: [Double?] = []
        var allRealisationMean: Double?
        var categoryMeans: [Double?] = []
        var adoptionFigures = Array(repeating: AdoptionFigures(), count: n)

        // Longest first: the benefits pass (exact 38-digit realisations and their means) costs as
        // much as two others, and started last it left one core idle at the end.
        let passes: [() -> Void] = [
            {
                var lookup = CachedLookup(index)
                let latest = BenefitCalc.latest(portfolio.benefitMeasurements, end: end)
                // Closed by project slot (any row of the id closed, as a set of ids would say).
                var closed = Array(repeating: false, count: n)
                for p in portfolio.projects where p.stage == .closed { if let i = index[p.projectID] { closed[i] = true } }
                var seenBenefits = Set<RowKey>()
                var allRealisations: [Decimal] = []
                var byCategory = [[Decimal]](repeating: [], count: BenefitCategory.allCases.count)
                for b in portfolio.benefits {
                    let key = b.key
                    guard let i = lookup(b.projectID), seenBenefits.insert(key).inserted else { continue }
                    let l = latest[key]
                    let r = BenefitCalc.realisation(b, latest: l?.value)
                    if let r {
                        realisations[i].append(r)
                        allRealisations.append(r)
                        if let c = b.category, let ci = BenefitCategory.allCases.firstIndex(of: c) { byCategory[ci].append(r) }
                    }
                    if l == nil { unmeasured += 1 }
                    if closed[i] && (l == nil || (r.map { $0 < 100 } ?? false)) { behind.insert(b.projectID) }
                    let pct = r.flatMap(Exact.double)
                    benefitRows.append(BenefitMetrics(
                        projectID: b.projectID, benefitID: b.benefitID, baselineValue: b.baselineValue,
                        targetValue: b.targetValue, targetDate: b.targetDate, latestValue: l?.value, latestMeasuredOn: l?.measuredOn,
                        realisationPct: pct, shortfall: b.targetDate <= end && (r.map { $0 < 100 } ?? true)))
                }
                benefitRows.sort { $0.projectID != $1.projectID ? idLess($0.projectID, $1.projectID) : idLess($0.benefitID, $1.benefitID) }
                realisationMeans = realisations.map { Exact.mean($0) }
                allRealisationMean = Exact.mean(allRealisations)
                categoryMeans = byCategory.map { Exact.mean($0) }
            },
            {
                var lookup = CachedLookup(index)
                var resources = ResourceAccumulator(people: portfolio.people, config: config)
                let firstPeriod = config.period.index, lastPeriod = config.period.index + Int32(max(config.demandHorizon, 0))
                for a in portfolio.assignments where a.period.index >= firstPeriod && a.period.index <= lastPeriod {
                    // The cheap period test first: most of millions of rows stop there, before any hashing.
                    if lookup(a.projectID) != nil { resources.add(a) }
                }
                people = resources.people(config: config)
                resourceDemand = resources.demand(config: config)
            },
            {
                var lookup = CachedLookup(index)
                for m in portfolio.milestones {
                    if let i = lookup(m.projectID) { schedule[i].add(m, end: end, nextEnd: config.period.next.end) }
                }
                for g in portfolio.stageGates {
                    if let i = lookup(g.projectID) { gates[i].add(g, end: end, graceDays: config.gateGraceDays) }
                }
                for r in portfolio.risks {
                    guard let i = lookup(r.projectID) else { continue }
                    risks[i].add(r, config: config, agedBefore: agedBefore)
                    riskTables.add(r)
                }
                for x in portfolio.issues {
                    if let i = lookup(x.projectID) { issues[i].add(x, end: end) }
                }
                for l in portfolio.lessons {
                    guard let i = lookup(l.projectID) else { continue }
                    lessons[i] += 1
                    lessonCategories[KnowledgeCalc.category(l), default: 0] += 1
                }
            },
            {
                adoption = AdoptionCalc.latest(portfolio.changeImpacts, known: { index[$0] != nil }, end: end)
                var start = 0
                while start < adoption.count {
                    var stop = start
                    while stop < adoption.count, adoption[stop].projectID == adoption[start].projectID { stop += 1 }
                    if let i = index[adoption[start].projectID] {
                        adoptionFigures[i] = AdoptionCalc.figures(adoption[start..<stop])
                    }
                    start = stop
                }
            },
            {
                var lookup = CachedLookup(index)
                var pv = Array(repeating: ExactSum(), count: n), ev = pv, ac = pv
                for f in portfolio.financials where f.period <= config.period {
                    guard let i = lookup(f.projectID) else { continue }
                    pv[i].add(f.plannedValue)
                    ev[i].add(f.earnedValue)
                    ac[i].add(f.actualCost)
                    series.add(f)
                }
                evms = projects.indices.map { i in
                    EarnedValue(bac: projects[i].budget, pv: pv[i].value, ev: ev[i].value, ac: ac[i].value, method: config.eacMethod)
                }
            },
        ]
        Parallel.forEach(passes.count) { passes[$0]() }

        // MARK: - Per-project figures.
        var rows: [ProjectMetrics] = []
        rows.reserveCapacity(n)
        for (i, p) in projects.enumerated() {
            let evm = evms[i]
            let signal = RAGRules.evmSignal(evm, config: config)
            let derived = max(p.ragOverall, signal)
            let c = compliance?[p.projectID]
            rows.append(ProjectMetrics(
                projectID: p.projectID, name: p.name, programID: p.programID, stage: p.stage, evm: evm,
                ragReported: p.ragOverall, evmSignal: signal, ragDerived: derived, watermelon: derived > p.ragOverall,
                risks: risks[i], issues: issues[i], schedule: schedule[i],
                forecastEndSlipDays: ScheduleFigures.forecastEndSlip(p), gates: gates[i],
                benefitRealisationPct: realisationMeans[i], benefitsMeasured: realisations[i].count,
                adoption: adoptionFigures[i], lessons: lessons[i], daysSinceUpdate: p.lastUpdated.days(to: end),
                stale: p.lastUpdated.days(to: end) > config.staleAfterDays, priorityRank: nil,
                complianceScore: c?.score, errors: c?.errors ?? 0, warnings: c?.warnings ?? 0))
        }

        // MARK: - Prioritisation.
        // rows[i] is projects[i] until the final sort.
        let ranking = PrioritisationCalc.rank(rows.indices.filter { rows[$0].isActive }.map { i in
            .init(projectID: rows[i].projectID, strategicScore: projects[i].strategicScore,
                  priority: projects[i].priority, cpi: rows[i].evm.cpi)
        })
        for (r, id) in ranking.enumerated() { if let i = index[id] { rows[i].priorityRank = r + 1 } }

        // MARK: - Programmes.
        var programOrder: [String] = []
        var programIndex: [String: Int] = [:]
        var declared: [Bool] = []
        for g in portfolio.programs where programIndex[g.programID] == nil {
            programIndex[g.programID] = programOrder.count
            programOrder.append(g.programID)
            declared.append(true)
        }
        var members = Array(repeating: [Int](), count: programOrder.count)
        for (i, p) in projects.enumerated() {
            guard let g = p.programID else { continue }
            if programIndex[g] == nil {
                programIndex[g] = programOrder.count
                programOrder.append(g)
                declared.append(false)
                members.append([])
            }
            if let k = programIndex[g] { members[k].append(i) }
        }
        var programs: [ProgramMetrics] = []
        for (k, g) in programOrder.enumerated() {
            var bac = ExactSum(), spv = ExactSum(), sev = ExactSum(), sac = ExactSum()
            var rf = RiskFigures()
            var rags: [(rag: RAG, bac: Decimal)] = []
            var active = 0
            for i in members[k] {
                let e = rows[i].evm
                bac.add(e.bac); spv.add(e.pv); sev.add(e.ev); sac.add(e.ac)
                rf.add(rows[i].risks)
                rags.append((rows[i].ragDerived, e.bac))
                if rows[i].isActive { active += 1 }
            }
            programs.append(ProgramMetrics(
                programID: g, declared: declared[k], projects: members[k].count, activeProjects: active,
                rag: RAGRules.rollUp(rags, method: config.ragRollUp),
                evm: EarnedValue(bac: bac.value, pv: spv.value, ev: sev.value, ac: sac.value, method: config.eacMethod),
                risks: rf))
        }
        programs.sort { idLess($0.programID, $1.programID) }

        // MARK: - Portfolio.
        var s = PortfolioSummary()
        var bac = ExactSum(), spv = ExactSum(), sev = ExactSum(), sac = ExactSum()
        var rags: [(rag: RAG, bac: Decimal)] = []
        var scores: [Decimal] = []
        var knowledge = KnowledgeSummary()
        for r in rows {
            s.projects += 1
            if r.isActive {
                s.activeProjects += 1
                if r.stale { s.staleProjects += 1 }
                // Updated before the period's first day: no submission this period.
                if r.daysSinceUpdate > config.period.start.days(to: end) { s.notReported += 1 }
            }
            bac.add(r.evm.bac); spv.add(r.evm.pv); sev.add(r.evm.ev); sac.add(r.evm.ac)
            s.ragReported.count(r.ragReported)
            rags.append((r.ragDerived, r.evm.bac))
            if r.watermelon { s.watermelons += 1 }
            s.risks.add(r.risks)
            s.issues.add(r.issues)
            s.schedule.add(r.schedule)
            s.gates.add(r.gates)
            if let c = r.complianceScore, let d = Decimal(string: String(c)) { scores.append(d) }
            s.errors += r.errors
            s.warnings += r.warnings
            if !r.isActive {
                knowledge.closedProjects += 1
                knowledge.lessonsOfClosedProjects += r.lessons
                if r.lessons == 0 { knowledge.closedWithoutLessons.append(r.projectID) }
            }
        }
        s.evm = EarnedValue(bac: bac.value, pv: spv.value, ev: sev.value, ac: sac.value, method: config.eacMethod)
        s.rag = RAGRules.rollUp(rags, method: config.ragRollUp)
        s.riskConcentrationPct = RiskTables.concentration(rows.map(\.risks.exposure), top: config.concentrationTopProjects)
        s.riskBands = RiskBandCounts(
            low: riskTables.bands[.low] ?? 0, medium: riskTables.bands[.medium] ?? 0,
            high: riskTables.bands[.high] ?? 0, critical: riskTables.bands[.critical] ?? 0)
        s.overAllocatedPeople = people.filter(\.overAllocated).count
        s.resourceConflicts = people.filter(\.isConflict).count
        s.benefitRealisationPct = allRealisationMean
        s.benefitShortfalls = benefitRows.filter(\.shortfall).count
        s.benefitsUnmeasured = unmeasured
        s.benefitRealisationByCategory = categoryMeans
        s.closedProjectsBenefitsBehind = behind.sorted(by: idLess)
        s.complianceScore = Exact.mean(scores)
        knowledge.closedWithoutLessons.sort(by: idLess)
        knowledge.byCategory = lessonCategories.keys.sorted(by: idLess).map {
            DemandCount(key: $0, count: lessonCategories[$0] ?? 0)
        }

        rows.sort { idLess($0.projectID, $1.projectID) }
        return PortfolioMetrics(
            period: config.period, config: config, portfolio: s, programs: programs, projects: rows,
            people: people, riskCategories: riskTables.categories(config: config), riskHeatMap: riskTables.heatMap,
            benefits: benefitRows, evmSeries: series.series(), resourceDemand: resourceDemand,
            adoption: adoption, capability: CapabilityCalc.coverage(projects: projects,
                                                                     certifications: portfolio.certifications,
                                                                     config: config),
            knowledge: knowledge, ranking: ranking,
            undeclaredProgramIDs: zip(programOrder, declared).filter { !$0.1 }.map(\.0).sorted(by: idLess))
    }
}

extension PortfolioMetrics {
    /// Benefits due by E and not fully realised, in benefit order.
    public var benefitShortfalls: [BenefitMetrics] { benefits.filter(\.shortfall) }

    /// Stakeholder groups with high impact and adoption below target, in group order.
    public var highImpactGroupsBelowTarget: [AdoptionGroup] { adoption.filter(\.highImpactBelowTarget) }

    /// Active projects in rank order.
    public var rankedProjects: [ProjectMetrics] {
        projects.filter { $0.priorityRank != nil }.sorted { ($0.priorityRank ?? 0) < ($1.priorityRank ?? 0) }
    }

    /// Open risks due for escalation, by project.
    public var projectsWithEscalationsDue: [ProjectMetrics] { projects.filter { $0.risks.escalationDue > 0 } }

    /// Projects whose derived RAG is worse than the one their team reported.
    public var watermelons: [ProjectMetrics] { projects.filter(\.watermelon) }
}

extension PortfolioMetrics {
    /// Fills in the rules engine's compliance figures after the metrics were computed: the rules
    /// read the earned-value figures computed here, so the two stages run metrics first.
    /// Same result as passing `compliance` to `compute`.
    public mutating func applyCompliance(_ compliance: [String: ProjectCompliance]) {
        var scores: [Decimal] = []
        portfolio.errors = 0
        portfolio.warnings = 0
        for i in projects.indices {
            let c = compliance[projects[i].projectID]
            projects[i].complianceScore = c?.score
            projects[i].errors = c?.errors ?? 0
            projects[i].warnings = c?.warnings ?? 0
            portfolio.errors += projects[i].errors
            portfolio.warnings += projects[i].warnings
            if let s = c?.score, let d = Decimal(string: String(s)) { scores.append(d) }
        }
        portfolio.complianceScore = Exact.mean(scores)
    }
}
