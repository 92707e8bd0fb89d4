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

    mutating func add(_ other: ComplianceFigures) {
        applicable += other.applicable
        failed += other.failed
        waived += other.waived
        warnings += other.warnings
    }

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

    /// Rows per piece of work: a rule over a big scope (millions of assignments) is cut into
    /// pieces of this many rows so that every core shares it; small enough to balance two cores,
    /// big enough that a piece's set-up (an activation, a row holder) does not show.
    static let rowsPerTask = 32_768

    /// Runs every rule over the portfolio for `period`.
    public func run(
        _ portfolio: Portfolio, period: Period, figures: [String: ProjectFigures] = [:], waivers: [Waiver] = []
    ) -> RuleResults {
        let index = RuleIndex(portfolio: portfolio, period: period, figures: figures)
        var results = RuleResults()
        // Figures by project position (`RuleIndex.projectByID`), turned into the dictionary at
        // the end: the pieces find each project's position, so merging them hashes nothing.
        var compliance = Array(repeating: ComplianceFigures(), count: portfolio.projects.count)
        var otherProjects: [String: ComplianceFigures] = [:]  // rows naming no known project
        let matcher = WaiverMatcher(waivers: waivers, period: period)
        // Rules are independent, and so are the rows of one rule: the work is cut into pieces
        // (a rule over a range of its scope's rows), run on every core, and merged in the pack's
        // order and then the rows' order, so the output is the same whatever the number of threads.
        var tasks: [(rule: Int, rows: Range<Int>)] = []
        for (r, c) in compiled.enumerated() {
            let count = Self.rowCount(c.rule.scope, portfolio)
            var start = 0
            repeat {
                let end = min(count, start + Self.rowsPerTask)
                tasks.append((r, start..<end))
                start = end
            } while start < count
        }
        let config = self.config
        let compiled = self.compiled
        let runs = Parallel.map(tasks) { task in
            let start = Self.timeRules ? Self.threadCPUSeconds() : 0
            var run = RuleRun(compiled: compiled[task.rule], index: index, config: config, matcher: matcher)
            run.execute(portfolio, rows: task.rows)
            if Self.timeRules { run.seconds = Self.threadCPUSeconds() - start }
            return run
        }
        if Self.timeRules { Self.printTimes(runs, tasks) }
        var start = 0
        while start < runs.count {
            // The pieces of one rule are next to each other, in row order.
            var end = start + 1
            while end < runs.count, tasks[end].rule == tasks[start].rule { end += 1 }
            let c = compiled[tasks[start].rule]
            var applicable = 0, failed = 0
            var errors = RuleRun.EvaluationErrors()
            for run in runs[start..<end] {
                results.findings += run.findings
                applicable += run.applicable
                failed += run.findings.count
                errors.merge(run.errors)
                for (position, project, figures) in run.perProject {
                    if let position {
                        compliance[position].add(figures)
                    } else {
                        otherProjects[project, default: ComplianceFigures()].add(figures)
                    }
                }
            }
            results.checks[c.rule.id] = (applicable, failed)
            errors.report(c.rule, diagnostics)
            start = end
        }
        results.compliance = otherProjects
        for (p, f) in zip(portfolio.projects, compliance) where results.compliance[p.projectID] == nil {
            results.compliance[p.projectID] = f
        }
        matcher.reportExpiredAndUnused(diagnostics: diagnostics)
        return results
    }

    /// `GOVPACK_RULE_TIMINGS=1`: print each rule's CPU seconds to standard error, slowest first,
    /// to see where the rules stage goes.
    static let timeRules = ProcessInfo.processInfo.environment["GOVPACK_RULE_TIMINGS"] == "1"

    private static func threadCPUSeconds() -> Double {
        var ts = timespec()
        guard clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts) == 0 else { return 0 }
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }

    private static func printTimes(_ runs: [RuleRun], _ tasks: [(rule: Int, rows: Range<Int>)]) {
        var byRule: [String: (seconds: Double, rows: Int)] = [:]
        for (run, task) in zip(runs, tasks) {
            byRule[run.compiled.rule.id, default: (0, 0)].seconds += run.seconds
            byRule[run.compiled.rule.id, default: (0, 0)].rows += task.rows.count
        }
        var text = ""
        for (id, t) in byRule.sorted(by: { $0.value.seconds > $1.value.seconds }) {
            let perRow = t.rows > 0 ? t.seconds / Double(t.rows) * 1e9 : 0
            text += "rule time: \(id.padding(toLength: 44, withPad: " ", startingAt: 0)) "
                + String(format: "%7.3f s %9d rows %8.0f ns/row\n", t.seconds, t.rows, perRow)
        }
        FileHandle.standardError.write(Data(text.utf8))
    }

    private static func rowCount(_ scope: RuleScope, _ p: Portfolio) -> Int {
        switch scope {
        case .portfolio: return 1
        case .entity(let e):
            switch e {
            case .programs: return p.programs.count
            case .people: return p.people.count
            case .certifications: return p.certifications.count
            case .projects: return p.projects.count
            case .financials: return p.financials.count
            case .milestones: return p.milestones.count
            case .stageGates: return p.stageGates.count
            case .risks: return p.risks.count
            case .issues: return p.issues.count
            case .assignments: return p.assignments.count
            case .benefits: return p.benefits.count
            case .benefitMeasurements: return p.benefitMeasurements.count
            case .dependencies: return p.dependencies.count
            case .changeImpacts: return p.changeImpacts.count
            case .lessons: return p.lessons.count
            }
        }
    }

    /// The findings as diagnostics: waived ones as notes, warnings as errors under `strict`.
    public func diagnostics(for results: RuleResults) -> [Diagnostic] {
        var out: [Diagnostic] = []
        out.reserveCapacity(results.findings.count)
        // A rule's findings are next to each other: its diagnostic id is built once per run of
        // them, not per finding, and each finding is read in place rather than copied whole.
        var ruleID: String?
        var diagnosticID = ""
        for i in results.findings.indices {
            if results.findings[i].rule.id != ruleID {
                ruleID = results.findings[i].rule.id
                diagnosticID = results.findings[i].rule.diagnosticID
            }
            var severity = results.findings[i].rule.severity
            if config.strict && severity == .warning { severity = .error }
            var message = results.findings[i].message
            let waiver = results.findings[i].waiver
            if let w = waiver {
                severity = .info
                message = "waived (approved by \(w.approvedBy) until \(w.expires)): " + message
            }
            out.append(Diagnostic(
                id: diagnosticID, severity: severity, message: message, location: results.findings[i].location,
                hint: waiver == nil ? results.findings[i].rule.rationale : waiver?.reason,
                projectID: results.findings[i].projectID))
        }
        return out
    }
}

