import Foundation
import GovPackCore
import GovPackPipeline
import GovPackStore
import GovPackTestSupport
import Testing

/// The monthly run on a copy of the sample: one corrupt submission, one team that sent nothing.
@Suite struct MonthlyRunTests {
    /// A copy of the sample's reference data and its 2026-11 submissions in a temporary folder.
    static func sampleCopy() throws -> TemporaryFolder {
        let dir = try TemporaryFolder()
        let fm = FileManager.default
        try fm.copyItem(at: TestPaths.sampleData.appendingPathComponent("reference"), to: dir.url.appendingPathComponent("reference"))
        try fm.createDirectory(at: dir.url.appendingPathComponent("submissions"), withIntermediateDirectories: true)
        try fm.copyItem(at: TestPaths.sampleData.appendingPathComponent("submissions/2026-11"),
                        to: dir.url.appendingPathComponent("submissions/2026-11"))
        return dir
    }

    static func plan(_ dir: TemporaryFolder, teams: [MonthlyRun.ExpectedTeam] = []) -> MonthlyRun.Plan {
        var plan = MonthlyRun.Plan(
            period: Period("2026-11")!, reference: [dir.url.appendingPathComponent("reference").path],
            submissionsFolder: dir.url.appendingPathComponent("submissions/2026-11").path,
            outputFolder: dir.url.appendingPathComponent("out/2026-11").path, version: "test")
        plan.teams = teams
        plan.formats = [.html, .md]
        plan.validation.riskAppetite = [.resource: 300]
        return plan
    }

    static let sampleTeams = ["claims", "customer", "data-analytics", "infrastructure", "policy-platform", "regulatory"]

    @Test func aCleanMonthIsCompleteAndPublishesEveryPack() throws {
        let dir = try Self.sampleCopy()
        defer { dir.remove() }
        let outcome = MonthlyRun(plan: Self.plan(dir)).execute()
        #expect(outcome.status == .complete)
        #expect(outcome.teams.map(\.name) == Self.sampleTeams)
        #expect(outcome.teams.allSatisfy { $0.state == .submitted })
        #expect(outcome.validation?.load.portfolio.projects.count == 36)
        let out = dir.url.appendingPathComponent("out/2026-11")
        for file in ["run.json", "metrics.json", "findings.json", "html/index.html", "html/board.html", "md/board.md",
                     "html/steering/PGM-2.html", "html/projects/PRJ-008.html", "metrics/projects.csv"] {
            #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent(file).path), "\(file)")
        }
        // Each team's projects are attributed from where its rows came from.
        #expect(outcome.teams.first { $0.name == "claims" }?.projects == (1...6).map { String(format: "PRJ-%03d", $0) })
    }

    /// A file's team is found by the folder prefixes of its path, cut on bytes.
    @Test(arguments: [
        ("a/b/c.csv", ["a/", "a/b/"]),
        ("c.csv", []),
        ("/abs/x/", ["/", "/abs/", "/abs/x/"]),
        ("équipe/données/projets.csv", ["équipe/", "équipe/données/"]),
        ("a//b", ["a/", "a//"]),
    ])
    func folderPrefixesOfAPath(path: String, prefixes: [String]) {
        var seen: [String] = []
        MonthlyRun.forEachFolderPrefix(of: path) { seen.append($0) }
        #expect(seen == prefixes)
    }

    /// The history's snapshot is written while the packs render and committed only once they
    /// are out: the record gets every row but the pack files and metrics document, which
    /// `rendered()` gives (run.json included, with the checksums of the files published); when
    /// `published()` answers, the period's folder is complete; a record that fails then is
    /// reported with the packs published.
    @Test(arguments: [false, true])
    func theHistoryIsCommittedOnlyAfterThePacksArePublished(recordFails: Bool) throws {
        struct DiskFull: Error, LocalizedError { var errorDescription: String? { "disk full" } }
        let dir = try Self.sampleCopy()
        defer { dir.remove() }
        let out = dir.url.appendingPathComponent("out/2026-11")
        var seen: (period: Period, projects: Int, early: RunSnapshot.Rendered, rendered: RunSnapshot.Rendered?,
                   answer: Bool, runJSON: Bool)?
        let outcome = MonthlyRun(plan: Self.plan(dir)).execute { snapshot, rendered, published in
            let r = rendered()
            let answer = published()
            seen = (snapshot.period, snapshot.projects.count, snapshot.rendered, r, answer,
                    FileManager.default.fileExists(atPath: out.appendingPathComponent("run.json").path))
            if recordFails { throw DiskFull() }
        }
        let s = try #require(seen)
        #expect(s.period == Period("2026-11"))
        #expect(s.projects == 36)
        #expect(s.early == RunSnapshot.Rendered(packFiles: [], metricsJSON: ""))
        let r = try #require(s.rendered)
        // Every file published, in path order, with its size and checksum as on disk.
        #expect(r.packFiles.map(\.path) == outcome.files.map(\.path))
        #expect(r.packFiles.contains { $0.path == "run.json" })
        for (record, file) in zip(r.packFiles, outcome.files) {
            let disk = try Data(contentsOf: out.appendingPathComponent(file.path))
            #expect(record.bytes == disk.count)
            #expect(record.sha256 == Checksum.sha256(disk))
        }
        let metrics = try String(contentsOf: out.appendingPathComponent("metrics.json"), encoding: .utf8)
        #expect(r.metricsJSON == metrics)
        #expect(s.answer == true)
        #expect(s.runJSON == true)
        #expect(outcome.published)
        if recordFails {
            #expect(outcome.status == .failed)
            #expect(outcome.failure == "the packs were published to \(out.path) but the history was not recorded: disk full; run the period again to record it")
        } else {
            #expect(outcome.status == .complete)
        }
    }

