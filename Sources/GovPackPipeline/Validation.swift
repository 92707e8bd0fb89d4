import GovPackCore
import Foundation
import GovPackIngest
import GovPackMetrics
import GovPackRules

/// `govpack validate`: read the inputs, check them against the rule packs, and report every
/// problem found with its place.
public struct Validation {
    public struct Options: Sendable {
        public var load = LoadOptions()
        /// Nil: infer from the data (see `PeriodInference`).
        public var period: Period?
        /// Rule pack files; `default` names the shipped PMO standard. Empty: the default pack.
        public var rulePacks: [String] = []
        /// Skip the rules: report ingest problems only.
        public var noRules = false
        public var waiversFile: String?
        public var config = RuleConfig()
        /// Risk appetite per category (open exposure limit); none by default.
        public var riskAppetite: [RiskCategory: Int] = [:]
        public var eacMethod: MetricsConfig.EACMethod = .bacOverCPI
        /// The run's currency; when set, projects in other currencies are converted with `rates`
        /// before the metrics (see `CurrencyConversion`) instead of being reported as mixed.
        public var currency: String?
        /// One unit of each currency in the run's currency (`EUR: 0.86`).
        public var rates: [String: Decimal] = [:]
        /// CPI or SPI below this makes the earned-value signal Red; nil: the default (0.8).
        public var ragRedBelow: Decimal?
        /// CPI or SPI below this makes the earned-value signal Amber; nil: the default (0.9).
        public var ragAmberBelow: Decimal?

        public init() {}

        /// The rules' thresholds, with the RAG thresholds the metrics use.
        var ruleConfig: RuleConfig {
            var c = config
            if let ragRedBelow { c.ragRedBelow = NSDecimalNumber(decimal: ragRedBelow).doubleValue }
            if let ragAmberBelow { c.ragAmberBelow = NSDecimalNumber(decimal: ragAmberBelow).doubleValue }
            return c
        }

        func metricsConfig(period: Period) -> MetricsConfig {
            var c = MetricsConfig(period: period)
            c.escalationThreshold = config.escalationThreshold
            c.gateGraceDays = config.gateGraceDays
            c.staleAfterDays = config.staleDays
            // The same limit as the rules' risk review: a risk the rules call unreviewed is aged.
            c.agedRiskDays = config.riskReviewDays
            c.riskAppetite = riskAppetite
            c.eacMethod = eacMethod
            if let ragRedBelow { c.redBelow = ragRedBelow }
            if let ragAmberBelow { c.amberBelow = ragAmberBelow }
            return c
        }
    }

    public var options: Options

    public init(options: Options = Options()) { self.options = options }

    public struct Result: Sendable {
        public var load: LoadResult
        public var period: Period
        public var periodInferred: Bool
        public var rules: [Rule]
        public var ruleResults: RuleResults?
        /// The waivers read, with how many failures each waived this run.
        public var waivers: [(waiver: Waiver, waived: Int)] = []
        /// The portfolio metrics, with the rules' compliance figures filled in.
        public var metrics: PortfolioMetrics
        public var diagnostics: [Diagnostic]
        public var summary: RunSummary
        /// Stage name and seconds, in pipeline order (for `--timings` and `make bench`).
        public var timings: [(stage: String, seconds: Double, bytes: Int?)]
        public var hasErrors: Bool { summary.errors > 0 }
    }

