import Foundation
import GovPackCore
import Testing
@testable import GovPackMetrics

/// P = 2026-11, so E = 2026-11-30 throughout.
let november = MetricsConfig(period: per("2026-11"))

func compute(_ build: (inout Portfolio) -> Void, config: MetricsConfig = november) -> PortfolioMetrics {
    var p = Portfolio()
    p.projects = [project("P1", program: "G1", budget: "100")]
    build(&p)
    return PortfolioMetrics.compute(p, config: config)
}

@Suite struct RiskTests {
    @Test(arguments: [
        (1, RiskBand.low), (4, .low), (5, .medium), (9, .medium), (10, .high), (14, .high), (15, .critical),
        (25, .critical),
    ])
    func bandBoundaries(score: Int, band: RiskBand) {
        #expect(RiskBand(score: score) == band)
    }

    /// (probability, impact, status, escalated) -> (critical, escalation due) with threshold 15.
    @Test(arguments: [
        (2, 7, OpenClosed.open, nil as Bool?, false, false),  // 14
        (3, 5, .open, nil, true, true),  // 15
        (3, 5, .open, false, true, true),
        (4, 4, .open, true, true, false),  // escalated already
        (5, 5, .closed, nil, false, false),  // closed risks count for nothing
    ])
    func criticalAndEscalation(p: Int, i: Int, status: OpenClosed, escalated: Bool?, critical: Bool, due: Bool) {
        let m = compute { $0.risks = [risk("P1", "R", .technical, p: p, i: i, status: status, review: "2026-11-01",
                                           escalated: escalated)] }
        #expect(m.projects[0].risks.criticalRisks == (critical ? 1 : 0))
        #expect(m.projects[0].risks.escalationDue == (due ? 1 : 0))
        #expect(m.portfolio.risks.escalationDue == (due ? 1 : 0))
    }

    @Test func escalationThresholdIsConfigurable() {
        var c = november
        c.escalationThreshold = 12
        let m = compute({ $0.risks = [risk("P1", "R", nil, p: 3, i: 4, review: "2026-11-01")] }, config: c)
        #expect(m.projects[0].risks.escalationDue == 1)
        #expect(m.projects[0].risks.criticalRisks == 0)  // critical stays >= 15
    }

    /// E - 60 days = 2026-10-01.
    @Test(arguments: [("2026-10-01", false), ("2026-09-30", true), (nil, true), ("2026-11-30", false)] as [(String?, Bool)])
    func agedRisks(review: String?, aged: Bool) {
        let m = compute { $0.risks = [risk("P1", "R", nil, p: 1, i: 1, review: review)] }
        #expect(m.projects[0].risks.agedRisks == (aged ? 1 : 0))
    }

    @Test func exposureAppetiteAndHeatMap() {
        var c = november
        c.riskAppetite = [.financial: 20, .external: 25]
        let m = compute({
            $0.risks = [
                risk("P1", "R1", .financial, p: 4, i: 5),  // 20
                risk("P1", "R2", .financial, p: 1, i: 1),  // 1: exposure 21 > 20
                risk("P1", "R3", .external, p: 5, i: 5),  // 25, not above 25
                risk("P1", "R4", .external, p: 5, i: 5, status: .closed),
            ]
        }, config: c)
        let byName = Dictionary(uniqueKeysWithValues: m.riskCategories.map { ($0.category, $0) })
        #expect(byName[.financial] == RiskCategoryMetrics(category: .financial, openRisks: 2, exposure: 21, appetite: 20, breach: true))
        #expect(byName[.external] == RiskCategoryMetrics(category: .external, openRisks: 1, exposure: 25, appetite: 25, breach: false))
        #expect(m.riskCategories.map(\.category.rawValue) ==
                ["compliance", "external", "financial", "operational", "resource", "schedule", "strategic", "technical"])
        #expect(m.riskHeatMap[3][4] == 1 && m.riskHeatMap[0][0] == 1 && m.riskHeatMap[4][4] == 1)
        #expect(m.riskHeatMap.flatMap { $0 }.reduce(0, +) == 3)
        #expect(m.programs[0].risks.exposure == 46)
    }
}

