import Foundation
import CEL
import GovPackCore

/// A rule compiled once: its expressions checked against the scope's schema and ready to run.
struct CompiledRule {
    let rule: Rule
    let when: CELProgram?
    let assert: CELProgram
    let message: [MessagePart]
    let env: CELEnvironment

    enum MessagePart {
        case text(String)
        case expression(CELProgram)
    }
}

/// One failed check.
public struct RuleFinding: Sendable {
    public var rule: Rule
    public var location: SourceLocation?
    public var projectID: String?
    /// The row's key as written, e.g. `PRJ-014 / R-3`.
    public var rowKey: String
    public var message: String
    /// The waiver that covers it, when one does.
    public var waiver: Waiver?
}

/// Per project: how many error-rule checks applied and failed.
public struct ComplianceFigures: Sendable, Hashable {
    public var applicable: Int = 0
    public var failed: Int = 0
    public var waived: Int = 0
    public var warnings: Int = 0

    /// 100 x (1 - failed / applicable); nil when no error rule applied.
    public var score: Double? {
        applicable == 0 ? nil : 100.0 * (1.0 - Double(failed) / Double(applicable))
    }
}

/// What running the rules produced.
public struct RuleResults: Sendable {
    public var findings: [RuleFinding] = []
    /// By project id, every project of the portfolio (zeros when nothing applied).
    public var compliance: [String: ComplianceFigures] = [:]
    /// By rule id: rows the rule applied to, and failures.
    public var checks: [String: (applicable: Int, failed: Int)] = [:]
}

/// Compiles rule packs and runs them over a portfolio.
public final class RuleEngine {
    public let rules: [Rule]
    let compiled: [CompiledRule]
    public let config: RuleConfig
    private let diagnostics: DiagnosticSink

    /// Compiles every rule; a rule whose expressions do not compile is reported (with a caret
    /// under the fault) and left out.
    public init(packs: [RulePack], config: RuleConfig = RuleConfig(), diagnostics: DiagnosticSink) {
        self.config = config
        self.diagnostics = diagnostics
        var out: [CompiledRule] = []
        for pack in packs {
            for rule in pack.rules {
                if let c = RuleCompiler.compile(rule, pack: pack, diagnostics: diagnostics) { out.append(c) }
            }
        }
        compiled = out
        rules = out.map(\.rule)
    }

    /// Runs every rule over the portfolio for `period`.
    public func run(
        _ portfolio: Portfolio, period: Period, figures: [String: ProjectFigures] = [:], waivers: [Waiver] = []
    ) -> RuleResults {
        let index = RuleIndex(portfolio: portfolio, period: period, figures: figures)
        var results = RuleResults()
        for p in portfolio.projects { results.compliance[p.projectID] = ComplianceFigures() }
        let matcher = WaiverMatcher(waivers: waivers, period: period)
        // Rules are independent: they run on every core, and their results are merged in the
        // pack's order, so the output is the same whatever the number of threads.
        var runs = [RuleRun?](repeating: nil, count: compiled.count)
        let config = self.config
        let diagnostics = self.diagnostics
        let compiled = self.compiled
        runs.withUnsafeMutableBufferPointer { slots in
            let out = UncheckedBuffer(slots)
            Parallel.forEach(compiled.count) { i in
                let c = compiled[i]
                var run = RuleRun(compiled: c, index: index, config: config, matcher: matcher, diagnostics: diagnostics)
                run.execute(portfolio)
                out.buffer[i] = run
            }
        }
        for case let run? in runs {
            let c = run.compiled
            results.findings += run.findings
            results.checks[c.rule.id] = (run.applicable, run.findings.count)
            for (project, figures) in run.perProject {
                var f = results.compliance[project] ?? ComplianceFigures()
                f.applicable += figures.applicable
                f.failed += figures.failed
                f.waived += figures.waived
                f.warnings += figures.warnings
                results.compliance[project] = f
            }
        }
        matcher.reportExpiredAndUnused(diagnostics: diagnostics)
        return results
    }

    /// The findings as diagnostics: waived ones as notes, warnings as errors under `strict`.
    public func diagnostics(for results: RuleResults) -> [Diagnostic] {
        results.findings.map { f in
            var severity = f.rule.severity
            if config.strict && severity == .warning { severity = .error }
            var message = f.message
            if let w = f.waiver {
                severity = .info
                message = "waived (approved by \(w.approvedBy) until \(w.expires)): " + message
            }
            return Diagnostic(
                id: f.rule.diagnosticID, severity: severity, message: message, location: f.location,
                hint: f.waiver == nil ? f.rule.rationale : f.waiver?.reason, projectID: f.projectID)
        }
    }
}

/// Lets each concurrent iteration write its own slot of a buffer.
private struct UncheckedBuffer<T>: @unchecked Sendable {
    let buffer: UnsafeMutableBufferPointer<T>
    init(_ b: UnsafeMutableBufferPointer<T>) { buffer = b }
}

/// One rule over one scope's rows.
private struct RuleRun {
    let compiled: CompiledRule
    let index: RuleIndex
    let matcher: WaiverMatcher
    let diagnostics: DiagnosticSink
    var activation: CELActivation
    let scopeSlot: Int
    var findings: [RuleFinding] = []
    var applicable = 0
    var perProject: [String: ComplianceFigures] = [:]
    var evaluationErrors = 0

    init(compiled: CompiledRule, index: RuleIndex, config: RuleConfig, matcher: WaiverMatcher, diagnostics: DiagnosticSink) {
        self.compiled = compiled
        self.index = index
        self.matcher = matcher
        self.diagnostics = diagnostics
        activation = RuleEnvironment.activation(compiled.env, index: index, config: config)
        scopeSlot = compiled.env.slot(of: compiled.rule.scope.name) ?? 0
    }

