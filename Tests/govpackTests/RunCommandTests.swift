import Foundation
import GovPackCore
import GovPackStore
import GovPackTestSupport
import Testing

/// `govpack run` as a scheduler runs it: from a configuration, with its exit codes, killed
/// half-way, and run twice.
@Suite(.enabled(if: GovPackCLI.available, "build govpack first (make test does)"))
struct RunCommandTests {
    static let teams = ["claims", "customer", "data-analytics", "infrastructure", "policy-platform", "regulatory"]

    /// A PMO folder: reference data, the 2026-10 and 2026-11 submissions, and a govpack.yaml.
    static func pmoFolder() throws -> TemporaryFolder {
        let dir = try TemporaryFolder()
        let fm = FileManager.default
        try fm.copyItem(at: TestPaths.sampleData.appendingPathComponent("reference"), to: dir.url.appendingPathComponent("reference"))
        try fm.createDirectory(at: dir.url.appendingPathComponent("submissions"), withIntermediateDirectories: true)
        for p in ["2026-10", "2026-11"] {
            try fm.copyItem(at: TestPaths.sampleData.appendingPathComponent("submissions/\(p)"),
                            to: dir.url.appendingPathComponent("submissions/\(p)"))
        }
        _ = try dir.write("govpack.yaml", """
            organisation: Test PMO
            inputs:
              reference: [reference]
              submissions: submissions/{period}
            submissions_due: 5
            teams:
            \(teams.map { "  - name: \($0)" }.joined(separator: "\n"))
              - name: payments
                projects: [PRJ-090, PRJ-091]
            thresholds:
              appetite: {resource: 300}
            output:
              folder: out/{period}
              formats: [html, md]
            history: govpack.db

            """)
        return dir
    }