@Suite struct ScheduleTests {
    /// (baseline, forecast, actual) -> slip days: actual, else forecast, else baseline.
    @Test(arguments: [
        ("2026-12-15", "2027-01-20", nil, 36), ("2026-12-15", "2026-12-10", nil, -5),
        ("2026-12-15", "2027-01-20", "2026-12-14", -1), ("2026-12-15", nil, nil, 0),
        ("2026-02-28", nil, "2026-03-01", 1),
    ] as [(String, String?, String?, Int)])
    func slippageSign(baseline: String, forecast: String?, actual: String?, slip: Int) {
        let m = compute { $0.milestones = [milestone("P1", "M", baseline: baseline, forecast: forecast, actual: actual)] }
        #expect(m.projects[0].schedule.maxSlipDays == slip)
    }

    /// (baseline, actual) -> (due, on time, overdue).
    @Test(arguments: [
        ("2026-11-30", "2026-11-30", true, true, false), ("2026-11-01", "2026-11-02", true, false, false),
        ("2026-11-01", nil, true, false, true), ("2026-12-01", nil, false, false, false),
        ("2026-12-01", "2026-11-15", false, false, false),
    ] as [(String, String?, Bool, Bool, Bool)])
    func dueAndOnTime(baseline: String, actual: String?, due: Bool, onTime: Bool, overdue: Bool) {
        let m = compute { $0.milestones = [milestone("P1", "M", baseline: baseline, actual: actual)] }
        let s = m.projects[0].schedule
        #expect(s.milestonesDue == (due ? 1 : 0))
        #expect(s.milestonesOnTime == (onTime ? 1 : 0))
        #expect(s.overdueMilestones == (overdue ? 1 : 0))
        #expect(s.milestonesOnTimePct == (due ? (onTime ? 100 : 0) : nil))
    }

    @Test func noMilestonesMeansNullFigures() {
        let m = compute { _ in }
        #expect(m.projects[0].schedule.maxSlipDays == nil)
        #expect(m.projects[0].schedule.milestonesOnTimePct == nil)
        #expect(m.portfolio.schedule.milestonesOnTimePct == nil)
    }

    @Test func slipIsTakenOverAllMilestonesDueOrNot() {
        let m = compute {
            $0.milestones = [
                milestone("P1", "M1", baseline: "2026-10-01", actual: "2026-10-03"),
                milestone("P1", "M2", baseline: "2027-05-01", forecast: "2027-06-01"),
            ]
        }
        #expect(m.projects[0].schedule.maxSlipDays == 31)
    }
}

@Suite struct StageGateTests {
    /// (planned, review, decision) -> (due, compliant), grace 14 days.
    @Test(arguments: [
        ("2026-10-01", "2026-10-15", GateDecision.approved as GateDecision?, true, true),  // 14 days late
        ("2026-10-01", "2026-10-16", .approved, true, false),  // 15 days late
        ("2026-10-01", "2026-09-20", .rejected, true, true),  // early, any decision
        ("2026-10-01", nil, nil, true, false),
        ("2026-10-01", "2026-10-02", nil, true, false),  // no decision
        ("2026-11-30", "2026-11-30", .deferred, true, true),  // planned on E
        ("2026-12-01", nil, nil, false, false),  // not due
    ] as [(String, String?, GateDecision?, Bool, Bool)])
    func compliance(planned: String, review: String?, decision: GateDecision?, due: Bool, compliant: Bool) {
        let m = compute { $0.stageGates = [gate("P1", .g2, planned: planned, review: review, decision: decision)] }
        #expect(m.projects[0].gates.gatesDue == (due ? 1 : 0))
        #expect(m.projects[0].gates.gatesCompliant == (compliant ? 1 : 0))
        #expect(m.projects[0].gates.compliancePct == (due ? (compliant ? 100 : 0) : nil))
    }

