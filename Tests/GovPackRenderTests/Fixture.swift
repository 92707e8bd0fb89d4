import Foundation
import GovPackCore
import GovPackMetrics
import GovPackRender

/// A small hand-made portfolio for the golden files: two programmes, four projects (one of them
/// named to try to break HTML and Markdown), and at least one row in every list a pack shows,
/// so that rendering every pack checks every name every shipped template uses.
enum Fixture {
    static let hostile = "<script>alert(1)</script> | x"

    static func day(_ s: String) -> Day { Day(s) ?? Day(daysSinceEpoch: 0) }
    static func period(_ s: String) -> Period { Period(s) ?? Period(index: 0) }
    static func dec(_ s: String) -> Decimal { Decimal(string: s) ?? 0 }

    static func portfolio() -> Portfolio {
        var pf = Portfolio()
        for (id, name, manager) in [("PGM-1", "Claims", "P-1"), ("PGM-2", "Digital", "P-2")] {
            var g = Program()
            g.programID = id
            g.name = name
            g.manager = manager
            g.sponsor = "P-4"
            g.objective = "Deliver \(name.lowercased()) change"
            pf.programs.append(g)
        }
        for (id, name, skills, cap) in [("P-1", "Zoë Núñez", "pm;analysis", "140"), ("P-2", "Ciarán Smith", "pm", "140"),
                                        ("P-3", "Ann Lee", "dev", "100"), ("P-4", "Bo Chan", "sponsor", "140")] {
            var p = Person()
            p.personID = id
            p.name = name
            p.skills = skills
            p.department = "Change"
            p.capacityHours = dec(cap)
            pf.people.append(p)
        }
        var cert = Certification()
        cert.personID = "P-1"
        cert.certification = "PMP"
        cert.obtainedDate = day("2024-01-10")
        cert.expiryDate = day("2027-01-31")
        pf.certifications.append(cert)
        cert.personID = "P-2"
        cert.certification = "PRINCE2 Practitioner"
        cert.expiryDate = day("2026-08-31")
        pf.certifications.append(cert)

        func project(_ id: String, _ name: String, _ program: String, _ stage: Stage, _ rag: RAG,
                     budget: String, score: Int, manager: String, updated: String) -> Project {
            var p = Project()
            p.projectID = id
            p.name = name
            p.programID = program
            p.stage = stage
            p.ragOverall = rag
            p.budget = dec(budget)
            p.currency = "GBP"
            p.strategicScore = score
            p.priority = score / 2
            p.manager = manager
            p.sponsor = "P-4"
            p.startDate = day("2026-08-01")
            p.baselineEndDate = day("2027-06-30")
            p.forecastEndDate = day("2027-07-31")
            p.lastUpdated = day(updated)
            p.percentComplete = dec("40")
            p.statusSummary = "Build under way, testing from January"
            return p
        }
        pf.projects = [
            project("PRJ-001", "Claims portal", "PGM-1", .execution, .green, budget: "1200000", score: 8, manager: "P-1", updated: "2026-11-20"),
            project("PRJ-002", hostile, "PGM-1", .execution, .amber, budget: "300000.5", score: 5, manager: "P-2", updated: "2026-10-01"),
            project("PRJ-003", "Mobile app", "PGM-2", .planning, .green, budget: "450000", score: 6, manager: "P-2", updated: "2026-11-25"),
            project("PRJ-004", "Legacy exit", "PGM-2", .closed, .green, budget: "200000", score: 3, manager: "P-1", updated: "2026-11-02"),
        ]
        // Financials: PRJ-001 is a watermelon (reported G, CPI 0.75); PRJ-002 on plan.
        func fin(_ id: String, _ p: String, _ pv: String, _ ev: String, _ ac: String) {
            var f = Financial()
            f.projectID = id
            f.period = period(p)
            f.plannedValue = dec(pv)
            f.earnedValue = dec(ev)
            f.actualCost = dec(ac)
            pf.financials.append(f)
        }
        fin("PRJ-001", "2026-09", "100000", "80000", "100000")
        fin("PRJ-001", "2026-10", "100000", "70000", "100000")
        fin("PRJ-001", "2026-11", "100000", "75000", "100000")
        fin("PRJ-002", "2026-10", "50000", "50000", "48000.25")
        fin("PRJ-002", "2026-11", "50000", "50000", "52000")
        fin("PRJ-003", "2026-11", "10000", "9500", "10000")
        fin("PRJ-004", "2026-09", "200000", "200000", "190000")

        func milestone(_ pid: String, _ id: String, _ name: String, _ base: String, _ fc: String?, _ act: String?, _ st: MilestoneStatus) {
            var m = Milestone()
            m.projectID = pid
            m.milestoneID = id
            m.name = name
            m.baselineDate = day(base)
            m.forecastDate = fc.map(day)
            m.actualDate = act.map(day)
            m.status = st
            pf.milestones.append(m)
        }
        milestone("PRJ-001", "M-1", "Design signed off", "2026-09-30", nil, "2026-10-05", .complete)
        milestone("PRJ-001", "M-2", "Build complete", "2026-12-15", "2027-01-20", nil, .inProgress)
        milestone("PRJ-002", "M-1", "Supplier chosen", "2026-10-31", nil, nil, .missed)
        milestone("PRJ-003", "M-1", "Plan approved", "2026-12-10", "2026-12-10", nil, .notStarted)

        func gate(_ pid: String, _ g: Gate, _ planned: String, _ review: String?, _ d: GateDecision?) {
            var x = StageGate()
            x.projectID = pid
            x.gate = g
            x.plannedDate = day(planned)
            x.reviewDate = review.map(day)
            x.decision = d
            pf.stageGates.append(x)
        }
        gate("PRJ-001", .g2, "2026-09-01", "2026-09-03", .approved)
        gate("PRJ-002", .g2, "2026-10-01", nil, nil)
        gate("PRJ-003", .g1, "2026-09-15", "2026-10-30", .conditional)

        func risk(_ pid: String, _ id: String, _ title: String, _ cat: RiskCategory, _ p: Int, _ i: Int,
                  owner: String?, escalated: Bool, raised: String) {
            var r = Risk()
            r.projectID = pid
            r.riskID = id
            r.title = title
            r.category = cat
            r.probability = p
            r.impact = i
            r.owner = owner
            r.escalated = escalated
            r.raisedDate = day(raised)
            r.response = .mitigate
            pf.risks.append(r)
        }
        risk("PRJ-001", "R-1", "Key supplier insolvency", .external, 4, 5, owner: "P-1", escalated: false, raised: "2026-06-01")
        risk("PRJ-001", "R-2", "Test environment late", .technical, 3, 3, owner: "P-3", escalated: false, raised: "2026-11-01")
        risk("PRJ-002", "R-1", "Regulator changes *rules*", .compliance, 3, 4, owner: nil, escalated: false, raised: "2026-10-10")
        risk("PRJ-003", "R-1", "Skills shortage", .resource, 5, 4, owner: "P-2", escalated: true, raised: "2026-11-05")

        var issue = Issue()
        issue.projectID = "PRJ-001"
        issue.issueID = "I-1"
        issue.title = "Data migration defects"
        issue.priority = .high
        issue.owner = "P-3"
        issue.dueDate = day("2026-11-15")
        issue.status = .open
        pf.issues.append(issue)

        var dep = Dependency()
        dep.fromProjectID = "PRJ-001"
        dep.toProjectID = "PRJ-003"
        dep.description = "Customer API"
        dep.neededBy = day("2026-11-01")
        dep.status = .late
        pf.dependencies.append(dep)

        var b = Benefit()
        b.projectID = "PRJ-004"
        b.benefitID = "B-1"
        b.description = "Licence savings"
        b.category = .financial
        b.baselineValue = 0
        b.targetValue = dec("100000")
        b.targetDate = day("2026-10-31")
        pf.benefits.append(b)
        b.projectID = "PRJ-001"
        b.description = "Faster claims"
        b.category = .customer
        b.targetValue = dec("50")
        b.targetDate = day("2027-09-30")
        pf.benefits.append(b)
        var bm = BenefitMeasurement()
        bm.projectID = "PRJ-004"
        bm.benefitID = "B-1"
        bm.measuredOn = day("2026-10-31")
        bm.actualValue = dec("40000")
        pf.benefitMeasurements.append(bm)
        bm.projectID = "PRJ-001"
        bm.measuredOn = day("2026-11-30")
        bm.actualValue = dec("10")
        pf.benefitMeasurements.append(bm)

        var ci = ChangeImpact()
        ci.projectID = "PRJ-001"
        ci.stakeholderGroup = "Claims handlers"
        ci.impactLevel = .high
        ci.trainingCompletion = 0
        ci.adoptionTarget = 90
        ci.adoptionActual = 15
        ci.measuredOn = day("2026-11-18")
        pf.changeImpacts.append(ci)

        var l = Lesson()
        l.projectID = "PRJ-004"
        l.lessonID = "L-1"
        l.category = "supplier"
        l.description = "Agree exit terms early"
        l.recommendation = "Add exit clauses"
        l.recordedOn = day("2026-10-20")
        pf.lessons.append(l)

        func assign(_ pid: String, _ person: String, _ p: String, _ h: String) {
            var a = Assignment()
            a.projectID = pid
            a.personID = person
            a.period = period(p)
            a.plannedHours = dec(h)
            a.actualHours = dec(h)
            pf.assignments.append(a)
        }
        assign("PRJ-001", "P-3", "2026-11", "80")
        assign("PRJ-003", "P-3", "2026-11", "50")
        assign("PRJ-001", "P-3", "2026-12", "60")
        assign("PRJ-002", "P-2", "2026-11", "100")
        assign("PRJ-003", "P-1", "2026-12", "40")
        return pf
    }

