import Foundation
import GovPackCore
import Testing

@testable import GovPackRules

@Suite struct DefaultPackTests {
    static let pack: RulePack? = {
        let sink = DiagnosticSink()
        let p = RulePackLoader.loadDefault(diagnostics: sink)
        for d in sink.all { print(d.formatted) }
        return p
    }()

    @Test func theDefaultPackLoadsCleanly() throws {
        let sink = DiagnosticSink()
        let pack = try #require(RulePackLoader.loadDefault(diagnostics: sink))
        #expect(sink.all.map(\.formatted) == [])
        #expect(pack.rules.count >= 30)
        let engine = RuleEngine(packs: [pack], diagnostics: sink)
        #expect(engine.rules.count == pack.rules.count, "every rule compiles: \(sink.all.map(\.formatted))")
    }

    @Test func everyRuleHasPassingAndFailingExamples() throws {
        let pack = try #require(Self.pack)
        for rule in pack.rules {
            #expect(!rule.passExamples.isEmpty, "\(rule.id) has no passing example")
            #expect(!rule.failExamples.isEmpty, "\(rule.id) has no failing example")
        }
    }

    @Test func everyRoleOwnsAtLeastOneRule() throws {
        let pack = try #require(Self.pack)
        let owned = Set(pack.rules.map(\.role))
        // The PMO Director and Portfolio Manager own rules too; every role has a say.
        for role in PMORole.allCases { #expect(owned.contains(role), "no rule for \(role.rawValue)") }
    }

    /// The generated test: every example of every rule behaves as written.
    @Test(arguments: RuleExamples.run(DefaultPackTests.pack ?? RulePack(id: "", title: "", path: "", rules: [], source: "")))
    func example(_ outcome: RuleExamples.Outcome) {
        #expect(outcome.problem == nil, "\(outcome)")
    }
}

@Suite struct RulePackLoaderTests {
    static let goodRule = """
        pack: test
        rules:
          - id: risk.owner
            title: Owner
            role: Risk Manager
            scope: risk
            assert: has(risk.owner)
            severity: error
            message: "risk {{risk.risk_id}} has no owner"
        """

    @Test func aMisspeltFieldFailsToLoadWithACaretUnderIt() throws {
        let text = """
            pack: test
            rules:
              - id: project.big
                title: Big
                role: PMO Director
                scope: project
                assert: 'project.budgte > 1000000.0'
                severity: warning
                message: "big"
            """
        let sink = DiagnosticSink()
        let pack = try #require(RulePackLoader.parse(text, path: "packs/test.yaml", diagnostics: sink))
        let engine = RuleEngine(packs: [pack], diagnostics: sink)
        #expect(engine.rules.isEmpty)
        let d = try #require(sink.all.first)
        #expect(d.id == "rules.pack.cel")
        #expect(d.severity == .error)
        // `project.budgte` starts at column 14 of line 7 (after `    assert: '`); the bad name at 22.
        #expect(d.location == SourceLocation(file: "packs/test.yaml", line: 7, column: 22))
        #expect(d.message.contains("budgte"))
        #expect(d.excerpt == "        assert: 'project.budgte > 1000000.0'\n                         ^")
    }

    @Test func anErrorInABlockScalarPointsAtItsLine() throws {
        let text = """
            rules:
              - id: risk.x
                title: X
                role: Risk Manager
                scope: risk
                assert: |
                  risk.status == "open" &&
                    risk.scroe > 3
                severity: error
                message: x
            """
        let sink = DiagnosticSink()
        let pack = try #require(RulePackLoader.parse(text, path: "p.yaml", diagnostics: sink))
        _ = RuleEngine(packs: [pack], diagnostics: sink)
        let d = try #require(sink.all.first)
        #expect(d.id == "rules.pack.cel")
        // Line 8 is `        risk.scroe > 3`: the misspelt name starts at column 14.
        #expect(d.location?.line == 8)
        #expect(d.location?.column == 14)
    }

    static let badPacks: [(String, String, String, Int, Int)] = [
        ("unknown key", goodRule.replacingOccurrences(of: "    severity: error", with: "    severty: error"),
         "rules.pack.unknown_key", 8, 5),
        ("unknown role", goodRule.replacingOccurrences(of: "Risk Manager", with: "Risk Boss"), "rules.pack.unknown_role", 5, 11),
        ("unknown scope", goodRule.replacingOccurrences(of: "scope: risk", with: "scope: risks"), "rules.pack.unknown_scope", 6, 12),
        ("bad severity", goodRule.replacingOccurrences(of: "severity: error", with: "severity: fatal"), "rules.pack.type", 8, 15),
        ("yaml syntax", goodRule.replacingOccurrences(of: "title: Owner", with: "title: [Owner"), "rules.pack.yaml", 5, 9),  // the colon of `role:` inside the unclosed flow list
    ]

    @Test(arguments: badPacks)
    func reportsPackErrorsWithPositions(_ name: String, _ text: String, _ id: String, _ line: Int, _ column: Int) throws {
        let sink = DiagnosticSink()
        let pack = RulePackLoader.parse(text, path: "p.yaml", diagnostics: sink)
        #expect(pack?.rules.isEmpty ?? true, "\(name): the bad rule is left out")
        let d = try #require(sink.all.first { $0.id == id }, "\(name): \(sink.all.map(\.formatted))")
        #expect(d.location?.line == line, "\(name)")
        #expect(d.location?.column == column, "\(name)")
    }

    @Test func aMisspeltKeySuggestsTheRightOne() throws {
        let sink = DiagnosticSink()
        _ = RulePackLoader.parse(
            Self.goodRule.replacingOccurrences(of: "    severity: error", with: "    severty: error"), path: "p.yaml",
            diagnostics: sink)
        let d = try #require(sink.all.first { $0.id == "rules.pack.unknown_key" })
        #expect(d.hint?.hasPrefix("did you mean 'severity'?") == true)
    }
}