    @Test func graceIsConfigurable() {
        var c = november
        c.gateGraceDays = 0
        let m = compute({ $0.stageGates = [gate("P1", .g1, planned: "2026-10-01", review: "2026-10-02", decision: .approved)] },
                        config: c)
        #expect(m.projects[0].gates.gatesCompliant == 0)
    }
}

@Suite struct IssueTests {
    /// (status, due, escalated) -> (open, overdue, escalated); E = 2026-11-30.
    @Test(arguments: [
        (OpenClosed.open as OpenClosed?, "2026-11-29" as String?, nil as Bool?, true, true, false),
        (.open, "2026-11-30", true, true, false, true),
        (nil, "2026-01-01", nil, true, true, false),  // a missing status counts as open
        (.closed, "2026-01-01", true, false, false, false),
        (.open, nil, nil, true, false, false),
    ])
    func openOverdueEscalated(status: OpenClosed?, due: String?, escalated: Bool?, open: Bool, overdue: Bool, esc: Bool) {
        let m = compute { $0.issues = [issue("P1", "I", .low, status: status, due: due, escalated: escalated)] }
        let f = m.projects[0].issues
        #expect(f.open == (open ? 1 : 0))
        #expect(f.overdue == (overdue ? 1 : 0))
        #expect(f.escalated == (esc ? 1 : 0))
    }
}

@Suite struct ResourceTests {
    @Test func capacityZeroHasNoUtilisation() {
        let m = compute {
            $0.people = [person("A", capacity: "0")]
            $0.assignments = [assignment("P1", "A", "2026-11", planned: "0", actual: "0")]
        }
        #expect(m.people == [PersonMetrics(personID: "A", department: nil, capacityHours: 0, plannedHours: 0,
                                           actualHours: 0, utilisationPct: nil, overAllocated: false, projects: 0)])
    }

    /// (capacity, planned hours on P1 and P2, actual on P1) -> (utilisation, over-allocated, projects, conflict).
    @Test(arguments: [
        (nil, "140", "0", "70", 50.0 as Double?, false, 1, false),  // default 140; planned = capacity is not over
        (nil, "140.01", "0", nil, 0, true, 1, false),  // over, one project: no conflict
        ("100", "60", "50", "120", 120, true, 2, true),  // two projects: conflict
        ("0", "1", "0", nil, nil, true, 1, false),
        ("160", "0", "0", "0", 0, false, 0, false),  // zero hours: no projects
    ] as [(String?, String, String, String?, Double?, Bool, Int, Bool)])
    func load(capacity: String?, p1: String, p2: String, actual: String?, util: Double?, over: Bool, projects: Int,
              conflict: Bool) {
        let m = compute {
            $0.projects.append(project("P2"))
            $0.people = [person("A", capacity: capacity)]
            $0.assignments = [
                assignment("P1", "A", "2026-11", planned: p1, actual: actual),
                assignment("P2", "A", "2026-11", planned: p2),
                assignment("P1", "A", "2026-10", planned: "500", actual: "500"),  // other period
            ]
        }
        #expect(m.people[0].utilisationPct == util)
        #expect(m.people[0].overAllocated == over)
        #expect(m.people[0].projects == projects)
        #expect(m.portfolio.overAllocatedPeople == (over ? 1 : 0))
        #expect(m.portfolio.resourceConflicts == (conflict ? 1 : 0))
    }

    @Test func unknownPeopleAndProjectsAreLeftOut() {
        let m = compute {
            $0.people = [person("A")]
            $0.assignments = [
                assignment("P1", "ghost", "2026-11", planned: "500"),
                assignment("NOPE", "A", "2026-11", planned: "500"),
            ]
        }
        #expect(m.people.count == 1)
        #expect(m.people[0].plannedHours == 0)
    }
}