    /// A render that fails tells the record so (nil, then "not published"), and the run fails
    /// without publishing: the record never waits forever, on any thread count.
    @Test func aFailedRenderTellsTheHistoryNotToCommit() throws {
        let dir = try Self.sampleCopy()
        defer { dir.remove() }
        _ = try dir.write("templates/board.html.mustache", "{{summry}}\n")
        var plan = Self.plan(dir)
        plan.templates = dir.url.appendingPathComponent("templates").path
        var seen: (rendered: RunSnapshot.Rendered?, published: Bool)?
        let outcome = MonthlyRun(plan: plan).execute { _, rendered, published in
            seen = (rendered(), published())
        }
        #expect(outcome.status == .failed)
        #expect(!outcome.published)
        #expect(outcome.failure?.contains("summry") == true)
        let s = try #require(seen)
        #expect(s.rendered == nil)
        #expect(s.published == false)
        #expect(!FileManager.default.fileExists(atPath: dir.url.appendingPathComponent("out/2026-11").path))
    }

    /// An output folder holding someone else's files is refused before anything is rendered; the
    /// summary still says what was read, and the folder and its files stay as they were.
    @Test func anOutputFolderItMayNotReplaceFailsTheRunAndIsLeftAlone() throws {
        let dir = try Self.sampleCopy()
        defer { dir.remove() }
        let thesis = try dir.write("out/2026-11/thesis.txt", "years of work")
        let plan = Self.plan(dir)
        let outcome = MonthlyRun(plan: plan).execute()
        #expect(outcome.status == .failed)
        #expect(outcome.published == false)
        #expect(outcome.failure?.contains("holds files govpack did not write") == true)
        #expect(outcome.inputs.filter { $0.status == "read" }.count == 64)
        #expect(outcome.summaryText(plan: plan, history: nil).contains("  read        64 files, 36 projects"))
        #expect(try String(contentsOf: thesis, encoding: .utf8) == "years of work")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.url.appendingPathComponent("out").path) == ["2026-11"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.url.appendingPathComponent("out/2026-11").path) == ["thesis.txt"])
    }