/// One rule over a range of its scope's rows.
private struct RuleRun {
    let compiled: CompiledRule
    let index: RuleIndex
    let matcher: WaiverMatcher
    var activation: CELActivation
    let scopeSlot: Int
    var findings: [RuleFinding] = []
    var applicable = 0
    /// Figures by project, in the order the rows gave them (a project may come more than once),
    /// with its position in the portfolio's projects when it has one.
    var perProject: [(position: Int?, project: String, figures: ComplianceFigures)] = []
    /// `RuleIndex.projectByID`, fetched once (the index's tables are behind a lock).
    private let projectPositions: [String: Int]
    private let severity: Severity
    var errors = EvaluationErrors()
    /// CPU seconds spent, under `GOVPACK_RULE_TIMINGS`.
    var seconds = 0.0
    /// The figures of the project whose rows are being checked, added to `perProject` when the
    /// project changes: rows come in runs of one project, so this hashes once per run, not per row.
    private var runProject: String?
    private var runFigures = ComplianceFigures()

    /// Rows that could not be checked: the first three, to show, and how many in all.
    struct EvaluationErrors {
        var shown: [(what: String, location: SourceLocation?, projectID: String?)] = []
        var count = 0

        mutating func add(_ what: String, _ location: SourceLocation?, _ projectID: String?) {
            count += 1
            if shown.count < 3 { shown.append((what, location, projectID)) }
        }