@Suite struct BenefitTests {
    /// (baseline, target, measurements) -> realisation %; E = 2026-11-30.
    @Test(arguments: [
        ("100", "200", [("2026-11-15", "150")], 50.0 as Double?),
        ("100", "100", [("2026-11-15", "150")], nil),  // target = baseline
        ("100", "200", [("2026-12-01", "200")], nil),  // after E: ignored, so no measurement
        ("100", "200", [("2026-11-30", "250")], 150),  // E inclusive; over-realised
        ("100", "200", [("2026-10-01", "120"), ("2026-11-01", "110")], 10),  // latest by date
        ("100", "200", [], nil),
        ("100", "50", [("2026-11-01", "75")], 50),  // a reduction target
        ("0", "3", [("2026-11-01", "1")], 33.333333333333336),  // 100/3, nearest double
    ] as [(String, String, [(String, String)], Double?)])
    func realisation(baseline: String, target: String, ms: [(String, String)], pct: Double?) {
        let m = compute {
            $0.benefits = [benefit("P1", "B", baseline: baseline, target: target, targetDate: "2027-01-01")]
            $0.benefitMeasurements = ms.map { measurement("P1", "B", $0.0, $0.1) }
        }
        #expect(m.benefits[0].realisationPct == pct)
        #expect(m.projects[0].benefitRealisationPct == pct)
        #expect(m.portfolio.benefitRealisationPct == pct)
    }

    /// The latest measurement on or before E, whatever the order of the rows: a benefit's rows
    /// may come together or interleaved with another's, and of two on the same day the first
    /// row counts. (The reader keeps the best of each run of rows in hand.) E = 2026-11-30;
    /// B1 and B2 both run from 0 to 100, so the latest value is the realisation.
    @Test(arguments: [
        // interleaved
        ([("B1", "2026-10-01", "1"), ("B2", "2026-10-01", "5"), ("B1", "2026-11-01", "2"), ("B2", "2026-10-15", "6")], "2", "6"),
        // a tie inside one run of rows: the first
        ([("B1", "2026-11-01", "1"), ("B1", "2026-11-01", "2"), ("B2", "2026-11-01", "9")], "1", "9"),
        // a tie across two runs of rows: still the first
        ([("B1", "2026-11-01", "1"), ("B2", "2026-11-01", "9"), ("B1", "2026-11-01", "2")], "1", "9"),
        // a later run with an earlier date does not replace, a later date does
        ([("B1", "2026-11-01", "3"), ("B2", "2026-09-01", "9"), ("B1", "2026-10-01", "4"), ("B2", "2026-11-20", "8")], "3", "8"),
        // rows after E are ignored, inside a run or alone
        ([("B1", "2026-11-01", "3"), ("B1", "2026-12-05", "7"), ("B2", "2026-12-01", "9")], "3", nil),
    ] as [([(String, String, String)], String?, String?)])
    func latestMeasurementWhateverTheRowOrder(rows: [(String, String, String)], b1: String?, b2: String?) {
        let m = compute {
            $0.benefits = [
                benefit("P1", "B1", baseline: "0", target: "100", targetDate: "2027-01-01"),
                benefit("P1", "B2", baseline: "0", target: "100", targetDate: "2027-01-01"),
            ]
            $0.benefitMeasurements = rows.map { measurement("P1", $0.0, $0.1, $0.2) }
        }
        #expect(m.benefits.map(\.latestValue) == [b1.map(dec), b2.map(dec)])
    }