    @Test func aCorruptSubmissionIsQuarantinedAndTheRestPublished() throws {
        let dir = try Self.sampleCopy()
        defer { dir.remove() }
        // The claims team's risks.csv lost its impact column: the whole submission is held back.
        let risks = dir.url.appendingPathComponent("submissions/2026-11/claims/risks.csv")
        try "project_id,risk_id,title,category,probability,owner,response,response_plan,status,raised_date,review_date,escalated\nPRJ-001,R-1,x,external,4,P-007,avoid,,open,2026-02-07,2026-11-07,\n"
            .write(to: risks, atomically: true, encoding: .utf8)
        let teams = Self.sampleTeams.map { MonthlyRun.ExpectedTeam(name: $0, dueDay: 5) }
            + [MonthlyRun.ExpectedTeam(name: "payments", dueDay: 3, projects: ["PRJ-099"])]
        let outcome = MonthlyRun(plan: Self.plan(dir, teams: teams)).execute()
        #expect(outcome.status == .incomplete)
        #expect(outcome.status.rawValue == 1)
        let claims = try #require(outcome.teams.first { $0.name == "claims" })
        #expect(claims.state == .quarantined)
        #expect(claims.reasons.count == 1)
        #expect(claims.reasons.first?.hasSuffix("claims/risks.csv:1: [ingest.column.missing_required] risks.csv has no 'impact' column, which is required; its rows are left out") == true)
        #expect(claims.projects == (1...6).map { String(format: "PRJ-%03d", $0) })
        let payments = try #require(outcome.teams.first { $0.name == "payments" })
        #expect(payments.state == .missing)
        #expect(payments.due == Day("2026-12-03"))
        // The other 30 projects are measured; none of the claims team's rows reach the metrics.
        let v = try #require(outcome.validation)
        #expect(v.load.portfolio.projects.count == 30)
        #expect(!v.load.portfolio.risks.contains { $0.projectID == "PRJ-001" })
        #expect(v.metrics.projects.allSatisfy { !$0.projectID.hasPrefix("PRJ-00") || $0.projectID >= "PRJ-007" })
        let out = dir.url.appendingPathComponent("out/2026-11")
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("html/board.html").path))
        let runJSON = try String(contentsOf: out.appendingPathComponent("run.json"), encoding: .utf8)
        #expect(runJSON.contains("\"status\": \"incomplete\""))
        #expect(runJSON.contains("\"teams_quarantined\": 1"))
        #expect(runJSON.contains("\"teams_missing\": 1"))
        #expect(runJSON.contains("\"due\": \"2026-12-03\""))
        let summary = outcome.summaryText(plan: Self.plan(dir, teams: teams), history: nil)
        #expect(summary.contains("quarantined claims: left out of the metrics; 6 projects shown as not reported"))
        #expect(summary.contains("missing     payments (due 2026-12-03)"))
        #expect(summary.hasSuffix("exit 1: complete, with 1 submission quarantined and 1 team missing\n"))
    }

    @Test func otherTeamsRowsNamingAMissingTeamsProjectsAreNotTheirErrors() throws {
        let dir = try Self.sampleCopy()
        defer { dir.remove() }
        try FileManager.default.removeItem(at: dir.url.appendingPathComponent("submissions/2026-11/data-analytics"))
        let analytics = (25...30).map { String(format: "PRJ-%03d", $0) }
        let teams = Self.sampleTeams.map {
            MonthlyRun.ExpectedTeam(name: $0, dueDay: 5, projects: $0 == "data-analytics" ? analytics : [])
        }
        let outcome = MonthlyRun(plan: Self.plan(dir, teams: teams)).execute()
        #expect(outcome.status == .incomplete)
        let v = try #require(outcome.validation)
        // Four dependencies point at the team's projects: claims -> PRJ-025 and PRJ-026,
        // policy-platform -> PRJ-027, regulatory -> PRJ-025. Each is a note, none an error.
        #expect(!v.diagnostics.contains { $0.id == "ingest.ref.unknown_project" })
        let notes = v.diagnostics.filter { $0.id == "ingest.ref.absent_project" }
        #expect(notes.map(\.projectID) == ["PRJ-025", "PRJ-026", "PRJ-027", "PRJ-025"])
        #expect(notes.allSatisfy { $0.severity == .info && $0.message.contains("team data-analytics sent no submission") })
        #expect(outcome.teams.first { $0.name == "data-analytics" }?.due == Day("2026-12-05"))
    }

    // MARK: - Cases an independent review found

    @Test func aFolderWithNoSubmissionFileIsQuarantinedNotSubmitted() throws {
        let dir = try Self.sampleCopy()
        defer { dir.remove() }
        let claims = dir.url.appendingPathComponent("submissions/2026-11/claims")
        try FileManager.default.removeItem(at: claims)
        _ = try dir.write("submissions/2026-11/claims/status.pdf", "%PDF-1.4 not a submission")
        let teams = Self.sampleTeams.map { MonthlyRun.ExpectedTeam(name: $0, projects: $0 == "claims" ? ["PRJ-001", "PRJ-002"] : []) }
        let outcome = MonthlyRun(plan: Self.plan(dir, teams: teams)).execute()
        #expect(outcome.status == .incomplete)
        let team = try #require(outcome.teams.first { $0.name == "claims" })
        #expect(team.state == .quarantined)
        #expect(team.reasons == ["\(claims.path): no file of the submission standard among its 1 file (status.pdf); send the entity CSV files or the XML"])
        #expect(team.projects == ["PRJ-001", "PRJ-002"])
    }

    @Test func expectedProjectsASubmittingTeamLeftOutAreNotReported() throws {
        let dir = try Self.sampleCopy()
        defer { dir.remove() }
        let teams = Self.sampleTeams.map {
            MonthlyRun.ExpectedTeam(name: $0, projects: $0 == "claims" ? (1...7).map { String(format: "PRJ-%03d", $0) } : [])
        }
        let outcome = MonthlyRun(plan: Self.plan(dir, teams: teams)).execute()
        #expect(outcome.status == .complete)
        let team = try #require(outcome.teams.first { $0.name == "claims" })
        #expect(team.state == .submitted)
        #expect(team.projects == (1...6).map { String(format: "PRJ-%03d", $0) })
        // PRJ-007 is measured (policy-platform sent it): it is not "not sent".
        #expect(team.notSent == [])
        var plan = Self.plan(dir, teams: teams)
        plan.teams[0].projects = ["PRJ-001", "PRJ-099"]
        let second = MonthlyRun(plan: plan).execute()
        #expect(second.status == .incomplete)
        #expect(second.teams.first { $0.name == "claims" }?.notSent == ["PRJ-099"])
        #expect(second.summaryText(plan: plan, history: nil).contains("not sent    claims: PRJ-099 expected (configuration or last period) but in no submission"))
        #expect(second.files.contains { $0.path == "run.json" })
        let run = try String(contentsOf: URL(fileURLWithPath: plan.outputFolder).appendingPathComponent("run.json"), encoding: .utf8)
        #expect(run.contains("\"not_reported\": [\n    \"PRJ-099\"\n  ]"))
    }

    @Test(arguments: ["claims/", "./claims", "claims//"])
    func aTeamPathIsNormalised(_ path: String) throws {
        let dir = try Self.sampleCopy()
        defer { dir.remove() }
        let teams = Self.sampleTeams.map { MonthlyRun.ExpectedTeam(name: $0, folder: $0 == "claims" ? path : nil) }
        let outcome = MonthlyRun(plan: Self.plan(dir, teams: teams)).execute()
        #expect(outcome.status == .complete)
        #expect(outcome.teams.count == 6)
        #expect(outcome.teams.allSatisfy { !$0.unexpected })
        #expect(outcome.validation?.diagnostics.contains { $0.id == "ingest.row.duplicate_key" } == false)
        #expect(outcome.teams.first { $0.name == "claims" }?.projects.count == 6)
    }

    @Test func unexpectedFoldersStrayFilesAndLinkedTeamFolders() throws {
        let dir = try Self.sampleCopy()
        defer { dir.remove() }
        let fm = FileManager.default
        let submissions = dir.url.appendingPathComponent("submissions/2026-11")
        // The customer team's folder is a link to where its exports really live.
        try fm.moveItem(at: submissions.appendingPathComponent("customer"), to: dir.url.appendingPathComponent("customer-exports"))
        try fm.createSymbolicLink(at: submissions.appendingPathComponent("customer"),
                                  withDestinationURL: dir.url.appendingPathComponent("customer-exports"))
        _ = try dir.write("submissions/2026-11/projects.csv", "project_id,name\n")
        // An output folder govpack published into, inside the submissions: not a team.
        _ = try dir.write("submissions/2026-11/packs/.govpack-output", "govpack output folder\n")
        _ = try dir.write("submissions/2026-11/packs/metrics/projects.csv", "project_id,name\n")
        let teams = Self.sampleTeams.filter { $0 != "regulatory" }.map { MonthlyRun.ExpectedTeam(name: $0) }
        let outcome = MonthlyRun(plan: Self.plan(dir, teams: teams)).execute()
        #expect(outcome.status == .incomplete)
        #expect(outcome.teams.first { $0.name == "customer" }?.state == .submitted)
        #expect(outcome.teams.first { $0.name == "customer" }?.projects.count == 6)
        #expect(outcome.teams.filter(\.unexpected).map(\.name) == ["regulatory"])
        #expect(!outcome.teams.contains { $0.name == "packs" })
        #expect(outcome.strayFiles == [submissions.appendingPathComponent("projects.csv").path])
        let text = outcome.summaryText(plan: Self.plan(dir, teams: teams), history: nil)
        #expect(text.contains("govpack run for 2026-11: 5 of 5 teams submitted"))
        #expect(text.contains("unexpected  regulatory: a folder no team in the configuration names"))
        #expect(text.contains("not read    1 file directly in"))
    }

    @Test func runningAPeriodAgainGivesTheSameBytes() throws {
        let dir = try Self.sampleCopy()
        defer { dir.remove() }
        let plan = Self.plan(dir)
        let first = MonthlyRun(plan: plan).execute()
        let second = MonthlyRun(plan: plan).execute()
        #expect(first.status == .complete && second.status == .complete)
        #expect(first.files.map(\.path) == second.files.map(\.path))
        // Same sizes and SHA-256 checksums, file by file.
        #expect(first.files == second.files)
        #expect(first.files.count > 40)
        #expect(first.inputs == second.inputs)
    }

    @Test func noSubmissionsFailsAndPublishesNothing() throws {
        let dir = try Self.sampleCopy()
        defer { dir.remove() }
        var plan = Self.plan(dir)
        plan.submissionsFolder = dir.url.appendingPathComponent("submissions/2026-12").path
        let outcome = MonthlyRun(plan: plan).execute()
        #expect(outcome.status == .failed)
        #expect(outcome.failure?.contains("does not exist") == true)
        #expect(!FileManager.default.fileExists(atPath: plan.outputFolder))
    }
}