    static func input() -> RenderInput {
        let pf = portfolio()
        var config = MetricsConfig(period: period("2026-11"))
        config.riskAppetite = [.external: 10, .resource: 30]
        var metrics = PortfolioMetrics.compute(pf, config: config)
        metrics.applyCompliance([
            "PRJ-001": ProjectCompliance(score: 87.5, errors: 1, warnings: 1),
            "PRJ-002": ProjectCompliance(score: 75, errors: 2, warnings: 0),
            "PRJ-003": ProjectCompliance(score: 100, errors: 0, warnings: 0),
        ])
        let findings = [
            Diagnostic(id: "rule.risk.owner_missing", severity: .error, message: "Open risk R-1 has no owner",
                       location: SourceLocation(file: "teams/claims/risks.csv", line: 4, column: 1), projectID: "PRJ-002"),
            Diagnostic(id: "rule.risk.escalation", severity: .error, message: "Risk R-1 scores 20 and is not escalated",
                       location: SourceLocation(file: "teams/claims/risks.csv", line: 2, column: 1), projectID: "PRJ-001"),
            Diagnostic(id: "rule.gate.not_held", severity: .error, message: "Gate G2 planned 1 Oct 2026 was not held",
                       location: SourceLocation(file: "teams/claims/stage_gates.csv", line: 3, column: 1), projectID: "PRJ-002"),
            Diagnostic(id: "rule.status.stale", severity: .warning, message: "Manager field reads \"<b>TBC</b> | x\"",
                       location: nil, projectID: "PRJ-001"),
        ]
        let waivers = [
            WaiverInfo(rule: "risk.escalated", project: "PRJ-001", key: "R-1", reason: "Escalated by phone | <CRO>",
                       approvedBy: "PMO Director", expires: day("2026-12-15"), waivedFindings: 1),
            WaiverInfo(rule: "gate.reviewed_on_time", project: nil, key: nil, reason: "Gate calendar reset",
                       approvedBy: "Governance Board", expires: day("2026-10-31"), waivedFindings: 0),
        ]
        return RenderInput(portfolio: pf, metrics: metrics, findings: findings, period: period("2026-11"),
                           generatedBy: "govpack 0.1.0", waivers: waivers)
    }

