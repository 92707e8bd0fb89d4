import Foundation
import GovPackCore
import GovPackMetrics
import GovPackPipeline
import GovPackRules
import GovPackStore
import GovPackTestSupport
import Testing

/// A three-project portfolio for November 2026 (E = 2026-11-30), figures worked by hand below.
///
/// P1 (G1, execution, BAC 1000, reported G): PV 400, EV 300, AC 375 -> CPI 0.8, SPI 0.75 (< 0.8:
///   red signal, derived R), EAC 1000 x 375 / 300 = 1250; forecast end 30 days after baseline;
///   risks R1 3x5 = 15 open (critical), R2 closed; benefit B1 0 -> 100 measured 40: 40 %.
/// P2 (G1, planning, BAC 3000, reported A): PV 1000, EV 1000, AC 925 -> CPI 1000/925, SPI 1,
///   signal G so derived A, EAC 3000 x 925 / 1000 = 2775; risk R1 2x3 = 6 open; benefit unmeasured.
/// P3 (no programme, closed, BAC 500, reported G): no financials, so no ratios and no EAC.
/// G1: BAC 4000, PV 1400, EV 1300, AC 1300 -> CPI 1, SPI 13/14, EAC 4000; exposure 21; RAG R.
/// Portfolio: BAC 4500, same PV/EV/AC -> CPI 1, SPI 13/14, EAC 4500; 3 projects, 2 active.
/// Compliance given: P1 75 (1 error), P2 100 (1 warning): G1 and portfolio 87.5.
private enum Fixture {
    static let period = Period(year: 2026, month: 11) ?? Period(index: 0)

    static func date(_ s: String) -> Day { Day(s) ?? Day(daysSinceEpoch: 0) }
    static func money(_ s: String) -> Decimal { Decimal(string: s) ?? 0 }

    static func portfolio(reversed: Bool = false) -> Portfolio {
        var p = Portfolio()
        let payments = p.files.add(path: "payments/projects.csv", isXML: false)
        let web = p.files.add(path: "web/projects.csv", isXML: false)
        var g = Program()
        g.programID = "G1"
        g.name = "Payments"
        p.programs = [g]
        func project(_ id: String, _ program: String?, _ stage: Stage, _ budget: String, _ rag: RAG, file: UInt32,
                     forecastEnd: String? = nil) -> Project {
            var x = Project()
            x.projectID = id
            x.name = "Project " + id
            x.programID = program
            x.stage = stage
            x.budget = money(budget)
            x.ragOverall = rag
            x.startDate = date("2026-01-01")
            x.baselineEndDate = date("2027-03-31")
            x.forecastEndDate = forecastEnd.map(date)
            x.lastUpdated = date("2026-11-24")
            x.origin = Origin(file: file, line: 2)
            return x
        }
        p.projects = [
            project("P1", "G1", .execution, "1000", .green, file: payments, forecastEnd: "2027-04-30"),
            project("P2", "G1", .planning, "3000", .amber, file: payments),
            project("P3", nil, .closed, "500", .green, file: web),
        ]
        func financial(_ id: String, _ period: String, _ pv: String, _ ev: String, _ ac: String) -> Financial {
            var f = Financial()
            f.projectID = id
            f.period = Period(period) ?? Fixture.period
            f.plannedValue = money(pv)
            f.earnedValue = money(ev)
            f.actualCost = money(ac)
            return f
        }
        p.financials = [
            financial("P1", "2026-11", "400", "300", "375"),
            financial("P2", "2026-11", "1000", "1000", "925"),
            financial("P1", "2026-12", "100", "100", "100"),  // after the period: left out
        ]
        func risk(_ project: String, _ id: String, _ category: RiskCategory, _ pr: Int, _ im: Int, _ status: OpenClosed,
                  owner: String? = nil) -> Risk {
            var r = Risk()
            r.projectID = project
            r.riskID = id
            r.title = "Risk " + id
            r.category = category
            r.probability = pr
            r.impact = im
            r.status = status
            r.reviewDate = date("2026-11-01")
            r.owner = owner
            return r
        }
        p.risks = [
            risk("P2", "R1", .resource, 2, 3, .open),
            risk("P1", "R2", .financial, 2, 2, .closed),
            risk("P1", "R1", .technical, 3, 5, .open),
            risk("P9", "R1", .external, 5, 5, .open, owner: "someone"),  // unknown project: left out
        ]
        func milestone(_ project: String, _ id: String, _ baseline: String, actual: String? = nil,
                       status: MilestoneStatus? = nil) -> Milestone {
            var m = Milestone()
            m.projectID = project
            m.milestoneID = id
            m.name = "Milestone " + id
            m.baselineDate = date(baseline)
            m.actualDate = actual.map(date)
            m.status = status
            return m
        }
        p.milestones = [
            milestone("P2", "M1", "2026-12-15"),
            milestone("P1", "M2", "2026-10-31", actual: "2026-11-05", status: .complete),
            milestone("P1", "M1", "2026-06-30", actual: "2026-06-30", status: .complete),
        ]
        func benefit(_ project: String, _ description: String, _ category: BenefitCategory, target: String) -> Benefit {
            var b = Benefit()
            b.projectID = project
            b.benefitID = "B1"
            b.description = description
            b.category = category
            b.baselineValue = 0
            b.targetValue = money(target)
            b.targetDate = date("2027-06-30")
            return b
        }
        p.benefits = [
            benefit("P2", "Unmeasured", .customer, target: "10"),
            benefit("P1", "Fewer errors", .efficiency, target: "100"),
        ]
        func measurement(_ on: String, _ value: String) -> BenefitMeasurement {
            var m = BenefitMeasurement()
            m.projectID = "P1"
            m.benefitID = "B1"
            m.measuredOn = date(on)
            m.actualValue = money(value)
            return m
        }
        p.benefitMeasurements = [measurement("2026-10-15", "40"), measurement("2026-12-10", "90")]
        if reversed {
            p.projects.reverse()
            p.financials.reverse()
            p.risks.reverse()
            p.milestones.reverse()
            p.benefits.reverse()
            p.benefitMeasurements.reverse()
        }
        return p
    }