    @Test func portfolioMeanIsOverBenefitsNotProjects() {
        let m = compute {
            $0.projects.append(project("P2"))
            $0.benefits = [
                benefit("P1", "B1", baseline: "0", target: "100", targetDate: "2027-01-01"),
                benefit("P1", "B2", baseline: "0", target: "100", targetDate: "2027-01-01"),
                benefit("P2", "B1", baseline: "0", target: "100", targetDate: "2027-01-01"),
            ]
            $0.benefitMeasurements = [
                measurement("P1", "B1", "2026-11-01", "10"), measurement("P1", "B2", "2026-11-01", "20"),
                measurement("P2", "B1", "2026-11-01", "90"),
            ]
        }
        #expect(m.projects.map(\.benefitRealisationPct) == [15, 90])
        #expect(m.portfolio.benefitRealisationPct == 40)  // (10 + 20 + 90) / 3, not (15 + 90) / 2
    }
}

@Suite struct RAGTests {
    /// (PV, EV, AC) -> evm signal; thresholds compared exactly.
    @Test(arguments: [
        ("100", "80", "100", RAG.amber),  // CPI 0.8 exactly: not below 0.8
        ("100", "90", "100", .green),  // 0.9 exactly: not below 0.9
        ("100", "79.99", "100", .red),
        ("100", "89.99", "0", .amber),  // CPI null, SPI 0.8999
        ("0", "50", "0", .green),  // both null
        ("0", "0", "10", .red),  // CPI 0
    ])
    func evmSignal(pv: String, ev: String, ac: String, signal: RAG) {
        let e = EarnedValue(bac: 100, pv: dec(pv), ev: dec(ev), ac: dec(ac))
        #expect(RAGRules.evmSignal(e, config: november) == signal)
    }

    @Test(arguments: [
        ([(RAG.green, "300"), (.red, "100")], MetricsConfig.RAGRollUp.budgetWeighted, RAG.amber as RAG?),  // mean 0.5
        ([(.green, "301"), (.red, "100")], .budgetWeighted, .green),  // 200/401 < 0.5
        ([(.amber, "100"), (.red, "100")], .budgetWeighted, .red),  // mean 1.5
        ([(.green, "0"), (.red, "0")], .budgetWeighted, .red),  // no budget: worst-of
        ([(.green, "300"), (.red, "100")], .worstOf, .red),
        ([], .worstOf, nil),
    ] as [([(RAG, String)], MetricsConfig.RAGRollUp, RAG?)])
    func rollUp(items: [(RAG, String)], method: MetricsConfig.RAGRollUp, rag: RAG?) {
        #expect(RAGRules.rollUp(items.map { ($0.0, dec($0.1)) }, method: method) == rag)
    }

    @Test func closedProjectsCountInTheRollUpAndWatermelonsAreFlagged() {
        var p = Portfolio()
        p.projects = [
            project("P1", program: "G", stage: .closed, budget: "100", rag: .green),
            project("P2", program: "G", stage: .execution, budget: "100", rag: .green),
        ]
        p.financials = [financial("P1", "2026-11", pv: "100", ev: "50", ac: "100")]  // CPI 0.5, SPI 0.5: R
        let m = PortfolioMetrics.compute(p, config: november)
        #expect(m.projects.map(\.ragDerived) == [.red, .green])
        #expect(m.projects.map(\.watermelon) == [true, false])
        #expect(m.programs[0].rag == .red)
        #expect(m.portfolio.rag == .red)
        #expect(m.portfolio.ragReported == RAGCounts(red: 0, amber: 0, green: 2))
    }
}

@Suite struct PortfolioShapeTests {
    @Test func theFirstRowOfARepeatedProjectWinsAndUnknownRowsAreSkipped() {
        var p = Portfolio()
        p.projects = [project("P1", budget: "100"), project("P1", budget: "999")]
        p.financials = [financial("GHOST", "2026-11", pv: "1", ev: "1", ac: "1")]
        p.risks = [risk("GHOST", "R", .technical, p: 5, i: 5)]
        let m = PortfolioMetrics.compute(p, config: november)
        #expect(m.projects.count == 1)
        #expect(m.portfolio.projects == 1)
        #expect(m.projects[0].evm.bac == 100)
        #expect(m.portfolio.evm.pv == 0)
        #expect(m.portfolio.risks.openRisks == 0)
        #expect(m.riskHeatMap[4][4] == 0)
    }

