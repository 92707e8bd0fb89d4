import Foundation
import GovPackCore
import GovPackIngest
import GovPackRender
import GovPackTestSupport
import Testing

@testable import GovPackPipeline

/// `govpack.yaml`: every field, every error with its place, the defaults, and what the run
/// derives from it.
@Suite struct RunConfigurationTests {
    static func d(_ s: String) -> Decimal { Decimal(string: s) ?? .nan }

    // MARK: - Every field

    @Test func everyFieldIsRead() throws {
        let file = TestPaths.fixture("govpackTests", "config/full.yaml").path
        let f = (file as NSString).deletingLastPathComponent
        let sink = DiagnosticSink()
        let c = try #require(RunConfiguration.load(path: file, diagnostics: sink), "\(sink.all.map(\.formatted))")
        #expect(sink.all.isEmpty)
        var expected = RunConfiguration(file: file)
        expected.folder = f
        expected.organisation = "Northwind Mutual"
        expected.period = Period("2026-11")
        expected.reference = [f + "/reference", f + "/extra/people.csv"]
        expected.submissions = "incoming/{period}"
        expected.teams = [
            TeamConfig(
                name: "claims", path: "claims", due: 3, projects: ["PRJ-001", "PRJ-002"],
                columns: ["risks": ["risk_owner": "owner", "prob": "probability"], "issues": ["Raised": "raised_date"]]),
            TeamConfig(
                name: "infrastructure", path: "infra/current", projects: ["PRJ-031"],
                mspdi: ["PRJ-031.xml": "PRJ-031", "plans/dc.xml": "PRJ-033"]),
        ]
        expected.submissionsDue = 5
        expected.rulePacks = ["default", f + "/packs/extra.yaml"]
        expected.waivers = f + "/waivers.yaml"
        var t = Thresholds()
        t.escalationScore = 16
        t.gateGraceDays = 10
        t.staleAfterDays = 30
        t.riskReviewDays = 45
        t.ownedRiskScore = 9
        t.largeBudget = Self.d("2500000.50")
        t.appetite = [.resource: 300, .schedule: 400]
        t.ragRedBelow = Self.d("0.75")
        t.ragAmberBelow = Self.d("0.95")
        expected.thresholds = t
        expected.currency = "GBP"
        expected.rates = ["EUR": Self.d("0.86"), "USD": Self.d("0.79")]
        expected.outputFolder = "/srv/packs/{period}"
        expected.packs = ["board", "steering"]
        expected.formats = ["html", "md", "pdf"]
        expected.templates = f + "/my-templates"
        expected.history = f + "/state/history.db"
        #expect(c == expected)

        // What a run derives from it for 2026-11.
        let p = try #require(Period("2026-11"))
        #expect(c.submissionsFolder(for: p) == f + "/incoming/2026-11")
        #expect(c.teamFolder(c.teams[1], for: p) == f + "/incoming/2026-11/infra/current")
        #expect(c.outputFolder(for: p) == "/srv/packs/2026-11")
        let load = c.loadOptions(for: p)
        #expect(load.period == p)
        let claims = f + "/incoming/2026-11/claims"
        #expect(load.columnMappings == [
            ColumnMapping(folder: claims, entity: .issues, from: "Raised", to: "raised_date"),
            ColumnMapping(folder: claims, entity: .risks, from: "prob", to: "probability"),
            ColumnMapping(folder: claims, entity: .risks, from: "risk_owner", to: "owner"),
        ])
        #expect(load.mspdiProjectIDs == [
            "PRJ-031.xml": "PRJ-031", "infra/current/PRJ-031.xml": "PRJ-031", "PRJ-031": "PRJ-031",
            "plans/dc.xml": "PRJ-033", "infra/current/plans/dc.xml": "PRJ-033", "dc": "PRJ-033",
        ])
        let o = c.validationOptions(for: p)
        #expect(o.period == p)
        #expect(o.rulePacks == ["default", f + "/packs/extra.yaml"])
        #expect(o.waiversFile == f + "/waivers.yaml")
        #expect(o.config.escalationThreshold == 16)
        #expect(o.config.gateGraceDays == 10)
        #expect(o.config.staleDays == 30)
        #expect(o.config.riskReviewDays == 45)
        #expect(o.config.ownedRiskScore == 9)
        #expect(o.config.largeBudget == 2_500_000.5)
        #expect(o.riskAppetite == [.resource: 300, .schedule: 400])
        #expect(o.ragRedBelow == Self.d("0.75"))
        #expect(o.ragAmberBelow == Self.d("0.95"))
        #expect(o.ruleConfig.ragRedBelow == 0.75)
        #expect(o.ruleConfig.ragAmberBelow == 0.95)
        #expect(o.currency == "GBP")
        #expect(o.rates == ["EUR": Self.d("0.86"), "USD": Self.d("0.79")])
        #expect(o.load.columnMappings == load.columnMappings)
        let m = o.metricsConfig(period: p)
        #expect(m.escalationThreshold == 16)
        #expect(m.gateGraceDays == 10)
        #expect(m.staleAfterDays == 30)
        #expect(m.agedRiskDays == 45)
        #expect(m.redBelow == Self.d("0.75"))
        #expect(m.amberBelow == Self.d("0.95"))
        #expect(m.riskAppetite == [.resource: 300, .schedule: 400])
    }

    // MARK: - Defaults

    @Test func defaults() throws {
        let sink = DiagnosticSink()
        let c = try #require(RunConfiguration.parse("organisation: X\n", path: "pmo/govpack.yaml", diagnostics: sink))
        #expect(sink.all.isEmpty)
        #expect(c.file == "pmo/govpack.yaml")
        #expect(c.folder == "pmo")
        #expect(c.organisation == "X")
        #expect(c.period == nil)
        #expect(c.reference == ["pmo/reference"])
        #expect(c.submissions == "submissions/{period}")
        #expect(c.teams == [])
        #expect(c.submissionsDue == nil)
        #expect(c.rulePacks == ["default"])
        #expect(c.waivers == nil)
        #expect(c.thresholds.escalationScore == 15)
        #expect(c.thresholds.gateGraceDays == 14)
        #expect(c.thresholds.staleAfterDays == 35)
        #expect(c.thresholds.riskReviewDays == 60)
        #expect(c.thresholds.ownedRiskScore == 12)
        #expect(c.thresholds.largeBudget == Self.d("1000000"))
        #expect(c.thresholds.appetite == [:])
        #expect(c.thresholds.ragRedBelow == Self.d("0.8"))
        #expect(c.thresholds.ragAmberBelow == Self.d("0.9"))
        #expect(c.currency == nil)
        #expect(c.rates == [:])
        #expect(c.outputFolder == "out/{period}")
        #expect(c.packs == ["all"])
        #expect(c.formats == ["html"])
        #expect(c.templates == nil)
        #expect(c.history == "pmo/govpack.db")
        // Empty values are the same as leaving the keys out.
        let empty = try #require(RunConfiguration.parse(
            "organisation: X\nperiod:\nteams:\nrules: ~\nthresholds:\noutput:\n", path: "pmo/govpack.yaml", diagnostics: sink))
        #expect(empty == c)
        #expect(sink.all.isEmpty)
        // A team's path defaults to its name; a single project needs no list.
        let team = try #require(RunConfiguration.parse("teams:\n  - name: ops\n    projects: PRJ-9\n", path: "g.yaml", diagnostics: sink))
        #expect(team.teams == [TeamConfig(name: "ops", path: "ops", projects: ["PRJ-9"])])
    }

    // MARK: - Errors with their places

    static let errors: [(String, String, Severity, Int, Int, String?)] = [
        // text, id, severity, line, column, hint prefix
        ("organisation: X\nthreshold:\n  escalation_score: 3\n", "config.unknown_key", .error, 2, 1, "did you mean 'thresholds'?"),
        ("thresholds:\n  escalation_scor: 3\n", "config.unknown_key", .error, 2, 3, "did you mean 'escalation_score'?"),
        ("teams:\n  - name: a\n    projets: [PRJ-1]\n", "config.unknown_key", .error, 3, 5, "did you mean 'projects'?"),
        ("organisation: [a, b]\n", "config.type", .error, 1, 15, nil),
        ("teams: claims\n", "config.type", .error, 1, 8, nil),
        ("thresholds:\n  escalation_score: high\n", "config.type", .error, 2, 21, nil),
        ("thresholds:\n  large_budget: 1,000,000\n", "config.type", .error, 2, 17, nil),
        ("period: 2026-13\n", "config.bad_period", .error, 1, 9, nil),
        ("period: November\n", "config.bad_period", .error, 1, 9, nil),
        ("output:\n  packs: [board, stearing]\n", "config.unknown_pack", .error, 2, 18, "did you mean 'steering'?"),
        ("output:\n  formats: [html, docx]\n", "config.unknown_format", .error, 2, 19, "one of: html, md, pdf"),
        ("thresholds:\n  appetite: {resource: 300, delivery: 400}\n", "config.unknown_risk_category", .error, 2, 29, "one of: strategic"),
        ("thresholds:\n  appetite: {resourse: 300}\n", "config.unknown_risk_category", .error, 2, 14, "did you mean 'resource'?"),
        ("thresholds:\n  gate_grace_days: -1\n", "config.negative", .error, 2, 20, nil),
        ("thresholds:\n  appetite: {resource: -5}\n", "config.negative", .error, 2, 24, nil),
        ("currency: GBP\nrates: {EUR: -0.86}\n", "config.negative", .error, 2, 14, nil),
        ("currency: GBP\nrates: {EUR: 0}\n", "config.out_of_range", .error, 2, 14, nil),
        ("submissions_due: 32\n", "config.out_of_range", .error, 1, 18, nil),
        ("teams:\n  - name: a\n    due: 0\n", "config.out_of_range", .error, 3, 10, nil),
        ("thresholds:\n  rag: {red_below: 0.95, amber_below: 0.9}\n", "config.out_of_range", .error, 2, 20, nil),
        ("output:\n  folder: out\n", "config.output_without_period", .warning, 2, 11, "use e.g. 'out/{period}'"),
        ("inputs:\n  submissions: subs/{month}\n", "config.unknown_placeholder", .error, 2, 16, nil),
        ("teams:\n  - name: claims\n    columns:\n      risks: {prob: probabilty}\n", "config.unknown_column", .error, 4, 21, "did you mean 'probability'?"),
        ("teams:\n  - name: claims\n    columns:\n      risk: {prob: probability}\n", "config.unknown_entity", .error, 4, 7, "did you mean 'risks'?"),
        ("teams:\n  - name: a\n  - name: a\n", "config.duplicate_team", .error, 3, 11, nil),
        ("teams:\n  - name: a\n  - name: b\n    path: ./a\n", "config.duplicate_team", .error, 4, 11, nil),
        ("teams:\n  - due: 3\n", "config.missing_key", .error, 2, 5, "add 'name:'"),
        ("organisation: a\norganisation: b\n", "config.duplicate_key", .error, 2, 1, nil),
        ("teams:\n  - name: a\n    due: 3\n    # note\n\n    due: 4\n", "config.duplicate_key", .error, 6, 5, nil),
        ("output: {folder: a, folder: b}\n", "config.duplicate_key", .error, 1, 10, nil),  // flow: its first key
        ("rates: {EUR: 0.86}\n", "config.rates_without_currency", .error, 1, 8, "add 'currency: GBP'"),
        ("currency: pounds\n", "config.bad_currency", .error, 1, 11, nil),
        ("currency: GBP\nrates: {EURO: 0.86}\n", "config.bad_currency", .error, 2, 9, nil),
        ("teams:\n  - name: a\n    mspdi: {plan.xml: PRJ-1}\n  - name: b\n    mspdi: {plan.xml: PRJ-2}\n",
         "config.mspdi_conflict", .warning, 5, 12, nil),
    ]

    @Test(arguments: errors)
    func reportsEachProblemAtItsPlace(
        _ text: String, _ id: String, _ severity: Severity, _ line: Int, _ column: Int, _ hint: String?
    ) throws {
        let sink = DiagnosticSink()
        let c = RunConfiguration.parse(text, path: "cfg/govpack.yaml", diagnostics: sink)
        #expect(sink.all.map(\.id) == [id], "\(text)")
        let d = try #require(sink.all.first)
        #expect(d.severity == severity)
        #expect(d.location == SourceLocation(file: "cfg/govpack.yaml", line: line, column: column), "\(text)")
        if let hint { #expect(d.hint?.hasPrefix(hint) == true, "\(d.hint ?? "no hint")") }
        // An error means no configuration; a warning does not stop it.
        #expect((c == nil) == (severity == .error))
    }

    @Test func aSyntaxErrorAndAMissingFileAreReported() throws {
        let sink = DiagnosticSink()
        #expect(RunConfiguration.parse("teams: [a\n", path: "g.yaml", diagnostics: sink) == nil)
        #expect(sink.all.map(\.id) == [ConfigID.yaml])
        let missing = DiagnosticSink()
        #expect(RunConfiguration.load(path: "/nonexistent/govpack.yaml", diagnostics: missing) == nil)
        #expect(missing.all.map(\.id) == [ConfigID.unreadable])
        #expect(missing.all.first?.location == SourceLocation(file: "/nonexistent/govpack.yaml"))
    }

    @Test func everyErrorInTheFileIsReportedAtOnce() {
        let sink = DiagnosticSink()
        let text = "period: 2026-13\nthresholds:\n  gate_grace_days: -1\noutput:\n  formats: [docx]\n"
        #expect(RunConfiguration.parse(text, path: "g.yaml", diagnostics: sink) == nil)
        #expect(sink.all.map(\.id) == ["config.bad_period", "config.negative", "config.unknown_format"])
    }

    // MARK: - Periods and paths

    @Test(arguments: [
        // config file, submissions pattern, output pattern, submissions folder, output folder
        ("govpack.yaml", "submissions/{period}", "out/{period}", "submissions/2026-11", "out/2026-11"),
        ("SampleData/govpack.yaml", "submissions/{period}", "../out/{period}", "SampleData/submissions/2026-11", "out/2026-11"),
        ("/srv/pmo/govpack.yaml", "./in/{period}/", "/var/packs/{period}", "/srv/pmo/in/2026-11", "/var/packs/2026-11"),
        ("a/b/govpack.yaml", "../../x/{period}/teams", "packs-{period}", "x/2026-11/teams", "a/b/packs-2026-11"),
        ("a/govpack.yaml", "../../up/{period}", "out/{period}/{period}", "../up/2026-11", "a/out/2026-11/2026-11"),
    ])
    func periodSubstitution(_ file: String, _ submissions: String, _ output: String, _ inFolder: String, _ outFolder: String) throws {
        let text = "inputs:\n  submissions: \(submissions)\noutput:\n  folder: \(output)\n"
        let c = try #require(RunConfiguration.parse(text, path: file, diagnostics: DiagnosticSink()))
        let p = try #require(Period("2026-11"))
        #expect(c.submissionsFolder(for: p) == inFolder)
        #expect(c.outputFolder(for: p) == outFolder)
    }

    @Test(arguments: [
        // --period, period in the file, today, the period reported
        (nil, nil, "2026-12-01", "2026-11"),
        (nil, nil, "2027-01-04", "2026-12"),
        (nil, "2026-09", "2027-01-04", "2026-09"),
        ("2026-10", "2026-09", "2027-01-04", "2026-10"),
    ] as [(String?, String?, String, String)])
    func effectivePeriod(_ override: String?, _ configured: String?, _ today: String, _ expected: String) throws {
        var c = RunConfiguration(file: "govpack.yaml")
        c.period = configured.flatMap { Period($0) }
        let day = try #require(Day(today))
        #expect(c.effectivePeriod(override: override.flatMap { Period($0) }, today: day).description == expected)
    }

    @Test(arguments: [
        // team due, submissions_due, period, due date
        (3, 5, "2026-11", "2026-12-03"),
        (nil, 5, "2026-11", "2026-12-05"),
        (31, nil, "2027-01", "2027-02-28"),   // February has 28 days in 2027
        (30, nil, "2028-01", "2028-02-29"),   // and 29 in 2028
        (31, 5, "2026-12", "2027-01-31"),
    ] as [(Int?, Int?, String, String)])
    func dueDates(_ teamDue: Int?, _ due: Int?, _ period: String, _ expected: String) throws {
        var c = RunConfiguration(file: "govpack.yaml")
        c.submissionsDue = due
        let p = try #require(Period(period))
        #expect(c.dueDate(of: TeamConfig(name: "t", due: teamDue), for: p)?.description == expected)
        #expect(RunConfiguration(file: "g.yaml").dueDate(of: TeamConfig(name: "t"), for: p) == nil)
    }

    @Test(arguments: [
        ("PRJ-031.xml", "infrastructure", ["PRJ-031.xml", "infrastructure/PRJ-031.xml", "PRJ-031"]),
        ("plans/dc.xml", "infra/now", ["plans/dc.xml", "infra/now/plans/dc.xml", "dc"]),
        ("schedule", "ops", ["schedule", "ops/schedule"]),
    ])
    func mspdiKeys(_ file: String, _ teamPath: String, _ keys: [String]) {
        #expect(RunConfiguration.mspdiKeys(file, teamPath: teamPath) == keys)
    }

    // MARK: - Column mappings end to end

    @Test func aTeamsColumnMappingLoadsTheSameRowsAsTheStandardNames() throws {
        let dir = try TemporaryFolder()
        defer { dir.remove() }
        let project = "project_id,name,stage,start_date,baseline_end_date,budget,rag_overall,last_updated\n"
            + "PRJ-1,P,execution,2026-01-01,2026-12-31,100,G,2026-11-01\n"
        _ = try dir.write("pmo/govpack.yaml", """
            teams:
              - name: claims
                columns:
                  risks: {prob: probability, risk_owner: owner}
              - name: payments
            """)
        _ = try dir.write("pmo/submissions/2026-11/claims/projects.csv", project)
        _ = try dir.write("pmo/submissions/2026-11/claims/risks.csv",
            "project_id,risk_id,title,prob,impact,status,risk_owner\nPRJ-1,R-1,Late,3,4,open,P-1\nPRJ-1,R-2,Gone,2,5,closed,\n")
        _ = try dir.write("pmo/submissions/2026-11/payments/projects.csv", project.replacingOccurrences(of: "PRJ-1", with: "PRJ-2"))
        _ = try dir.write("pmo/submissions/2026-11/payments/risks.csv",
            "project_id,risk_id,title,probability,impact,status,owner\nPRJ-2,R-1,Late,3,4,open,P-1\nPRJ-2,R-2,Gone,2,5,closed,\n")
        let sink = DiagnosticSink()
        let c = try #require(RunConfiguration.load(path: dir.url.path + "/pmo/govpack.yaml", diagnostics: sink))
        let p = try #require(Period("2026-11"))
        var o = c.validationOptions(for: p)
        o.noRules = true
        func values(_ r: Risk) -> String { "\(r.riskID) \(r.probability) \(r.impact) \(r.owner ?? "-") \(r.status)" }
        // The run reads the whole submissions folder, or each team's folder: the same rows.
        for inputs in [[c.submissionsFolder(for: p)], c.teams.map { c.teamFolder($0, for: p) }] {
            let r = Validation(options: o).run(inputs)
            let claims = r.load.portfolio.risks.filter { $0.projectID == "PRJ-1" }.map(values)
            let payments = r.load.portfolio.risks.filter { $0.projectID == "PRJ-2" }.map(values)
            #expect(claims == ["R-1 3 4 P-1 open", "R-2 2 5 - closed"])
            #expect(claims == payments)
            #expect(!r.diagnostics.contains { $0.id.hasPrefix("ingest.column") }, "\(r.diagnostics.map(\.formatted))")
        }
    }

    // MARK: - govpack init and the sample

    @Test func initWritesAConfigurationThatLoadsClean() throws {
        let dir = try TemporaryFolder()
        defer { dir.remove() }
        let path = try ConfigTemplate.write(into: dir.url.path + "/pmo")
        #expect(path == dir.url.path + "/pmo/govpack.yaml")
        let sink = DiagnosticSink()
        let c = try #require(RunConfiguration.load(path: path, diagnostics: sink))
        #expect(sink.all.isEmpty, "\(sink.all.map(\.formatted))")
        // What it sets is the defaults.
        var defaults = RunConfiguration(file: path)
        defaults.folder = dir.url.path + "/pmo"
        defaults.reference = [dir.url.path + "/pmo/reference"]
        defaults.history = dir.url.path + "/pmo/govpack.db"
        #expect(c == defaults)
        // An existing file is kept, unless forced.
        try "organisation: mine\n".write(toFile: path, atomically: true, encoding: .utf8)
        #expect(throws: ConfigTemplate.FileExists.self) { try ConfigTemplate.write(into: dir.url.path + "/pmo") }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "organisation: mine\n")
        try ConfigTemplate.write(into: dir.url.path + "/pmo", force: true)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == ConfigTemplate.annotated)
    }

    @Test func initFromTheCommandLine() throws {
        guard GovPackCLI.available else { return }  // make test builds govpack first
        let dir = try TemporaryFolder()
        defer { dir.remove() }
        let first = try GovPackCLI.run(["init", dir.url.path])
        #expect(first.status == 0, "\(first.stderr)")
        let again = try GovPackCLI.run(["init", dir.url.path])
        #expect(again.status == 1)
        #expect(again.stderr == "govpack: \(dir.url.path)/govpack.yaml already exists; pass --force to replace it\n")
        #expect(try GovPackCLI.run(["init", dir.url.path, "--force"]).status == 0)
        #expect(try GovPackCLI.run(["init"], in: dir.url).status == 1)
    }

    @Test func theAnnotatedFileShowsEveryField() {
        let keys = RunConfiguration.topKeys + RunConfiguration.inputKeys + RunConfiguration.teamKeys
            + RunConfiguration.ruleKeys + RunConfiguration.thresholdKeys + RunConfiguration.ragKeys
            + RunConfiguration.outputKeys
        for key in keys {
            #expect(ConfigTemplate.annotated.contains("\(key):"), "\(key)")
        }
    }

    @Test func theDocumentationDescribesEveryField() throws {
        let doc = try String(contentsOf: TestPaths.root.appendingPathComponent("docs/configuration.md"), encoding: .utf8)
        let keys = RunConfiguration.topKeys + RunConfiguration.inputKeys + RunConfiguration.teamKeys
            + RunConfiguration.ruleKeys + RunConfiguration.thresholdKeys + RunConfiguration.ragKeys
            + RunConfiguration.outputKeys
        for key in keys {
            // A top-level field as `key`, a nested one as `section.key` or `teams[].key`.
            #expect(doc.contains("`\(key)`") || doc.contains(".\(key)` |"), "\(key)")
        }
        for id in ["config.unknown_key", "config.type", "config.bad_period", "config.negative", "config.out_of_range",
                   "config.unknown_pack", "config.unknown_format", "config.unknown_risk_category", "config.unknown_entity",
                   "config.unknown_column", "config.unknown_placeholder", "config.output_without_period",
                   "config.duplicate_team", "config.bad_currency", "config.rates_without_currency", "config.mspdi_conflict",
                   "config.unreadable", "config.yaml", "config.missing_key", "config.duplicate_key"] {
            #expect(doc.contains("`\(id)`"), "\(id)")
        }
    }

    @Test func packNamesAreTheRenderersPacks() {
        #expect(RunConfiguration.packNames == PackKind.allCases.map(\.rawValue))
    }

    @Test func theSampleConfigurationLoadsClean() throws {
        let path = TestPaths.sampleData.appendingPathComponent("govpack.yaml").path
        let root = TestPaths.root.path
        let sink = DiagnosticSink()
        let c = try #require(RunConfiguration.load(path: path, diagnostics: sink))
        #expect(sink.all.isEmpty, "\(sink.all.map(\.formatted))")
        let p = try #require(Period("2026-11"))
        #expect(c.organisation == "Northwind Mutual")
        #expect(c.period == p)
        #expect(c.reference == [root + "/SampleData/reference"])
        #expect(c.submissionsFolder(for: p) == root + "/SampleData/submissions/2026-11")
        #expect(c.teams.map(\.name) == ["claims", "policy-platform", "customer", "regulatory", "data-analytics", "infrastructure"])
        #expect(c.teams.map(\.projects.count) == [6, 6, 6, 6, 6, 6])
        #expect(c.teams.flatMap(\.projects) == (1...36).map { String(format: "PRJ-%03d", $0) })
        #expect(c.teams.map(\.due) == [3, nil, nil, nil, nil, nil])
        #expect(c.submissionsDue == 5)
        #expect(c.teams.last?.mspdi == ["PRJ-031.xml": "PRJ-031"])
        #expect(c.thresholds.appetite == [.resource: 300])
        #expect(c.currency == "GBP")
        // Nothing is written into SampleData.
        #expect(c.outputFolder(for: p) == root + "/out/2026-11")
        #expect(c.history == root + "/out/govpack.db")
        for team in c.teams {
            #expect(FileManager.default.fileExists(atPath: c.teamFolder(team, for: p)), "\(team.name)")
        }
        // A validation with it reads all 36 projects in one currency, and the resource
        // exposure of 358 breaches the appetite of 300.
        var o = c.validationOptions(for: p)
        o.noRules = true
        let r = Validation(options: o).run(c.reference + [c.submissionsFolder(for: p)])
        #expect(r.summary.projects == 36)
        #expect(r.summary.errors == 0, "\(r.diagnostics.filter { $0.severity == .error }.map(\.formatted))")
        #expect(!r.diagnostics.contains { $0.id.hasPrefix("metrics.currency") })
        let resource = r.metrics.riskCategories.first { $0.category == .resource }
        #expect(resource?.exposure == 358)
        #expect(resource?.appetite == 300)
        #expect(resource?.breach == true)
    }
}