    /// `input()` with two earlier periods (September and October 2026) and the monthly run's
    /// submission status. Against October: PRJ-001 went Green to Red, PRJ-002 Green to Amber,
    /// PRJ-003 Amber to Green; PRJ-001's R-1 was re-scored 12 to 20, R-2 is new, R-3 (score 6)
    /// left the register; PRJ-001's M-2 was forecast for 6 Jan 2027 and is now 20 Jan 2027
    /// (+14 days), PRJ-003's M-1 moved earlier (20 to 10 Dec). Team payments is missing,
    /// digital quarantined; PRJ-005 (PGM-1) and PRJ-006 (PGM-2) are not reported.
    static func inputWithHistory() -> RenderInput {
        var input = input()
        typealias P = HistoryPoint.ProjectPoint
        let september = HistoryPoint(
            period: period("2026-09"), rag: .green, cpi: 0.95, spi: 0.9, riskExposure: 20, complianceScore: 80,
            benefitRealisationPct: 10,
            projects: [
                "PRJ-001": P(ragDerived: .green, ragReported: .green, cpi: 0.8, spi: 0.8, complianceScore: 100, stage: .execution, endSlipDays: 0),
                "PRJ-002": P(ragDerived: .green, ragReported: .green, cpi: nil, spi: nil, complianceScore: 75, stage: .planning, endSlipDays: nil),
                "PRJ-003": P(ragDerived: .amber, ragReported: .amber, cpi: nil, spi: nil, complianceScore: nil, stage: .planning, endSlipDays: nil),
            ],
            programs: ["PGM-1": .init(rag: .green, cpi: 0.8, spi: 0.8, exposure: 12)])
        let october = HistoryPoint(
            period: period("2026-10"), rag: .amber, cpi: 0.9, spi: 0.8, riskExposure: 30, complianceScore: 90,
            benefitRealisationPct: 25,
            projects: [
                "PRJ-001": P(ragDerived: .green, ragReported: .green, cpi: 0.9, spi: 0.85, complianceScore: 100, stage: .execution, endSlipDays: 0),
                "PRJ-002": P(ragDerived: .green, ragReported: .green, cpi: 1.0, spi: 1.0, complianceScore: 75, stage: .execution, endSlipDays: 31),
                "PRJ-003": P(ragDerived: .amber, ragReported: .amber, cpi: 0.85, spi: 0.9, complianceScore: 90, stage: .planning, endSlipDays: 31),
                "PRJ-004": P(ragDerived: .green, ragReported: .green, cpi: 1.05, spi: 1.0, complianceScore: nil, stage: .closed, endSlipDays: 31),
            ],
            programs: [
                "PGM-1": .init(rag: .amber, cpi: 0.92, spi: 0.88, exposure: 25),
                "PGM-2": .init(rag: .green, cpi: 0.85, spi: 0.9, exposure: 20),
            ],
            risks: [
                "PRJ-001/R-1": .init(score: 12, status: .open, title: "Key supplier insolvency"),
                "PRJ-001/R-3": .init(score: 6, status: .open, title: "Data centre move"),
                "PRJ-002/R-1": .init(score: 12, status: .open, title: "Regulator changes *rules*"),
                "PRJ-003/R-1": .init(score: 20, status: .open, title: "Skills shortage"),
            ],
            milestones: [
                "PRJ-001/M-1": .init(forecastDate: nil, actualDate: day("2026-10-05"), baselineDate: day("2026-09-30")),
                "PRJ-001/M-2": .init(forecastDate: day("2027-01-06"), actualDate: nil, baselineDate: day("2026-12-15")),
                "PRJ-003/M-1": .init(forecastDate: day("2026-12-20"), actualDate: nil, baselineDate: day("2026-12-10")),
            ],
            benefits: ["PRJ-004/B-1": Double?.some(30), "PRJ-001/B-1": Double?.none])
        input.history = [september, october]
        input.submissions = SubmissionStatus(
            teams: [
                TeamStatus(name: "claims", state: .submitted, due: day("2026-12-05"), files: 9),
                TeamStatus(name: "payments", state: .missing, due: day("2026-12-05")),
                TeamStatus(name: "digital", state: .quarantined, due: day("2026-12-05"), files: 3,
                           reasons: ["submissions/2026-11/digital/risks.csv:4: unterminated quote <in> | field"]),
            ],
            notReported: [
                NotReportedProject(projectID: "PRJ-006", name: nil, programID: "PGM-2", team: "digital"),
                NotReportedProject(projectID: "PRJ-005", name: "Payments hub", programID: "PGM-1", team: "payments",
                                   lastPeriod: period("2026-10"), lastRAG: .amber),
            ])
        return input
    }
}
