import Foundation
import GovPackCore
import GovPackMetrics
import GovPackPipeline
import GovPackTestSupport
import Testing

/// The sample organisation (SampleData/README.md lists what is planted in it, with figures
/// worked out by hand): validate finds exactly the planted defects, and the metrics show the
/// planted situations.
@Suite struct SampleDataTests {
    static let inputs = ["reference", "submissions/2026-11"].map { TestPaths.sampleData.appendingPathComponent($0).path }

    static let result: Validation.Result = {
        var options = Validation.Options()
        options.period = Period(year: 2026, month: 11)
        options.riskAppetite = [.resource: 300]
        return Validation(options: options).run(inputs)
    }()

    /// Severity, id, file below SampleData/, line, project: every error and warning, nothing else.
    static let planted: [String] = [
        "error rule.gate.reviewed_on_time submissions/2026-11/claims/stage_gates.csv:21 PRJ-004",
        "error rule.milestone.missed_has_forecast submissions/2026-11/data-analytics/milestones.csv:4 PRJ-025",
        "error rule.project.closed_has_lessons submissions/2026-11/data-analytics/projects.csv:6 PRJ-029",
        "warning rule.project.update_stale submissions/2026-11/infrastructure/projects.csv:5 PRJ-034",
        "warning rule.change.high_impact_training submissions/2026-11/policy-platform/change_impacts.csv:8 PRJ-010",
        "warning rule.dependency.late_not_green submissions/2026-11/policy-platform/dependencies.csv:2 PRJ-009",
        "error rule.project.watermelon submissions/2026-11/policy-platform/projects.csv:3 PRJ-008",
        "error rule.risk.escalated submissions/2026-11/policy-platform/risks.csv:22 PRJ-011",
        "error rule.project.large_budget_certified_manager submissions/2026-11/regulatory/projects.csv:3 PRJ-020",
        "error rule.risk.owner_and_plan submissions/2026-11/regulatory/risks.csv:16 PRJ-022",
        "error rule.gate.reviewed_on_time submissions/2026-11/regulatory/stage_gates.csv:17 PRJ-021",
    ]

    @Test func validateFindsExactlyThePlantedDefects() {
        let root = TestPaths.sampleData.path + "/"
        let found = Self.result.diagnostics.filter { $0.severity != .info }.map { d in
            let file = (d.location?.file ?? "-").replacingOccurrences(of: root, with: "")
            return "\(d.severity) \(d.id) \(file):\(d.location?.line ?? 0) \(d.projectID ?? "-")"
        }
        #expect(found == Self.planted)
    }

    @Test func everyTeamAndFormatIsRead() {
        let r = Self.result
        #expect(r.load.portfolio.projects.count == 36)
        #expect(r.load.rejected.isEmpty)
        let formats = Set(r.load.files.compactMap(\.format))
        #expect(formats == ["CSV", "govpack XML", "MSPDI"])
        // The XML team's projects and nested rows.
        #expect(r.load.portfolio.projects.filter { ["PRJ-013", "PRJ-018"].contains($0.projectID) }.count == 2)
        #expect(r.load.portfolio.dependencies.contains { $0.fromProjectID == "PRJ-013" && $0.toProjectID == "PRJ-035" })
        // PRJ-031's schedule comes only from its MSPDI export: milestone UID 7 "Wave 2 complete",
        // baseline 2026-11-27, forecast 2026-12-18 (README).
        let m7 = r.load.portfolio.milestones.first { $0.projectID == "PRJ-031" && $0.milestoneID == "M-7" }
        #expect(m7?.baselineDate.description == "2026-11-27")
        #expect(m7?.forecastDate?.description == "2026-12-18")
        #expect(r.load.portfolio.milestones.filter { $0.projectID == "PRJ-031" }.count == 4)
    }

    @Test func metricsShowThePlantedSituations() throws {
        let m = Self.result.metrics
        // Watermelon PRJ-008: PV 1,200,000, EV 900,000, AC 1,250,000 -> CPI 0.72, SPI 0.75, reported G.
        let p8 = try #require(m.projects.first { $0.projectID == "PRJ-008" })
        #expect(p8.evm.pv == 1_200_000 && p8.evm.ev == 900_000 && p8.evm.ac == 1_250_000)
        #expect(p8.evm.cpi == 0.72)
        #expect(p8.evm.spi == 0.75)
        #expect(p8.ragReported == .green && p8.ragDerived == .red && p8.watermelon)
        #expect(m.projects.filter(\.watermelon).map(\.projectID) == ["PRJ-008"])
        // Over-allocated P-042: 80 + 60 + 40 = 180 planned hours against 140, on three projects.
        let over = m.people.filter(\.overAllocated)
        #expect(over.map(\.personID) == ["P-042"])
        #expect(over.first?.plannedHours == 180)
        #expect(over.first?.projects == 3)
        #expect(m.portfolio.resourceConflicts == 1)
        // Resource risks: open exposure 6x9 + 16x12 + 7x16 = 358, over an appetite of 300.
        let resource = try #require(m.riskCategories.first { $0.category == .resource })
        #expect(resource.exposure == 358)
        #expect(resource.breach)
        #expect(m.portfolio.risks.exposure == 908)
        // Benefit PRJ-005 B-1: baseline 0, target 1,200,000, latest 480,000 -> 40%.
        let b1 = try #require(m.benefits.first { $0.projectID == "PRJ-005" && $0.benefitID == "B-1" })
        #expect(b1.realisationPct == 40)
        #expect(b1.shortfall)
        // MSPDI earned value of PRJ-031 (in hundredths in the file): BCWS 1,190,000, BCWP 1,131,000, ACWP 1,175,000.
        let p31 = try #require(m.projects.first { $0.projectID == "PRJ-031" })
        #expect(p31.evm.pv == 1_190_000 && p31.evm.ev == 1_131_000 && p31.evm.ac == 1_175_000)
        // Missed gate: PRJ-021 G3 planned 2026-10-14 and never reviewed (PRJ-004 G1 was reviewed 28 days late).
        #expect(m.portfolio.gates.gatesOverdue == 1)
        #expect(m.projects.first { $0.projectID == "PRJ-021" }?.gates.gatesOverdue == 1)
        #expect(m.projects.first { $0.projectID == "PRJ-004" }?.gates.compliancePct == 50)
        // Compliance from the rules: PRJ-008 failed one error-rule check.
        #expect(p8.errors == 1)
        #expect((p8.complianceScore ?? 100) < 100)
    }

    @Test func theMetricsJSONIsTheSameOnEveryRun() {
        var options = Validation.Options()
        options.period = Period(year: 2026, month: 11)
        let a = MetricsJSON.encode(Validation(options: options).run(Self.inputs).metrics)
        let b = MetricsJSON.encode(Validation(options: options).run(Self.inputs.reversed()).metrics)
        #expect(a == b)
    }
}
