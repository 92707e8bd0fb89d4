import Foundation
import GovPackCore
import GovPackStore
import GovPackTestSupport
import Testing

/// `govpack history` on a database of two hand-made runs.
@Suite(.enabled(if: GovPackCLI.available, "build govpack first (make test does)"))
struct HistoryCommandTests {
    static func money(_ s: String) -> Decimal { Decimal(string: s) ?? 0 }

    static func october() -> RunSnapshot {
        RunSnapshot(
            period: Period(year: 2026, month: 10) ?? Period(index: 0), govpackVersion: "0.1.0", inputDigest: "abc",
            inputs: [
                InputRecord(path: "a/projects.csv", team: "a", sha256: "11", bytes: 10),
                InputRecord(path: "b/projects.csv", team: "b", sha256: "22", bytes: 10, status: .quarantined),
            ],
            portfolio: FigureRecord(
                rag: .amber, projects: 2, activeProjects: 2, bac: money("1000000.5"), eac: money("1100000"), cpi: 0.9123,
                spi: 1.05, riskExposure: 40, openRisks: 3, complianceScore: 87.5),
            projects: [
                ProjectRecord(
                    id: "P-001", name: "Ledger move", programID: "G1", stage: .execution, ragReported: .green,
                    ragDerived: .amber, bac: 1000, eac: money("1176.4705882352941176"), cpi: 0.85, spi: 0.9,
                    riskExposure: 15, complianceScore: 75, endSlipDays: 30),
                ProjectRecord(id: "P-002", name: "Web", stage: .planning, ragReported: .green, ragDerived: .green),
            ],
            findings: [FindingRecord(ruleID: "r", projectID: "P-001", severity: .error, count: 3)],
            packFiles: [
                PackFileRecord(path: "board.html", sha256: "aa", bytes: 1),
                PackFileRecord(path: "index.html", sha256: "bb", bytes: 1),
            ])
    }

    static func november() -> RunSnapshot {
        RunSnapshot(
            period: Period(year: 2026, month: 11) ?? Period(index: 0), govpackVersion: "0.1.0", inputDigest: "def",
            portfolio: FigureRecord(rag: .red, projects: 2, activeProjects: 2, bac: 1000, cpi: nil, spi: 0.5, riskExposure: 7),
            projects: [
                ProjectRecord(
                    id: "P-001", name: "Ledger move", programID: "G1", stage: .execution, ragReported: nil, ragDerived: .red,
                    cpi: 0.7, riskExposure: 20),
                ProjectRecord(id: "P-002", name: "Web", stage: .planning),
            ])
    }

    /// A folder holding `govpack.db` with both runs (November recorded first).
    static func database() throws -> (TemporaryFolder, String) {
        let dir = try TemporaryFolder()
        let path = dir.url.appendingPathComponent("govpack.db").path
        let store = try HistoryStore(path: path)
        try store.record(november())
        try store.record(october())
        return (dir, path)
    }