        /// Appends a later range's errors.
        mutating func merge(_ other: EvaluationErrors) {
            count += other.count
            shown += other.shown.prefix(3 - shown.count)
        }

        func report(_ rule: Rule, _ diagnostics: DiagnosticSink) {
            for e in shown {
                diagnostics.emit(
                    "rules.evaluation_error", .warning, "rule '\(rule.id)' could not be checked here: \(e.what)",
                    at: e.location, hint: "guard optional fields with has(...) in the rule's 'when'", projectID: e.projectID)
            }
            guard count > 3 else { return }
            diagnostics.emit(
                "rules.evaluation_error", .warning,
                "rule '\(rule.id)' could not be checked on \(count) rows in all (3 shown)",
                at: rule.location)
        }
    }

    init(compiled: CompiledRule, index: RuleIndex, config: RuleConfig, matcher: WaiverMatcher) {
        self.compiled = compiled
        self.index = index
        self.matcher = matcher
        activation = RuleEnvironment.activation(compiled.env, index: index, config: config)
        scopeSlot = compiled.env.slot(of: compiled.rule.scope.name) ?? 0
        projectPositions = index.projectByID
        severity = compiled.rule.severity
    }

    /// Runs the rule over `range` of its scope's rows.
    mutating func execute(_ portfolio: Portfolio, rows range: Range<Int>) {
        switch compiled.rule.scope {
        case .portfolio: self.portfolio()
        case .entity(let e):
            switch e {
            case .programs: rows(portfolio.programs, range)
            case .people: rows(portfolio.people, range)
            case .certifications: rows(portfolio.certifications, range)
            case .projects: rows(portfolio.projects, range)
            case .financials: rows(portfolio.financials, range)
            case .milestones: rows(portfolio.milestones, range)
            case .stageGates: rows(portfolio.stageGates, range)
            case .risks: rows(portfolio.risks, range)
            case .issues: rows(portfolio.issues, range)
            case .assignments: rows(portfolio.assignments, range)
            case .benefits: rows(portfolio.benefits, range)
            case .benefitMeasurements: rows(portfolio.benefitMeasurements, range)
            case .dependencies: rows(portfolio.dependencies, range)
            case .changeImpacts: rows(portfolio.changeImpacts, range)
            case .lessons: rows(portfolio.lessons, range)
            }
        }
        flushRun()
    }