    /// Runs the rule over its scope's rows.
    mutating func execute(_ portfolio: Portfolio) {
        switch compiled.rule.scope {
        case .portfolio: self.portfolio()
        case .entity(let e):
            switch e {
            case .programs: rows(portfolio.programs)
            case .people: rows(portfolio.people)
            case .certifications: rows(portfolio.certifications)
            case .projects: rows(portfolio.projects)
            case .financials: rows(portfolio.financials)
            case .milestones: rows(portfolio.milestones)
            case .stageGates: rows(portfolio.stageGates)
            case .risks: rows(portfolio.risks)
            case .issues: rows(portfolio.issues)
            case .assignments: rows(portfolio.assignments)
            case .benefits: rows(portfolio.benefits)
            case .benefitMeasurements: rows(portfolio.benefitMeasurements)
            case .dependencies: rows(portfolio.dependencies)
            case .changeImpacts: rows(portfolio.changeImpacts)
            case .lessons: rows(portfolio.lessons)
            }
        }
    }

    mutating func rows<R: RuleRow>(_ rows: [R]) {
        let type = RuleSchema.shared.type(R.entity)
        let files = index.files
        for row in rows {
            activation.set(slot: scopeSlot, .object(type, EntityObject(row, index)))
            let projectID = row.owningProject
            switch check(projectID: projectID) {
            case .notApplicable, .passed: continue
            case .failed:
                // Location, key and message are built only for the rows that fail.
                fail(location: files.location(row.origin, element: R.entity.xmlElement), projectID: projectID,
                     rowKey: row.keyDescription)
            case .error(let what):
                evaluationError(what, files.location(row.origin, element: R.entity.xmlElement), projectID)
            }
        }
        reportErrorCount()
    }

    mutating func portfolio() {
        activation.set(slot: scopeSlot, .object(RuleSchema.shared.portfolioType, PortfolioObject(index)))
        switch check(projectID: nil) {
        case .notApplicable, .passed: break
        case .failed: fail(location: nil, projectID: nil, rowKey: "portfolio")
        case .error(let what): evaluationError(what, nil, nil)
        }
        reportErrorCount()
    }

    private enum Outcome {
        case notApplicable, passed, failed
        case error(String)
    }

    /// Evaluates `when` and `assert` on the row in the activation and counts the check.
    private mutating func check(projectID: String?) -> Outcome {
        if let when = compiled.when {
            switch when.evaluate(activation) {
            case .success(.bool(true)): break
            case .success(.bool(false)): return .notApplicable
            case .success(let v): return .error("'when' gave \(RuleText.describe(v)), not true or false")
            case .failure(let e): return .error("'when' failed: \(e.message)")
            }
        }
        let passed: Bool
        switch compiled.assert.evaluate(activation) {
        case .success(.bool(let b)): passed = b
        case .success(let v): return .error("'assert' gave \(RuleText.describe(v)), not true or false")
        case .failure(let e): return .error("'assert' failed: \(e.message)")
        }
        applicable += 1
        if let projectID, compiled.rule.severity == .error {
            perProject[projectID, default: ComplianceFigures()].applicable += 1
        }
        return passed ? .passed : .failed
    }

    private mutating func fail(location: SourceLocation?, projectID: String?, rowKey: String) {
        let rule = compiled.rule
        let waiver = matcher.match(rule: rule.id, projectID: projectID, rowKey: rowKey)
        if let projectID {
            if waiver != nil {
                perProject[projectID, default: ComplianceFigures()].waived += 1
            } else if rule.severity == .error {
                perProject[projectID, default: ComplianceFigures()].failed += 1
            } else if rule.severity == .warning {
                perProject[projectID, default: ComplianceFigures()].warnings += 1
            }
        }
        findings.append(RuleFinding(
            rule: rule, location: location, projectID: projectID, rowKey: rowKey,
            message: RuleText.message(compiled.message, activation), waiver: waiver))
    }

    private mutating func evaluationError(_ what: String, _ location: SourceLocation?, _ projectID: String?) {
        evaluationErrors += 1
        guard evaluationErrors <= 3 else { return }
        diagnostics.emit(
            "rules.evaluation_error", .warning, "rule '\(compiled.rule.id)' could not be checked here: \(what)",
            at: location, hint: "guard optional fields with has(...) in the rule's 'when'", projectID: projectID)
    }

    private func reportErrorCount() {
        guard evaluationErrors > 3 else { return }
        diagnostics.emit(
            "rules.evaluation_error", .warning,
            "rule '\(compiled.rule.id)' could not be checked on \(evaluationErrors) rows in all (3 shown)",
            at: compiled.rule.location)
    }
}

/// Message interpolation and value display.
enum RuleText {
    static func message(_ parts: [CompiledRule.MessagePart], _ activation: CELActivation) -> String {
        var s = ""
        for p in parts {
            switch p {
            case .text(let t): s += t
            case .expression(let e):
                switch e.evaluate(activation) {
                case .success(let v): s += describe(v)
                case .failure: s += "?"
                }
            }
        }
        return s
    }

    static func describe(_ v: CELValue) -> String {
        switch v {
        case .string(let s): return s
        case .int(let i): return String(i)
        case .uint(let u): return String(u)
        case .double(let d):
            if d == d.rounded() && abs(d) < 1e15 { return String(Int64(d)) }
            return String(format: "%.2f", d)
        case .bool(let b): return b ? "true" : "false"
        case .null: return "null"
        case .timestamp(let t): return Day(daysSinceEpoch: Int32(t.seconds / 86_400)).description
        case .list(let l): return "[" + l.map(describe).joined(separator: ", ") + "]"
        default: return "\(v)"
        }
    }
}