    @Test func listsTheRunsOldestFirst() throws {
        let (dir, db) = try Self.database()
        defer { dir.remove() }
        let r = try GovPackCLI.run(["history", "--db", db])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout == """
            period   projects  RAG   CPI   SPI  exposure  compliance  findings  files
            2026-10         2  A    0.91  1.05        40        87.5         3      2
            2026-11         2  R       -  0.50         7           -         0      0

            """)
    }

    @Test func listsTheRunsAsCSVAndJSON() throws {
        let (dir, db) = try Self.database()
        defer { dir.remove() }
        let csv = try GovPackCLI.run(["history", "--db", db, "--format", "csv"])
        #expect(csv.status == 0)
        #expect(csv.stdout == """
            period,projects,rag,cpi,spi,bac,eac,risk_exposure,open_risks,compliance_score,benefit_realisation_pct,findings,inputs,quarantined_inputs,pack_files,govpack_version,input_digest
            2026-10,2,A,0.9123,1.05,1000000.5,1100000,40,3,87.5,,3,2,1,2,0.1.0,abc
            2026-11,2,R,,0.5,1000,,7,0,,,0,0,0,0,0.1.0,def

            """)
        let json = try GovPackCLI.run(["history", "--db", db, "--format", "json"])
        #expect(json.status == 0)
        let obj = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(obj["schema"] as? String == "govpack.history/1")
        let runs = try #require(obj["runs"] as? [[String: Any]])
        #expect(runs.map { $0["period"] as? String } == ["2026-10", "2026-11"])
        #expect(runs[0]["cpi"] as? Double == 0.9123)
        #expect(runs[0]["bac"] as? Double == 1000000.5)
        #expect(runs[1]["cpi"] is NSNull)
        #expect(json.stdout.contains("\"bac\": 1000000.5"))  // exact digits, not a float spelling
    }

    @Test func printsOneProjectPerPeriod() throws {
        let (dir, db) = try Self.database()
        defer { dir.remove() }
        let r = try GovPackCLI.run(["history", "--db", db, "--project", "P-001"])
        #expect(r.status == 0, "\(r.stderr)")
        // EAC 1176.47... reads as 1176.
        #expect(r.stdout == """
            P-001  Ledger move (G1)
            period   stage      reported  derived   CPI   SPI   EAC  exposure  compliance  slip
            2026-10  execution  G         A        0.85  0.90  1176        15        75.0    30
            2026-11  execution  -         R        0.70     -     -        20           -     -

            """)
        let csv = try GovPackCLI.run(["history", "--db", db, "--project", "P-001", "--format", "csv"])
        #expect(csv.stdout.split(separator: "\n").dropFirst().first == "2026-10,P-001,execution,G,A,0.85,0.9,1000,1176.4705882352941176,15,0,75,0,0,30,")
    }

    @Test func anUnknownProjectNamesCloseOnes() throws {
        let (dir, db) = try Self.database()
        defer { dir.remove() }
        let r = try GovPackCLI.run(["history", "--db", db, "--project", "P-01"])
        #expect(r.status == 1)
        #expect(r.stdout.isEmpty)
        #expect(r.stderr == "govpack: no project 'P-01' in \(db); did you mean P-001, P-002?\n")
        let far = try GovPackCLI.run(["history", "--db", db, "--project", "XYZ-999"])
        #expect(far.status == 1)
        #expect(far.stderr == "govpack: no project 'XYZ-999' in \(db)\n")
    }

    @Test func aMissingDatabaseFailsWithoutCreatingOne() throws {
        let dir = try TemporaryFolder()
        defer { dir.remove() }
        let db = dir.url.appendingPathComponent("govpack.db").path
        let r = try GovPackCLI.run(["history", "--db", db])
        #expect(r.status == 2)
        #expect(r.stderr == "govpack: \(db): no history database here (no run has been recorded yet)\n")
        #expect(!FileManager.default.fileExists(atPath: db))
        // The default is govpack.db in the working folder.
        let here = try GovPackCLI.run(["history"], in: dir.url)
        #expect(here.status == 2)
        #expect(here.stderr.contains("govpack.db: no history database here"))
        #expect(!FileManager.default.fileExists(atPath: db))
    }

    @Test func aFileThatIsNotAHistoryFails() throws {
        let dir = try TemporaryFolder()
        defer { dir.remove() }
        let db = try dir.write("govpack.db", "period,projects\n2026-11,3\n").path
        let r = try GovPackCLI.run(["history", "--db", db])
        #expect(r.status == 2)
        #expect(r.stderr.contains("not a govpack history database"))
    }

    @Test func helpShowsExamples() throws {
        let r = try GovPackCLI.run(["history", "--help"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("govpack history --project PRJ-014"))
        #expect(r.stdout.contains("--db <path>"))
        #expect(r.stdout.contains("--format <format>"))
    }
}