    public func run(_ paths: [String]) -> Result {
        let sink = DiagnosticSink()
        let clock = ContinuousClock()
        var timings: [(stage: String, seconds: Double, bytes: Int?)] = []
        var loadOptions = options.load
        if loadOptions.period == nil { loadOptions.period = options.period }
        let loadStart = clock.now
        var load = InputLoader(options: loadOptions).load(paths, diagnostics: sink)
        let loadSeconds = (clock.now - loadStart).seconds
        for name in load.formatStats.keys.sorted() {
            let s = load.formatStats[name]!
            timings.append(("ingest \(name)", s.seconds, s.bytes))
        }
        timings.append(("ingest checks (keys, references)", load.integritySeconds, nil))
        let accounted = load.formatStats.values.reduce(0) { $0 + $1.seconds } + load.integritySeconds
        timings.append(("ingest other (walk, unclaimed files)", max(0, loadSeconds - accounted), nil))
        let inferred = options.period == nil
        let period = options.period ?? PeriodInference.infer(load.portfolio)
        if inferred {
            let from = load.portfolio.projects.isEmpty
                ? (load.portfolio.financials.isEmpty ? "nothing in the input (no projects, no financials)" : "the latest financials period")
                : "the latest last_updated date"
            sink.emit(
                "validate.period_inferred", load.portfolio.projects.isEmpty && load.portfolio.financials.isEmpty ? .warning : .info,
                "report period \(period) taken from \(from); pass --period YYYY-MM to set it",
                at: nil)
        }
        if let currency = options.currency {
            // Every project not in the run's currency is converted, or reported by name.
            CurrencyConversion.apply(rates: options.rates, currency: currency, to: &load.portfolio, diagnostics: sink)
        } else {
            CurrencyCheck.check(load.portfolio, diagnostics: sink)
        }
        let metricsStart = clock.now
        var metrics = PortfolioMetrics.compute(load.portfolio, config: options.metricsConfig(period: period))
        timings.append(("metrics", (clock.now - metricsStart).seconds, nil))
        var rules: [Rule] = []
        var ruleResults: RuleResults?
        var ruleDiagnostics: [Diagnostic] = []
        var waiverUse: [(waiver: Waiver, waived: Int)] = []
        if !options.noRules {
            let rulesStart = clock.now
            let packs = loadPacks(sink)
            let engine = RuleEngine(packs: packs, config: options.ruleConfig, diagnostics: sink)
            let waivers = options.waiversFile.map { WaiverLoader.load(path: $0, diagnostics: sink) } ?? []
            let figures = RuleFigures.figures(metrics, portfolio: load.portfolio)
            let results = engine.run(load.portfolio, period: period, figures: figures, waivers: waivers)
            rules = engine.rules
            ruleResults = results
            waiverUse = waivers.map { w in (w, results.findings.filter { $0.waiver == w }.count) }
            ruleDiagnostics = engine.diagnostics(for: results)
            metrics.applyCompliance(results.compliance.mapValues {
                ProjectCompliance(score: $0.score, errors: $0.failed, warnings: $0.warnings)
            })
            timings.append(("rules (\(engine.rules.count) rules)", (clock.now - rulesStart).seconds, nil))
        }
        let all = (sink.all + ruleDiagnostics).sorted(by: Diagnostic.ordered)
        let summary = RunSummary(
            files: load.files.filter { $0.format != nil }.count,
            rejectedFiles: load.rejected.count,
            projects: load.portfolio.projects.count,
            errors: all.filter { $0.severity == .error }.count,
            warnings: all.filter { $0.severity == .warning }.count,
            infos: all.filter { $0.severity == .info }.count)
        return Result(
            load: load, period: period, periodInferred: inferred, rules: rules, ruleResults: ruleResults,
            waivers: waiverUse, metrics: metrics,
            diagnostics: all, summary: summary, timings: timings)
    }

    private func loadPacks(_ sink: DiagnosticSink) -> [RulePack] {
        let names = options.rulePacks.isEmpty ? ["default"] : options.rulePacks
        return names.compactMap { name in
            name == "default"
                ? RulePackLoader.loadDefault(diagnostics: sink)
                : RulePackLoader.load(path: name, diagnostics: sink)
        }
    }
}

/// The report period when none is given: the month of the latest `last_updated` among the
/// projects (a team validates the month it just reported), else the period of the latest
/// financials row, else 2000-01. Always derived from the input, never from the clock.
public enum PeriodInference {
    public static func infer(_ p: Portfolio) -> Period {
        if let d = p.projects.map(\.lastUpdated).max() { return d.period }
        if let f = p.financials.map(\.period).max() { return f }
        return Period(year: 2000, month: 1)!
    }
}

/// Money is summed across projects, so one run must speak one currency (the contract: "one
/// currency per run unless rates are configured"). Projects that leave `currency` empty use the
/// run's currency.
public enum CurrencyCheck {
    public static let mixedID = "metrics.currency.mixed"

    public static func check(_ p: Portfolio, diagnostics: DiagnosticSink) {
        var byCurrency: [String: [String]] = [:]
        for project in p.projects {
            guard let c = project.currency?.trimmingCharacters(in: .whitespaces).uppercased(), !c.isEmpty else { continue }
            byCurrency[c, default: []].append(project.projectID)
        }
        guard byCurrency.count > 1 else { return }
        let listing = byCurrency.keys.sorted().map { c in
            let ids = byCurrency[c]!.sorted()
            let shown = ids.prefix(8).joined(separator: ", ") + (ids.count > 8 ? " and \(ids.count - 8) more" : "")
            return "\(c): \(shown)"
        }.joined(separator: "; ")
        diagnostics.emit(
            mixedID, .error,
            "the projects are in \(byCurrency.count) currencies (\(listing)); portfolio sums would mix them",
            at: nil, hint: "run each currency's projects separately, or convert the budgets and financials to one currency (exchange rates in the configuration come with the monthly-run configuration)")
    }
}