    static func metrics(_ p: Portfolio) -> PortfolioMetrics {
        var m = PortfolioMetrics.compute(p, config: MetricsConfig(period: period))
        m.applyCompliance([
            "P1": ProjectCompliance(score: 75, errors: 1, warnings: 0),
            "P2": ProjectCompliance(score: 100, errors: 0, warnings: 1),
        ])
        return m
    }

    static let inputs = [
        InputRecord(path: "submissions/2026-11/web/projects.csv", team: "web", sha256: "33", bytes: 300),
        InputRecord(path: "submissions/2026-11/payments/risks.csv", team: "payments", sha256: "22", bytes: 200),
        InputRecord(path: "submissions/2026-11/payments/projects.csv", team: "payments", sha256: "11", bytes: 100),
    ]

    static let packFiles = [
        PackFileRecord(path: "steering/G1.html", sha256: "bb", bytes: 2000),
        PackFileRecord(path: "board.html", sha256: "aa", bytes: 1000),
    ]

    static func snapshot(reversed: Bool = false, findings: [FindingRecord] = []) -> RunSnapshot {
        let p = portfolio(reversed: reversed)
        let m = metrics(p)
        return HistorySnapshot.make(
            period: period, version: "9.9.9", metrics: m, portfolio: p, findings: findings, inputs: inputs,
            packFiles: packFiles, metricsJSON: MetricsJSON.encode(m))
    }
}