    mutating func rows<R: RuleRow>(_ rows: [R], _ range: Range<Int>) {
        rows.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress, range.upperBound <= buffer.count else { return }
            // The rows are read in place, through a pointer into the array (held here), never
            // copied: copying a row retained and released each of its strings, per row and rule.
            // Mutable only in type: `RowFields` takes rows `inout` to get their address.
            check(UnsafeMutablePointer(mutating: base), range)
        }
    }

    /// Checks `rows[range]`, with `rows` valid for the length of the call. (A method of its own:
    /// run inside the closure above, every `check()` copied the whole `RuleRun`.)
    private mutating func check<R: RuleRow>(_ rows: UnsafeMutablePointer<R>, _ range: Range<Int>) {
        let files = index.files
        // One object for every row of the range, bound once; the loop only moves it along.
        let row = ScopeRow<R>(index, at: rows + range.lowerBound)
        activation.set(slot: scopeSlot, .object(RuleSchema.shared.type(R.entity), row))
        defer { activation.set(slot: scopeSlot, .null) }  // the pointer is not valid past the call
        // `when` conjuncts tested on the typed row first: a row that fails one is not
        // applicable, as evaluating `when` would say, without evaluating anything (most of the
        // 2.9 million assignments at 20k projects are in the past and skip
        // `assignment.period > period` this way).
        let fields = RuleSchema.shared.fields(R.self)
        var tests: [(inout R, RuleIndex) -> Bool?] = []
        for t in compiled.when?.requiredTests ?? [] where t.variableSlot == scopeSlot {
            let operand: CELValue?
            switch t.kind {
            case .present: operand = nil
            case .compare(_, .constant(let c)): operand = c
            case .compare(_, .variable(let slot)): operand = activation.value(slot: slot)
            }
            if let test = fields.test(t, operand: operand) { tests.append(test) }
        }
        // Folded into one closure: looping over the array retained and released each test per row.
        var folded: (inout R, RuleIndex) -> Bool = { _, _ in true }
        for test in tests.reversed() {
            let next = folded
            folded = { r, x in test(&r, x) != false && next(&r, x) }
        }
        let applies = folded, filtered = !tests.isEmpty
        let index = self.index
        for i in range {
            if filtered && !applies(&rows[i], index) { continue }
            row.row = rows + i
            switch check() {
            case .notApplicable: continue
            case .passed: count(projectID: Self.owner(&rows[i]))
            case .failed:
                let projectID = Self.owner(&rows[i])
                count(projectID: projectID)
                // Location, key and message are built only for the rows that fail.
                fail(location: files.location(rows[i].origin, element: R.entity.xmlElement), projectID: projectID,
                     rowKey: fields.key(&rows[i]))
            case .error(let what):
                errors.add(what, files.location(rows[i].origin, element: R.entity.xmlElement), Self.owner(&rows[i]))
            }
        }
    }

    // A row's computed members, read on the row in place: through a pointer, Swift would copy
    // the whole row first to call them (see `RowFields`).
    private static func owner<R: EntityRow>(_ r: inout R) -> String? { r.owningProject }

    mutating func portfolio() {
        activation.set(slot: scopeSlot, .object(RuleSchema.shared.portfolioType, PortfolioObject(index)))
        switch check() {
        case .notApplicable: break
        case .passed: count(projectID: nil)
        case .failed:
            count(projectID: nil)
            fail(location: nil, projectID: nil, rowKey: "portfolio")
        case .error(let what): errors.add(what, nil, nil)
        }
    }

    private enum Outcome {
        case notApplicable, passed, failed
        case error(String)
    }

    /// Evaluates `when` and `assert` on the row in the activation.
    private func check() -> Outcome {
        // Optional chaining rather than `if let`: binding copies the program reference, a
        // retain and release per row of an object every piece of the rule shares.
        switch compiled.when?.evaluate(activation) {
        case nil, .success(.bool(true))?: break
        case .success(.bool(false))?: return .notApplicable
        case .success(let v)?: return .error("'when' gave \(RuleText.describe(v)), not true or false")
        case .failure(let e)?: return .error("'when' failed: \(e.message)")
        }
        switch compiled.assert.evaluate(activation) {
        case .success(.bool(let b)): return b ? .passed : .failed
        case .success(let v): return .error("'assert' gave \(RuleText.describe(v)), not true or false")
        case .failure(let e): return .error("'assert' failed: \(e.message)")
        }
    }

    /// Counts a check that applied, and how it ended, for the rule and the row's project.
    private mutating func count(projectID: String?) {
        applicable += 1
        guard let projectID else { return }
        if projectID != runProject {
            flushRun()
            runProject = projectID
        }
        if severity == .error { runFigures.applicable += 1 }
    }

    /// Records a failed check of the row in the activation (after `count`).
    private mutating func fail(location: SourceLocation?, projectID: String?, rowKey: String) {
        let waiver = matcher.match(rule: compiled.rule.id, projectID: projectID, rowKey: rowKey)
        if projectID != nil {
            if waiver != nil {
                runFigures.waived += 1
            } else if severity == .error {
                runFigures.failed += 1
            } else if severity == .warning {
                runFigures.warnings += 1
            }
        }
        findings.append(RuleFinding(
            rule: compiled.rule, location: location, projectID: projectID, rowKey: rowKey,
            message: RuleText.message(compiled.message, activation), waiver: waiver))
    }

    /// Adds the current project's figures to `perProject`; a project gets an entry only when
    /// something was counted for it.
    private mutating func flushRun() {
        defer {
            runProject = nil
            runFigures = ComplianceFigures()
        }
        guard let p = runProject, runFigures != ComplianceFigures() else { return }
        perProject.append((projectPositions[p], p, runFigures))
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