    /// Every file under `folder` by relative path (the publisher's marker left out).
    static func contents(_ folder: URL) -> [String: Data] {
        var out: [String: Data] = [:]
        guard let e = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey]) else { return out }
        for case let url as URL in e where (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true {
            let rel = String(url.standardizedFileURL.path.dropFirst(folder.standardizedFileURL.path.count + 1))
            if rel == ".govpack-output" { continue }
            out[rel] = try? Data(contentsOf: url)
        }
        return out
    }

    @Test func aCorruptTeamExitsOneWithEverythingElsePublished() throws {
        let dir = try Self.pmoFolder()
        defer { dir.remove() }
        // The regulatory team's projects.csv is cut off inside a quoted field.
        let projects = dir.url.appendingPathComponent("submissions/2026-11/regulatory/projects.csv")
        let text = try String(contentsOf: projects, encoding: .utf8)
        try (String(text.prefix(400)) + "\"unfinished").write(to: projects, atomically: true, encoding: .utf8)
        let r = try GovPackCLI.run(["run", "--config", "govpack.yaml", "--period", "2026-11"], in: dir.url)
        #expect(r.status == 1)
        #expect(r.stdout.contains("govpack run for 2026-11: 5 of 7 teams submitted"))
        // Its projects.csv is what broke, and the configuration does not list them: said so.
        #expect(r.stdout.contains("quarantined regulatory: left out of the metrics; its projects are not known to this run"))
        // Only the reason is reported, not the follow-on errors of the team's other files: the
        // sample's 8 rule errors less regulatory's 3 (PRJ-020, PRJ-021, PRJ-022), plus the reason.
        #expect(r.stdout.contains("findings    6 errors, 3 warnings"))
        #expect(r.stdout.contains("regulatory/projects.csv:"))
        #expect(r.stdout.contains("[ingest.csv.unterminated_quote]"))
        #expect(r.stdout.contains("missing     payments (due 2026-12-05)"))
        #expect(r.stdout.hasSuffix("exit 1: complete, with 1 submission quarantined and 1 team missing\n"))
        let out = dir.url.appendingPathComponent("out/2026-11")
        let files = Self.contents(out)
        #expect(files["html/board.html"] != nil && files["md/board.md"] != nil && files["metrics.json"] != nil)
        #expect(files["html/projects/PRJ-001.html"] != nil)
        #expect(files["html/projects/PRJ-019.html"] == nil)  // regulatory's projects are not measured
        let compliance = String(decoding: files["md/compliance.md"] ?? Data(), as: UTF8.self)
        #expect(compliance.contains("| regulatory | quarantined | 5 Dec 2026 |"))
        #expect(compliance.contains("| payments | missing | 5 Dec 2026 | 0 |"))
        let run = String(decoding: files["run.json"] ?? Data(), as: UTF8.self)
        #expect(run.contains("\"teams_quarantined\": 1") && run.contains("\"teams_missing\": 1"))
        #expect(run.contains("\"not_reported\": [\n    \"PRJ-090\",\n    \"PRJ-091\"\n  ]"))
    }

    @Test func badConfigurationExitsTwoWithItsPlace() throws {
        let dir = try Self.pmoFolder()
        defer { dir.remove() }
        _ = try dir.write("bad.yaml", "inputs:\n  reference: [reference]\noutptu:\n  folder: out/{period}\n")
        let r = try GovPackCLI.run(["run", "--config", "bad.yaml", "--period", "2026-11"], in: dir.url)
        #expect(r.status == 2)
        #expect(r.stderr.contains("bad.yaml:3:1: error: [config.unknown_key]"))
        #expect(r.stderr.contains("output"))
        #expect(!FileManager.default.fileExists(atPath: dir.url.appendingPathComponent("out").path))
    }

    @Test func runningAPeriodAgainChangesNoByteOfPacksOrHistory() throws {
        let dir = try Self.pmoFolder()
        defer { dir.remove() }
        for p in ["2026-10", "2026-11"] {
            let r = try GovPackCLI.run(["run", "--config", "govpack.yaml", "--period", p, "--quiet"], in: dir.url)
            #expect(r.status == 1, "\(p): \(r.stderr)")  // payments never submits
        }
        let out = dir.url.appendingPathComponent("out/2026-11")
        let firstFiles = Self.contents(out)
        let db = dir.url.appendingPathComponent("govpack.db").path
        let firstDump = try HistoryStore(path: db, mode: .readOnly).dump()
        let again = try GovPackCLI.run(["run", "--config", "govpack.yaml", "--period", "2026-11", "--quiet"], in: dir.url)
        #expect(again.status == 1)
        #expect(again.stdout.isEmpty)
        #expect(Self.contents(out) == firstFiles)
        #expect(try HistoryStore(path: db, mode: .readOnly).dump() == firstDump)
        let runs = try HistoryStore(path: db, mode: .readOnly).runs()
        #expect(runs.map(\.period.description) == ["2026-10", "2026-11"])
        // run.json and the history name the same inputs by the same digest.
        let runJSON = try JSONSerialization.jsonObject(with: firstFiles["run.json"] ?? Data()) as? [String: Any]
        #expect(runJSON?["input_digest"] as? String == runs.last?.inputDigest)
        #expect(runs.last?.inputs == 64)
        // The history keeps the metrics document exactly as published.
        let recorded = try HistoryStore(path: db, mode: .readOnly).snapshot(Period(year: 2026, month: 11)!)
        #expect(recorded?.metricsJSON.utf8.count ?? 0 > 1000)
        #expect(recorded.map { Data($0.metricsJSON.utf8) } == firstFiles["metrics.json"])
        // The November packs compare with October: the trends are there.
        let board = String(decoding: firstFiles["md/board.md"] ?? Data(), as: UTF8.self)
        #expect(board.contains("RAG moves since October 2026"))
        #expect(board.contains("| [PRJ-008](projects/PRJ-008.md) | M-4 System test exit | 7 Jan 2027 | 28 Jan 2027 | **+21 days** |"))
        #expect(board.contains("| [PRJ-002](projects/PRJ-002.md) | M-4 System test exit | 26 Nov 2026 | 10 Dec 2026 | **+14 days** |"))
        #expect(board.contains("**Went Red this month:**\n\n- [PRJ-008 Policy admin replacement](projects/PRJ-008.md) (was Amber)"))
        let risk = String(decoding: firstFiles["md/risk.md"] ?? Data(), as: UTF8.self)
        #expect(risk.contains("| [PRJ-011](projects/PRJ-011.md) | R-3 Pricing model sign-off blocked by actuarial review | Mei Osei (P-027) | 12 → 20 | ▲ +8 | critical |"))
        #expect(risk.contains("| [PRJ-011](projects/PRJ-011.md) | R-1 Contractor attrition in build team | 12 |"))
        #expect(risk.contains("| [PRJ-002](projects/PRJ-002.md) | R-1 Supplier day rates rise above budget | 8 |"))
        // An ad-hoc board pack reads the same history (read-only) and shows the same change.
        let adhoc = try GovPackCLI.run(["report", "reference", "submissions/2026-11", "--period", "2026-11", "--pack", "board",
                                        "--format", "md", "--history", "govpack.db", "--out", "adhoc"], in: dir.url)
        #expect(adhoc.status == 0)
        let adhocBoard = try String(contentsOf: dir.url.appendingPathComponent("adhoc/board.md"), encoding: .utf8)
        #expect(adhocBoard.contains("**Went Red this month:**\n\n- [PRJ-008 Policy admin replacement](projects/PRJ-008.md) (was Amber)"))
        #expect(try HistoryStore(path: db, mode: .readOnly).dump() == firstDump)
    }

    /// A run whose packs fail to render publishes nothing and records nothing: with no history
    /// yet, it makes no database (the history is made by the first run that publishes); with
    /// one, the rows it wrote while rendering are rolled back and the history is as it was.
    @Test func aRunWhoseRenderFailsLeavesTheHistoryAsItWas() throws {
        let dir = try Self.pmoFolder()
        defer { dir.remove() }
        let config = try String(contentsOf: dir.url.appendingPathComponent("govpack.yaml"), encoding: .utf8)
        _ = try dir.write("broken.yaml", config.replacingOccurrences(
            of: "  formats: [html, md]\n", with: "  formats: [html, md]\n  templates: my-templates\n"))
        _ = try dir.write("my-templates/board/board.html.mustache", "{{summry}}\n")
        let db = dir.url.appendingPathComponent("govpack.db").path
        let first = try GovPackCLI.run(["run", "--config", "broken.yaml", "--period", "2026-10", "--quiet"], in: dir.url)
        #expect(first.status == 2, "\(first.stderr)")
        #expect(first.stderr.contains("summry"))
        #expect(!FileManager.default.fileExists(atPath: db))
        let good = try GovPackCLI.run(["run", "--config", "govpack.yaml", "--period", "2026-10", "--quiet"], in: dir.url)
        #expect(good.status == 1, "\(good.stderr)")  // payments never submits
        let before = try HistoryStore(path: db, mode: .readOnly).dump()
        for period in ["2026-10", "2026-11"] {
            let failed = try GovPackCLI.run(["run", "--config", "broken.yaml", "--period", period, "--quiet"], in: dir.url)
            #expect(failed.status == 2, "\(failed.stderr)")
            #expect(try HistoryStore(path: db, mode: .readOnly).dump() == before)
        }
        #expect(!FileManager.default.fileExists(atPath: dir.url.appendingPathComponent("out/2026-11").path))
    }

    /// A scheduler names the configuration by its absolute path; an analyst runs it from its
    /// folder. run.json and the history's input digest are the same either way.
    @Test func theRecordDoesNotDependOnHowTheConfigurationIsNamed() throws {
        let dir = try Self.pmoFolder()
        defer { dir.remove() }
        let here = try GovPackCLI.run(["run", "--config", "govpack.yaml", "--period", "2026-11", "--quiet"], in: dir.url)
        #expect(here.status == 1)
        let first = try Data(contentsOf: dir.url.appendingPathComponent("out/2026-11/run.json"))
        let absolute = try GovPackCLI.run(
            ["run", "--config", dir.url.appendingPathComponent("govpack.yaml").path, "--period", "2026-11", "--quiet"],
            in: URL(fileURLWithPath: "/"))
        #expect(absolute.status == 1)
        let second = try Data(contentsOf: dir.url.appendingPathComponent("out/2026-11/run.json"))
        // The inputs, teams and digest are the same; the packs quote file paths as they were
        // given (as a compiler does), so their checksums under "outputs" may differ.
        func record(_ d: Data) throws -> [String] {
            let o = try #require(try JSONSerialization.jsonObject(with: d) as? [String: Any])
            let inputs = try JSONSerialization.data(withJSONObject: o["inputs"] ?? [], options: [.sortedKeys])
            let teams = try JSONSerialization.data(withJSONObject: o["teams"] ?? [], options: [.sortedKeys])
            return [o["input_digest"] as? String ?? "", String(decoding: inputs, as: UTF8.self), String(decoding: teams, as: UTF8.self)]
        }
        #expect(try record(first) == record(second))
        #expect(!String(decoding: second, as: UTF8.self).contains("\"path\": \"" + dir.url.path))
    }

    /// Killed at several points, the period's folder is always the previous complete output or
    /// the new complete one, and the history opens with a whole snapshot.
    @Test func aRunKilledHalfWayLeavesThePreviousOutputIntact() throws {
        let dir = try Self.pmoFolder()
        defer { dir.remove() }
        let first = try GovPackCLI.run(["run", "--config", "govpack.yaml", "--period", "2026-11", "--quiet"], in: dir.url)
        #expect(first.status == 1)
        let out = dir.url.appendingPathComponent("out/2026-11")
        let old = Self.contents(out)
        #expect(old.count > 100)
        // A changed submission: the next run's output differs from the published one.
        let projects = dir.url.appendingPathComponent("submissions/2026-11/claims/projects.csv")
        let text = try String(contentsOf: projects, encoding: .utf8)
        try text.replacingOccurrences(of: "Claims triage automation", with: "Claims triage automation II")
            .write(to: projects, atomically: true, encoding: .utf8)
        let started = Date()
        let fresh = try GovPackCLI.run(
            ["run", "--config", "govpack.yaml", "--period", "2026-11", "--quiet", "--no-history", "--out", "expected"], in: dir.url)
        #expect(fresh.status == 1)
        var new = Self.contents(dir.url.appendingPathComponent("expected"))
        #expect(new != old)
        new["run.json"] = nil  // run.json names the output folder nowhere, but compare packs apart from it
        var sawOld = 0, sawNew = 0
        // Kill points spread over a whole run's length (as long as the run just timed took).
        let length = Date().timeIntervalSince(started)
        for delay in stride(from: 0.05, through: 1.15, by: 0.1).map({ $0 * length }) {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: GovPackCLI.binary)
            p.arguments = ["run", "--config", "govpack.yaml", "--period", "2026-11", "--quiet"]
            p.currentDirectoryURL = dir.url
            p.standardOutput = FileHandle.nullDevice
            p.standardError = FileHandle.nullDevice
            try p.run()
            Thread.sleep(forTimeInterval: delay)
            kill(p.processIdentifier, SIGKILL)
            p.waitUntilExit()
            var now = Self.contents(out)
            if now == old {
                sawOld += 1
            } else {
                now["run.json"] = nil
                #expect(now == new, "after \(delay) s the output is neither the old nor the new one: \(Set(now.keys).symmetricDifference(new.keys).sorted().prefix(5))")
                sawNew += 1
            }
            let store = try HistoryStore(path: dir.url.appendingPathComponent("govpack.db").path, mode: .readOnly)
            #expect(try store.snapshot(Period(year: 2026, month: 11)!) != nil)
        }
        print("killed runs: \(sawOld) left the previous output, \(sawNew) the new one")
        // A run to completion afterwards cleans up what the killed ones left behind.
        let last = try GovPackCLI.run(["run", "--config", "govpack.yaml", "--period", "2026-11", "--quiet"], in: dir.url)
        #expect(last.status == 1)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: dir.url.appendingPathComponent("out").path)
            .filter { $0.hasPrefix(".") }
        #expect(leftovers.isEmpty, "staging folders left: \(leftovers)")
    }
}