@Suite struct HistorySnapshotTests {
    @Test func projectsCarryTheirHandWorkedFigures() {
        let s = Fixture.snapshot()
        let m = Fixture.money
        #expect(s.projects == [
            ProjectRecord(
                id: "P1", name: "Project P1", programID: "G1", team: "payments", stage: .execution, ragReported: .green,
                ragDerived: .red, bac: m("1000"), pv: m("400"), ev: m("300"), ac: m("375"), eac: m("1250"), cpi: 0.8,
                spi: 0.75, riskExposure: 15, openRisks: 1, criticalRisks: 1, complianceScore: 75, errors: 1,
                warnings: 0, endSlipDays: 30, benefitRealisationPct: 40),
            ProjectRecord(
                id: "P2", name: "Project P2", programID: "G1", team: "payments", stage: .planning, ragReported: .amber,
                ragDerived: .amber, bac: m("3000"), pv: m("1000"), ev: m("1000"), ac: m("925"), eac: m("2775"),
                cpi: 1000.0 / 925.0, spi: 1, riskExposure: 6, openRisks: 1, criticalRisks: 0, complianceScore: 100,
                errors: 0, warnings: 1, endSlipDays: nil, benefitRealisationPct: nil),
            ProjectRecord(
                id: "P3", name: "Project P3", programID: nil, team: "web", stage: .closed, ragReported: .green,
                ragDerived: .green, bac: m("500"), pv: 0, ev: 0, ac: 0, eac: nil, cpi: nil, spi: nil),
        ])
    }

    @Test func programmeAndPortfolioRollUp() {
        let s = Fixture.snapshot()
        let m = Fixture.money
        #expect(s.programs == [
            FigureRecord(
                id: "G1", rag: .red, projects: 2, activeProjects: 2, bac: m("4000"), pv: m("1400"), ev: m("1300"),
                ac: m("1300"), eac: m("4000"), cpi: 1, spi: 13.0 / 14.0, riskExposure: 21, openRisks: 2,
                criticalRisks: 1, complianceScore: 87.5, benefitRealisationPct: 40, errors: 1, warnings: 1)
        ])
        #expect(s.portfolio == FigureRecord(
            id: "", rag: .red, projects: 3, activeProjects: 2, bac: m("4500"), pv: m("1400"), ev: m("1300"),
            ac: m("1300"), eac: m("4500"), cpi: 1, spi: 13.0 / 14.0, riskExposure: 21, openRisks: 2, criticalRisks: 1,
            complianceScore: 87.5, benefitRealisationPct: 40, errors: 1, warnings: 1))
    }

    @Test func rowsAreSortedAndUnknownProjectsLeftOut() {
        let s = Fixture.snapshot()
        #expect(s.risks == [
            RiskRecord(projectID: "P1", riskID: "R1", title: "Risk R1", category: .technical, probability: 3, impact: 5,
                       status: .open),
            RiskRecord(projectID: "P1", riskID: "R2", title: "Risk R2", category: .financial, probability: 2, impact: 2,
                       status: .closed),
            RiskRecord(projectID: "P2", riskID: "R1", title: "Risk R1", category: .resource, probability: 2, impact: 3,
                       status: .open),
        ])
        #expect(s.risks.map(\.score) == [15, 4, 6])
        #expect(s.milestones.map { "\($0.projectID)/\($0.milestoneID)" } == ["P1/M1", "P1/M2", "P2/M1"])
        #expect(s.milestones[1] == MilestoneRecord(
            projectID: "P1", milestoneID: "M2", name: "Milestone M2", baselineDate: Fixture.date("2026-10-31"),
            forecastDate: nil, actualDate: Fixture.date("2026-11-05"), status: .complete))
        #expect(s.benefits == [
            BenefitRecord(projectID: "P1", benefitID: "B1", name: "Fewer errors", category: .efficiency, realisationPct: 40),
            BenefitRecord(projectID: "P2", benefitID: "B1", name: "Unmeasured", category: .customer, realisationPct: nil),
        ])
        #expect(s.inputs.map(\.path) == [
            "submissions/2026-11/payments/projects.csv", "submissions/2026-11/payments/risks.csv",
            "submissions/2026-11/web/projects.csv",
        ])
        #expect(s.inputDigest == Checksum.sha256(Data((
            "submissions/2026-11/payments/projects.csv\t11\tread\n" + "submissions/2026-11/payments/risks.csv\t22\tread\n"
                + "submissions/2026-11/web/projects.csv\t33\tread\n").utf8)))
        #expect(s.packFiles.map(\.path) == ["board.html", "steering/G1.html"])
        #expect(s.govpackVersion == "9.9.9")
        #expect(s.metricsJSON.hasPrefix("{\n  \"schema\": \"govpack.metrics/1\""))
    }

    /// A repeated key keeps the row read first, wherever the two copies sit among the others.
    @Test(arguments: [(0, 1), (0, 4), (1, 3), (2, 4), (3, 4)])
    func repeatedKeysKeepTheRowReadFirst(at first: Int, andLater later: Int) {
        var p = Fixture.portfolio()
        var readFirst = p.risks.remove(at: 2), readLater = readFirst  // P1/R1
        readFirst.title = "read first"
        readLater.title = "read later"
        p.risks.insert(readFirst, at: first)
        p.risks.insert(readLater, at: later)
        let m = Fixture.metrics(p)
        let s = HistorySnapshot.make(
            period: Fixture.period, version: "9.9.9", metrics: m, portfolio: p, findings: [FindingRecord](),
            inputs: Fixture.inputs, packFiles: Fixture.packFiles, metricsJSON: "{}")
        #expect(s.risks.map { "\($0.projectID)/\($0.riskID)" } == ["P1/R1", "P1/R2", "P2/R1"])
        #expect(s.risks[0].title == "read first")
    }

    @Test func inputOrderDoesNotShow() {
        #expect(Fixture.snapshot(reversed: true) == Fixture.snapshot())
    }

    /// Rule `risk.has_owner` (error) fails for the three owner-less risks of P1 and P2, one of
    /// them (P2's) waived; `project.small` (warning) fails for P2's budget of 3000.
    @Test func findingsAreCountedPerRuleProjectSeverityAndWaiver() throws {
        let pack = """
            pack: test
            rules:
              - id: risk.has_owner
                title: Risks have owners
                role: Risk Manager
                scope: risk
                assert: 'has(risk.owner)'
                severity: error
                message: "no owner"
              - id: project.small
                title: Small
                role: PMO Director
                scope: project
                assert: 'project.budget < 2000.0'
                severity: warning
                message: "big"
            """
        let waivers = """
            waivers:
              - rule: risk.has_owner
                project: P2
                reason: owner being recruited
                approved_by: PMO Director
                expires: 2027-01-31
            """
        let sink = DiagnosticSink()
        let rules = try #require(RulePackLoader.parse(pack, path: "test.yaml", diagnostics: sink))
        let engine = RuleEngine(packs: [rules], diagnostics: sink)
        let p = Fixture.portfolio()
        let results = engine.run(
            p, period: Fixture.period, waivers: WaiverLoader.parse(waivers, path: "waivers.yaml", diagnostics: sink))
        #expect(sink.all.filter { $0.severity == .error }.isEmpty, "\(sink.all.map(\.formatted))")
        let expected = [
            FindingRecord(ruleID: "project.small", projectID: "P2", severity: .warning, waived: false, count: 1),
            FindingRecord(ruleID: "risk.has_owner", projectID: "P1", severity: .error, waived: false, count: 2),
            FindingRecord(ruleID: "risk.has_owner", projectID: "P2", severity: .error, waived: true, count: 1),
        ]
        #expect(HistorySnapshot.findingRecords(results) == expected)
        let m = Fixture.metrics(p)
        let s = HistorySnapshot.make(
            period: Fixture.period, version: "9.9.9", metrics: m, portfolio: p, findings: results, inputs: [],
            packFiles: [], metricsJSON: "")
        #expect(s.findings == expected)
    }

    @Test func theSnapshotRoundTripsThroughTheStore() throws {
        let dir = try TemporaryFolder()
        defer { dir.remove() }
        let store = try HistoryStore(path: dir.url.appendingPathComponent("govpack.db").path)
        let s = Fixture.snapshot(findings: [
            FindingRecord(ruleID: "risk.has_owner", projectID: "P1", severity: .error, count: 2)
        ])
        try store.record(s)
        #expect(try store.snapshot(Fixture.period) == s)
        let runs = try store.runs()
        #expect(runs.count == 1)
        #expect(runs.first?.projects == 3)
        #expect(runs.first?.findings == 2)
    }
}
