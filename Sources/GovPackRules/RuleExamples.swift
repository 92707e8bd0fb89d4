import Foundation
import GovPackCore

/// Runs the examples written beside each rule: every `pass` example must give no finding of
/// that rule, every `fail` example at least one. This is how a rule added to a pack is tested
/// with no new test code.
public enum RuleExamples {
    public struct Outcome: Sendable, CustomStringConvertible {
        public var ruleID: String
        public var expectedToFail: Bool
        public var location: SourceLocation
        /// Nil when the example behaved as written; otherwise what went wrong.
        public var problem: String?
        public var description: String {
            "\(location): \(ruleID) \(expectedToFail ? "fail" : "pass") example: \(problem ?? "ok")"
        }
    }

    public static let defaultPeriod = Period(year: 2026, month: 11)!

    /// Every example of every rule of the pack.
    public static func run(_ pack: RulePack, config: RuleConfig = RuleConfig()) -> [Outcome] {
        var out: [Outcome] = []
        for rule in pack.rules {
            let sink = DiagnosticSink()
            let engine = RuleEngine(
                packs: [RulePack(id: pack.id, title: pack.title, path: pack.path, rules: [rule], source: pack.source)],
                config: config, diagnostics: sink)
            guard !engine.rules.isEmpty else {
                out.append(Outcome(
                    ruleID: rule.id, expectedToFail: false, location: rule.location,
                    problem: "the rule does not compile: " + sink.all.map(\.message).joined(separator: "; ")))
                continue
            }
            for (examples, fails) in [(rule.passExamples, false), (rule.failExamples, true)] {
                for ex in examples {
                    out.append(check(ex, rule: rule, pack: pack, config: config, expectFailure: fails))
                }
            }
        }
        return out
    }

    static func check(_ ex: RuleExample, rule: Rule, pack: RulePack, config: RuleConfig, expectFailure: Bool) -> Outcome {
        var outcome = Outcome(ruleID: rule.id, expectedToFail: expectFailure, location: ex.location)
        let build = ExamplePortfolio.build(ex, scope: rule.scope)
        if let problem = build.problem {
            outcome.problem = problem
            return outcome
        }
        let period = ex.period.flatMap(Period.init) ?? defaultPeriod
        let sink = DiagnosticSink()
        let engine = RuleEngine(
            packs: [RulePack(id: pack.id, title: pack.title, path: pack.path, rules: [rule], source: pack.source)],
            config: config, diagnostics: sink)
        let results = engine.run(build.portfolio, period: period, figures: build.figures)
        let evalErrors = sink.all.filter { $0.id == "rules.evaluation_error" }
        let failed = results.findings.contains { $0.rule.id == rule.id }
        let applied = (results.checks[rule.id]?.applicable ?? 0) > 0
        if !evalErrors.isEmpty {
            outcome.problem = "evaluation error: " + evalErrors[0].message
        } else if expectFailure && !failed {
            outcome.problem = applied ? "expected a failure, but the rule passed" : "expected a failure, but the rule did not apply ('when' was false)"
        } else if !expectFailure && failed {
            outcome.problem = "expected no failure, but the rule failed: " + (results.findings.first?.message ?? "")
        }
        return outcome
    }
}

/// Builds a small portfolio from an example's rows: values are parsed with the contract's rules;
/// rows that name no project belong to `PRJ-1`.
enum ExamplePortfolio {
    static let defaultProject = "PRJ-1"

    static func build(_ ex: RuleExample, scope: RuleScope) -> (portfolio: Portfolio, figures: [String: ProjectFigures], problem: String?) {
        var p = Portfolio()
        let file = p.files.add(path: ex.location.file, isXML: false)
        var problem: String?
        func rows<R: EntityRow>(_ key: String, _: R.Type) -> [R] {
            let entity = R.entity
            let maps = (ex.rows[entity.rawValue] ?? []) + (ex.rows[entity.xmlElement] ?? [])
            return maps.map { m in
                var r = R()
                r.origin = Origin(file: file, line: UInt32(ex.location.line), column: UInt32(ex.location.column))
                for c in R.columns where c.name == "project_id" || c.name == "from_project_id" {
                    c.set(&r, .text(defaultProject))
                }
                for (name, text) in m.sorted(by: { $0.key < $1.key }) {
                    guard let c = R.columns.first(where: { $0.name == name }) else {
                        problem = "'\(name)' is not a column of \(entity.rawValue)"
                        continue
                    }
                    switch FieldParser.parse(text, as: c.type, range: c.range) {
                    case .success(let v): c.set(&r, v)
                    case .failure: problem = "'\(name)' = '\(text)' is not a valid \(c.type.name)"
                    }
                }
                return r
            }
        }
        p.programs = rows("programs", Program.self)
        p.people = rows("people", Person.self)
        p.certifications = rows("certifications", Certification.self)
        p.projects = rows("projects", Project.self)
        p.financials = rows("financials", Financial.self)
        p.milestones = rows("milestones", Milestone.self)
        p.stageGates = rows("stage_gates", StageGate.self)
        p.risks = rows("risks", Risk.self)
        p.issues = rows("issues", Issue.self)
        p.assignments = rows("assignments", Assignment.self)
        p.benefits = rows("benefits", Benefit.self)
        p.benefitMeasurements = rows("benefit_measurements", BenefitMeasurement.self)
        p.dependencies = rows("dependencies", Dependency.self)
        p.changeImpacts = rows("change_impacts", ChangeImpact.self)
        p.lessons = rows("lessons", Lesson.self)
        if p.projects.isEmpty {
            var project = Project()
            project.projectID = defaultProject
            project.origin = Origin(file: file, line: UInt32(ex.location.line))
            p.projects = [project]
        }
        var figures: [String: ProjectFigures] = [:]
        if !ex.figures.isEmpty {
            func number(_ k: String) -> Double? { ex.figures[k].flatMap(Double.init) }
            for k in ex.figures.keys where !["pv", "ev", "ac", "cpi", "spi", "eac", "vac", "team_eac"].contains(k) {
                problem = "'\(k)' is not a figure (pv, ev, ac, cpi, spi, eac, vac, team_eac)"
            }
            let f = ProjectFigures(
                pv: Decimal(number("pv") ?? 0), ev: Decimal(number("ev") ?? 0), ac: Decimal(number("ac") ?? 0),
                bac: p.projects[0].budget, cpi: number("cpi"), spi: number("spi"), eac: number("eac"),
                vac: number("vac"), teamEAC: number("team_eac").map { Decimal($0) })
            figures[p.projects[0].projectID] = f
        }
        return (p, figures, problem)
    }
}
