import Foundation
import GovPackCore
import Testing

@testable import GovPackRules

@Suite struct RuleEngineTests {
    static let pack = """
        pack: t
        rules:
          - id: risk.owner
            title: Owner
            role: Risk Manager
            scope: risk
            when: risk.status == "open"
            assert: has(risk.owner)
            severity: error
            message: "risk {{risk.risk_id}} (score {{risk.score}}) has no owner"
          - id: risk.category
            title: Category
            role: Risk Manager
            scope: risk
            assert: has(risk.category)
            severity: warning
            message: "no category"
        """

    private func portfolio() -> Portfolio {
        var p = Portfolio()
        _ = p.files.add(path: "teams/a/risks.csv", isXML: false)
        for id in ["PRJ-1", "PRJ-2"] {
            var project = Project()
            project.projectID = id
            p.projects.append(project)
        }
        // PRJ-1: R-1 owned, R-2 not owned, R-3 closed (not applicable). PRJ-2: nothing.
        for (i, (id, owner, status)) in [("R-1", "P-1", OpenClosed.open), ("R-2", nil, .open), ("R-3", nil, .closed)].enumerated() {
            var r = Risk()
            r.projectID = "PRJ-1"
            r.riskID = id
            r.owner = owner
            r.status = status
            r.probability = 3
            r.impact = 4
            r.category = .technical
            r.origin = Origin(file: 0, line: UInt32(i + 2))
            p.risks.append(r)
        }
        return p
    }

    private func engine(_ sink: DiagnosticSink, strict: Bool = false) throws -> RuleEngine {
        let pack = try #require(RulePackLoader.parse(Self.pack, path: "t.yaml", diagnostics: sink))
        var config = RuleConfig()
        config.strict = strict
        return RuleEngine(packs: [pack], config: config, diagnostics: sink)
    }

    @Test func findingsCarryTheRowLocationAndInterpolatedMessage() throws {
        let sink = DiagnosticSink()
        let results = try engine(sink).run(portfolio(), period: Period("2026-11")!)
        #expect(results.findings.count == 1)
        let f = try #require(results.findings.first)
        #expect(f.rule.id == "risk.owner")
        #expect(f.message == "risk R-2 (score 12) has no owner")
        #expect(f.location == SourceLocation(file: "teams/a/risks.csv", line: 3, column: 1))
        #expect(f.projectID == "PRJ-1")
        #expect(f.rowKey == "PRJ-1 / R-2")
    }

    @Test func complianceScoreCountsErrorRulesOnly() throws {
        let sink = DiagnosticSink()
        let results = try engine(sink).run(portfolio(), period: Period("2026-11")!)
        // PRJ-1: risk.owner applies to the two open risks, one fails: 100 x (1 - 1/2) = 50.
        #expect(results.compliance["PRJ-1"] == ComplianceFigures(applicable: 2, failed: 1, waived: 0, warnings: 0))
        #expect(results.compliance["PRJ-1"]?.score == 50)
        // PRJ-2 has no rows any rule applies to: no score, not 100.
        #expect(results.compliance["PRJ-2"]?.score == nil)
        #expect(results.checks["risk.owner"]?.applicable == 2)
        #expect(results.checks["risk.category"]?.applicable == 3)
    }

    @Test func aCurrentWaiverWaivesAndAnExpiredOneWarns() throws {
        let waivers = WaiverLoader.parse(
            """
            waivers:
              - rule: risk.owner
                project: PRJ-1
                key: R-2
                reason: Owner joins in December
                approved_by: PMO Director
                expires: 2026-12-31
              - rule: rule.risk.owner
                project: PRJ-9
                reason: old
                approved_by: PMO Director
                expires: 2026-10-31
            """, path: "waivers.yaml", diagnostics: DiagnosticSink())
        #expect(waivers.count == 2)
        let sink = DiagnosticSink()
        let e = try engine(sink)
        let results = e.run(portfolio(), period: Period("2026-11")!, waivers: waivers)
        let f = try #require(results.findings.first)
        #expect(f.waiver?.approvedBy == "PMO Director")
        #expect(results.compliance["PRJ-1"]?.score == 100)
        let ds = e.diagnostics(for: results)
        #expect(ds.map(\.severity) == [.info])
        #expect(ds.first?.message.hasPrefix("waived (approved by PMO Director until 2026-12-31)") == true)
        let expired = try #require(sink.all.first { $0.id == "rules.waiver.expired" })
        #expect(expired.severity == .warning)
        #expect(expired.location == SourceLocation(file: "waivers.yaml", line: 8, column: 5))
    }

    @Test func strictTurnsWarningsIntoErrors() throws {
        var p = portfolio()
        p.risks[0].category = nil
        let sink = DiagnosticSink()
        let e = try engine(sink, strict: true)
        let ds = e.diagnostics(for: e.run(p, period: Period("2026-11")!))
        #expect(ds.map(\.id).sorted() == ["rule.risk.category", "rule.risk.owner"])
        #expect(ds.allSatisfy { $0.severity == .error })
    }

    @Test func aWrongExampleIsCaught() throws {
        let text = Self.pack + """

                examples:
                  pass:
                    - risk: {risk_id: R-1, status: open}
            """
        let pack = try #require(RulePackLoader.parse(text, path: "t.yaml", diagnostics: DiagnosticSink()))
        let outcomes = RuleExamples.run(pack)
        #expect(outcomes.count == 1)
        #expect(outcomes.first?.problem?.hasPrefix("expected no failure, but the rule failed") == true)
    }
}