    @Test func aProjectWithoutAProgrammeBelongsToNone() {
        var p = Portfolio()
        p.programs = [program("G1")]
        p.projects = [project("P1", program: nil, budget: "100"), project("P2", program: "G2", budget: "5")]
        let m = PortfolioMetrics.compute(p, config: november)
        #expect(m.programs.map(\.programID) == ["G1", "G2"])
        #expect(m.programs.map(\.projects) == [0, 1])
        #expect(m.programs.map(\.declared) == [true, false])
        #expect(m.programs[0].rag == nil)
        #expect(m.undeclaredProgramIDs == ["G2"])
        #expect(m.portfolio.evm.bac == 105)
    }

    /// E = 2026-11-30; stale beyond 35 days (the freshness standard); only active projects count
    /// in the portfolio. 2026-10-26 is 5 + 30 = 35 days before E.
    @Test(arguments: [("2026-10-26", 35, false), ("2026-10-25", 36, true), ("2026-11-30", 0, false)])
    func staleness(updated: String, days: Int, stale: Bool) {
        var p = Portfolio()
        p.projects = [project("P1", updated: updated), project("P2", stage: .closed, updated: "2020-01-01")]
        let m = PortfolioMetrics.compute(p, config: november)
        #expect(m.projects[0].daysSinceUpdate == days)
        #expect(m.projects[0].stale == stale)
        #expect(m.projects[1].stale)
        #expect(m.portfolio.staleProjects == (stale ? 1 : 0))
    }

    /// Active projects: strategic_score desc, priority asc, CPI desc, project_id; missing values last.
    @Test func prioritisationOrder() {
        var p = Portfolio()
        p.projects = [
            project("A", strategic: 80, priority: 2),
            project("B", strategic: 80, priority: 1),
            project("C", strategic: 90),
            project("D", strategic: nil, priority: 1),
            project("E", strategic: 80, priority: 2),  // ties A on score and priority; better CPI
            project("F", stage: .closed, strategic: 100),
            project("G", strategic: 80, priority: 2),  // ties A and E; no CPI: after them
            project("H", strategic: 80, priority: 2),  // same CPI as A: id order
        ]
        p.financials = [
            financial("A", "2026-11", pv: "1", ev: "9", ac: "10"),
            financial("E", "2026-11", pv: "1", ev: "10", ac: "10"),
            financial("H", "2026-11", pv: "1", ev: "9", ac: "10"),
        ]
        let m = PortfolioMetrics.compute(p, config: november)
        #expect(m.ranking == ["C", "B", "E", "A", "H", "G", "D"])
        #expect(m.projects.map(\.priorityRank) == [4, 2, 1, 7, 3, nil, 6, 5])
    }
}

@Suite struct OutcomeTests {
    @Test func adoptionTakesTheLatestRowOnOrBeforeE() {
        let m = compute {
            $0.changeImpacts = [
                impact("P1", "Ops", .high, target: "90", actual: "50", on: "2026-10-01"),
                impact("P1", "Ops", .high, target: "90", actual: "70", on: "2026-11-30"),
                impact("P1", "Ops", .high, target: "90", actual: "95", on: "2026-12-01"),
                impact("P1", "Sales", .low, target: "60", actual: "50", on: nil),
                impact("NOPE", "Ops", .high, target: "90", actual: "0", on: "2026-11-01"),
            ]
        }
        #expect(m.adoption.map(\.gap) == [20, 10])
        #expect(m.projects[0].adoption.meanGap == 15)
        #expect(m.projects[0].adoption.highImpactBelowTarget == 1)
        #expect(m.projects[0].adoption.belowTarget == 2)
    }

    /// E = 2026-11-30, expiring window to 2027-02-28.
    @Test(arguments: [
        ([] as [(String?, String?)], CertificationStatus.none),
        ([(nil, nil)], .current),
        ([(nil, "2027-02-28")], .expiring),
        ([(nil, "2027-03-01")], .current),
        ([(nil, "2026-11-30")], .none),  // expired on E
        ([(nil, "2026-12-01")], .expiring),
        ([("2026-12-01", nil)], .none),  // not yet obtained
        ([(nil, "2026-12-01"), (nil, "2028-01-01")], .current),  // the best one counts
    ])
    func certificationStatus(certs: [(String?, String?)], status: CertificationStatus) {
        let cs = certs.enumerated().map { certification("A", "C\($0.offset)", obtained: $0.element.0, expiry: $0.element.1) }
        #expect(CapabilityCalc.status(of: cs, end: day("2026-11-30"), expiringDays: 90) == status)
    }

    @Test func knowledgeCountsLessonsOfClosedProjects() {
        var p = Portfolio()
        p.projects = [project("A", stage: .closed), project("B", stage: .closed), project("C")]
        p.lessons = [lesson("A", "L1", category: " Risk "), lesson("A", "L2", category: "Risk"),
                     lesson("A", "L3", category: ""), lesson("C", "L1", category: "Scope")]
        let m = PortfolioMetrics.compute(p, config: november)
        #expect(m.knowledge.closedProjects == 2)
        #expect(m.knowledge.lessonsOfClosedProjects == 3)
        #expect(m.knowledge.lessonsPerClosedProject == 1.5)
        #expect(m.knowledge.closedWithoutLessons == ["B"])
        #expect(m.knowledge.byCategory == [DemandCount(key: "Risk", count: 2), DemandCount(key: "Scope", count: 1),
                                           DemandCount(key: "uncategorised", count: 1)])
    }
}

@Suite struct DefinitionTests {
    @Test func everyDefinitionIsCompleteAndUnique() {
        let all = MetricDefinitions.all
        #expect(all.count >= 40)
        #expect(Set(all.map(\.id)).count == all.count)
        for d in all {
            #expect(!d.name.isEmpty && !d.unit.isEmpty && !d.formula.isEmpty && !d.example.isEmpty, "\(d.id)")
        }
    }

    @Test func explainTextHasOneBlockPerMetric() {
        let text = MetricDefinitions.explainText()
        #expect(text.contains("""
            cv — Cost variance [money]
              formula: EV - AC
              example: 2,500 - 2,800 = -300

            """))
        #expect(text.components(separatedBy: "\n  formula: ").count - 1 == MetricDefinitions.all.count)
    }

    @Test func goldenListsHaveTheHandWorkedMembers() {
        let m = PortfolioMetrics.compute(GoldenPortfolio.portfolio, config: GoldenPortfolio.config)
        #expect(m.benefitShortfalls.map { "\($0.projectID)/\($0.benefitID)" } == ["PRJ-A/B1", "PRJ-D/B1"])
        #expect(m.highImpactGroupsBelowTarget.map(\.stakeholderGroup) == ["Branch staff"])
        #expect(m.rankedProjects.map(\.projectID) == ["PRJ-C", "PRJ-A", "PRJ-D"])
        #expect(m.watermelons.map(\.projectID) == ["PRJ-A"])
        #expect(m.projectsWithEscalationsDue.map(\.projectID) == ["PRJ-A"])
        #expect(m.undeclaredProgramIDs == ["PGM-9"])
    }

    @Test(arguments: ["cpi", "eac", "tcpi", "risk_band", "gate_compliance_pct", "utilisation_pct", "realisation_pct",
                      "adoption.gap", "capability", "priority_rank", "overdue_issues", "rag_derived"])
    func theSpecsMetricsAreExplained(id: String) {
        #expect(MetricDefinitions.all.contains { $0.id == id })
        #expect(MetricDefinitions.explainText().contains("\n\(id) — ") || MetricDefinitions.explainText().hasPrefix("\(id) — "))
    }
}
